/**
 * Building a container image from a Dockerfile runs the file's instructions (image-builds.ts, docs/risk.md):
 * code-execution, and the image it leaves is stored content, not infrastructure. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('image builds run code', () => {
  it('building an image from a Dockerfile or Containerfile is code execution, not infrastructure', () => {
    const results = [
      classifyTool(toolDef('oci_build', 'Builds an OCI image from a Containerfile.', { context: str() }), mcpSource),
      classifyTool(
        toolDef('buildImage', 'Build a container image with the given tag.', { tag: str(), contextDir: str() }),
        { kind: 'mcp', server: 'docker-tools' },
      ),
      classifyOperation('POST /images/build', 'buildImage', 'Builds an image from the uploaded Dockerfile.', {
        tag: str(),
      }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toEqual(['code-execution']);
      expect(a.sideEffect).not.toBe('none');
      expect(a.level).toBe('high');
    }
  });

  it('other infrastructure stays, and building something else is no image build', () => {
    const deployed = classifyTool(
      toolDef('cluster_image_build', 'Build a Docker image from a Dockerfile on the cluster.', { cluster: str() }),
      mcpSource,
    );
    expect(deployed.categories, deployed.reasons.join(' | ')).toEqual(['code-execution', 'infrastructure']);
    for (const a of [
      classifyTool(toolDef('build_page', 'Build a landing page from blocks.', { blocks: str() }), mcpSource),
      classifyTool(toolDef('build_image', 'Build an image of the chart for the report.', { chart: str() }), mcpSource),
      classifyTool(toolDef('build_report', 'Build a usage report for the month.', { month: str() }), mcpSource),
      classifyTool(toolDef('delete_image', 'Delete a Docker image.', { id: str() }), mcpSource),
    ])
      expect(a.categories, a.reasons.join(' | ')).not.toContain('code-execution');
  });
});
