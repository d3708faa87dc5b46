/**
 * Building a container image runs code (thirty-first round; docs/risk.md, code-execution and infrastructure).
 *
 * A Dockerfile (Podman's Containerfile) is a script: the Dockerfile reference says the `RUN` instruction "will execute
 * any commands in a new layer on top of the current image", and `docker build`, `podman build` and `buildah` run each
 * instruction in a build container. So building an image from one (`docker-build`, `image_build`, `POST /build`: "Build a
 * Docker image from a Dockerfile") runs the file's commands: `code-execution`, as starting a CI build does (run-code.ts).
 * What it leaves is an image in the local store or a registry, stored content: nothing is provisioned, no machine or
 * container starts, as pulling or pushing an image provisions nothing (machine-images.ts). So `infrastructure` that
 * rests on the image noun alone is dropped, with the reason; other infrastructure evidence (a cluster, a deployment)
 * stays.
 *
 * Only when the tool's verb is "build" and its object is a machine or container image (the infrastructure the image
 * gave) or its words name the build file. Building a page, a model or a report is no image build.
 */
import { addCategory, type Signals } from './signals.js';

/** The build files whose instructions an image build runs. */
const buildFiles = new Set(['dockerfile', 'containerfile', 'podmanfile']);
/** What names the image itself in an infrastructure reason (as machine-images.ts reads it). */
const imageReason = /^(?:object )?'(?:images?|containers?)' in (?:name|operationId|path segment|description)$/;

/** Adds `code-execution` to an image build and drops infrastructure that rests on the built image alone; called for a
 * tool whose verb is "build", with its name's and description's words. */
export function imageBuilt(s: Signals, wordLists: ReadonlyArray<readonly string[]>): void {
  const why = s.categories.get('infrastructure');
  const onImage = why !== undefined && why.every((r) => imageReason.test(r)) && why.some((r) => r.includes("'image"));
  const file = wordLists.flat().find((w) => buildFiles.has(w.toLowerCase()));
  if (!onImage && file === undefined) return;
  addCategory(
    s,
    'code-execution',
    `verb 'build' of an image${file ? ` from a ${file.toLowerCase()}` : ''}: the build runs its instructions (RUN)`,
  );
  if (!onImage) return;
  s.categories.delete('infrastructure');
  s.reasons.push(`${why[0] ?? ''}, but a built image is stored content: nothing is provisioned`);
}
