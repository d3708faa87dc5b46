/**
 * An image is infrastructure only where it is a machine or container image: what a VM boots from (cloud compute
 * images: Amazon AMIs, Compute Engine and Linode images, droplet images) or what a container runs from (the OCI image
 * specification, Docker). Elsewhere an image is a picture: a user's avatar, an item on a board, a decal in a game, a
 * generated image, an image list kept for moderation; changing one changes stored content, not infrastructure.
 *
 * The tool's own words (name, path, description opening) and, for MCP, its server's name say which sense is meant.
 */
import type { Signals } from './signals.js';
import { stem } from './tokens.js';

/** Words that put an image in the machine or container sense (OCI image spec; cloud compute image taxonomies). */
const machineContext = new Set(
  (
    'container docker dockerfile oci podman kubernetes k8s vm virtual machine disk boot kernel os distribution ' +
    'droplet linode compute ami hypervisor'
  ).split(' '),
);

/** Whether an `image` among these words is a machine or container image. */
export function imagesAreMachines(words: readonly string[], server?: string): boolean {
  const all = server ? [...words, ...server.toLowerCase().split(/[^a-z0-9]+/)] : words;
  return all.some((w) => {
    const lower = w.toLowerCase();
    return machineContext.has(lower) || machineContext.has(stem(lower));
  });
}

/** Whether a noun (stemmed) is an image in the picture sense here (so not infrastructure); `pictureImages` is asked
 * only for an image (it reads all the tool's words). */
export function pictureImage(stemmed: string, pictureImages: () => boolean): boolean {
  return stemmed === 'image' && pictureImages();
}

/**
 * Verbs that move or copy an image as content (the OCI Distribution Specification's pull and push of manifests and
 * blobs between a registry and a client; Docker's and Podman's save, load, import, export and tag on the local image
 * store).
 */
const transferVerbs = new Set(['pull', 'push', 'import', 'export', 'save', 'load', 'copy', 'tag', 'untag', 'download']);
/** What names the image itself in an infrastructure reason ("object 'image' in name", "'container' in description":
 * a container image). */
const imageReason = /^(?:object )?'(?:images?|containers?)' in (?:name|operationId|path segment|description)$/;

/**
 * Pulling, pushing, importing or tagging a machine or container image copies stored content: no compute, network or
 * storage is provisioned or changed, as taking a backup is no infrastructure change (docs/risk.md). `infrastructure`
 * is dropped, with the reason, when it rests only on the image noun and the tool's verb is a transfer; building an
 * image (it runs a build), creating one from a machine and deleting one are unchanged.
 */
export function imageTransferred(s: Signals, verb: string | undefined): void {
  const why = s.categories.get('infrastructure');
  if (!why || verb === undefined || !transferVerbs.has(verb) || !why.every((r) => imageReason.test(r))) return;
  if (!why.some((r) => r.includes("'image"))) return;
  s.categories.delete('infrastructure');
  s.reasons.push(
    `${why[0] ?? ''}, but verb '${verb}' moves the image as stored content (OCI distribution): nothing is provisioned`,
  );
}
