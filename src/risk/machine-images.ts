/**
 * An image is infrastructure only where it is a machine or container image: what a VM boots from (cloud compute
 * images: Amazon AMIs, Compute Engine and Linode images, droplet images) or what a container runs from (the OCI image
 * specification, Docker). Elsewhere an image is a picture: a user's avatar, an item on a board, a decal in a game, a
 * generated image, an image list kept for moderation; changing one changes stored content, not infrastructure.
 *
 * The tool's own words (name, path, description opening) and, for MCP, its server's name say which sense is meant.
 */
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

/** Whether a noun (stemmed) is an image in the picture sense here (so not infrastructure). */
export function pictureImage(stemmed: string, pictureImages: boolean): boolean {
  return pictureImages && stemmed === 'image';
}
