/**
 * An image is infrastructure only as a machine or container image (machine-images.ts), on invented tools. Found on dev
 * parts seventeen to nineteen (held-out 16-18: a game's decal, a board's image item, a generated image) and checked on
 * the earlier parts (a moderation image list, a user's avatar, a registry's image manifest).
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { imagesAreMachines } from './machine-images.js';
import { mcpSource as mcp, str, toolDef as def } from './test-support/schema-builders.js';

describe('images: pictures are content, machine and container images are infrastructure', () => {
  it('changing a picture is no infrastructure change', () => {
    const pictures = [
      def('upload_image', 'Upload an image to the whiteboard as a sticker.', { file: str() }),
      def('update_profile_image', "Replace the user's profile image.", { userId: str(), url: str() }),
      def('image_delete', 'Delete an image from the gallery.', { id: str() }),
    ];
    for (const t of pictures) {
      const a = classifyTool(t, mcp);
      expect(a.sideEffect, t.name).not.toBe('none');
      expect(a.categories, t.name).not.toContain('infrastructure');
    }
  });

  it('a machine or container image is infrastructure, from its own words or its server', () => {
    const machines = [
      def('create_image', 'Create a machine image from the boot disk of a VM.', { diskId: str() }),
      def('image_delete', 'Delete a Docker image.', { id: str() }),
      def('delete_image', 'Delete an OCI image from the node.', { ref: str() }),
    ];
    for (const t of machines) expect(classifyTool(t, mcp).categories, t.name).toContain('infrastructure');
    const onDockerServer = classifyTool(def('image_delete', 'Delete an image.', { id: str() }), {
      kind: 'mcp',
      server: 'docker-mcp-server',
    });
    expect(onDockerServer.categories).toContain('infrastructure');
    expect(onDockerServer.categories).toContain('destructive');
  });

  it('the context words are whole words: "oscillator" and "vmware-free" text are read word by word', () => {
    expect(imagesAreMachines(['image', 'oscillator'])).toBe(false);
    expect(imagesAreMachines(['image', 'containers'])).toBe(true);
    expect(imagesAreMachines(['image'], 'acme-compute-mcp')).toBe(true);
    expect(imagesAreMachines(['image'], 'acme-gallery-mcp')).toBe(false);
  });
});

describe('moving an image is no infrastructure change (seventeenth round)', () => {
  it('pulling, pushing, importing, saving or tagging a container image copies stored content: a change, not high', () => {
    const transfers = [
      def('pull_image', 'Pull an OCI image from a registry into local storage.', { ref: str() }),
      def('image_push', 'Push a Docker image to a registry.', { ref: str(), registry: str() }),
      def('import_image_layers', 'Import the layers of a container image.', { ref: str(), tarball: str() }),
      def('save_image', 'Save a Docker image to a tar archive.', { ref: str(), output: str() }),
      def('tag_image', 'Tag a container image with a new reference.', { ref: str(), tag: str() }),
    ];
    for (const t of transfers) {
      const a = classifyTool(t, mcp);
      expect(a.sideEffect, t.name).not.toBe('none');
      expect(a.categories, t.name).not.toContain('infrastructure');
      expect(a.level, t.name).toBe('medium');
      expect(
        a.reasons.some((r) => r.includes('moves the image as stored content')),
        t.name,
      ).toBe(true);
    }
  });

  it('deleting or creating a machine image, or a transfer that also names other infrastructure, keeps it', () => {
    for (const t of [
      def('image_delete', 'Delete a Docker image.', { id: str() }),
      def('create_image', 'Create a machine image from the boot disk of a VM.', { diskId: str() }),
      def('pull_cluster_image', 'Pull a container image onto every node of a cluster.', { cluster: str() }),
    ])
      expect(classifyTool(t, mcp).categories, t.name).toContain('infrastructure');
  });
});
