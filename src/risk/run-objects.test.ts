/**
 * What "run" does with its object (run-objects.ts, docs/risk.md): running a container or pod from its image starts
 * compute (infrastructure, no code execution), and "run an audit" names the analysis (a read). A command passed to the
 * container, and running commands, scripts, tests or queries, stay code execution. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { runObjectClass } from './run-objects.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('running a container starts compute', () => {
  it('a container or pod run from an image is an infrastructure change, not code execution', () => {
    const results = [
      classifyTool(toolDef('box_run_container', 'Run a Docker container from an image.', { image: str() }), mcpSource),
      classifyTool(toolDef('sandbox_pod_run', 'Runs a pod for the sandbox.', { image: str() }), mcpSource),
      classifyTool(toolDef('runContainer', 'Runs a new container.', { imageRef: str(), ports: str() }), mcpSource),
      classifyTool(
        toolDef('podman-run', 'Creates a container from an image, with options.', { imageName: str() }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toEqual(['infrastructure']);
      expect(a.sideEffect).toBe('data-change');
      expect(a.level).toBe('high');
    }
  });

  it('a command run in a container, and running code, stay code execution', () => {
    const results = [
      classifyTool(
        toolDef('container_run', 'Runs a container from an image.', { image: str(), command: str('Command to run') }),
        mcpSource,
      ),
      classifyTool(toolDef('run_in_container', 'Run a command in a container.', { cmd: str() }), mcpSource),
      classifyTool(toolDef('run_script', 'Run a script on the host.', { path: str() }), mcpSource),
      classifyTool(toolDef('suite_run', 'Run the test suite.', { pattern: str() }), mcpSource),
      classifyOperation('POST /scripts/{id}/run', 'runScript', 'Runs the script.', { id: str() }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('code-execution');
  });
});

describe('"run" an analysis names the analysis', () => {
  it('running an audit, scan or check of a page reads it (or reaches it), runs no code', () => {
    const results = [
      classifyTool(
        toolDef('runLinkAudit', 'Audits the links of a web page.', { url: str('Page to audit') }),
        mcpSource,
      ),
      classifyTool(toolDef('run_contrast_check', 'Checks colour contrast of the open tab.', {}), mcpSource),
      classifyTool(toolDef('markup_scan_run', 'Markup scan of the current document.', {}), mcpSource),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('code-execution');
      expect(['none', 'external']).toContain(a.sideEffect);
    }
    expect(results[0]?.sideEffect).toBe('external');
  });

  it('reads the object phrase: up to four words, to a preposition; a code word keeps "run"', () => {
    expect(runObjectClass(['run', 'a', 'docker', 'container'], 0)).toBe('lifecycle');
    expect(runObjectClass(['pod', 'run'], 1)).toBe('lifecycle');
    expect(runObjectClass(['run', 'seo', 'audit'], 0)).toBe('read');
    expect(runObjectClass(['run', 'command', 'in', 'container'], 0)).toBeUndefined();
    expect(runObjectClass(['run', 'tests', 'in', 'docker'], 0)).toBeUndefined();
    expect(runObjectClass(['run', 'benchmark'], 0)).toBeUndefined();
    expect(runObjectClass(['run'], 0)).toBeUndefined();
  });
});
