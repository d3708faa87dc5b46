/**
 * Infrastructure and changes read as reads, on invented tools: sandboxes, routes and exposed ports are infrastructure
 * (and where an exec verb runs code is not provisioned); a download to a destination path writes a file. Found on dev
 * part ten (held-out 9).
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { mcpSource as mcp, str, toolDef as def } from './test-support/schema-builders.js';

describe('sandboxes and routes', () => {
  it('creating a sandbox or a route is infrastructure; running code in a sandbox provisions nothing', () => {
    for (const name of ['create_sandbox', 'route_update'])
      expect(classifyTool(def(name, 'Does it.', { name: str() }), mcp).categories, name).toContain('infrastructure');
    const exec = classifyTool(def('sandbox_exec', 'Runs a command.', { command: str() }), mcp);
    expect(exec.categories).toContain('code-execution');
    expect(exec.categories).not.toContain('infrastructure');
  });
});

describe('changes that read as reads', () => {
  it('exposing a port makes it reachable: a change, infrastructure', () => {
    const a = classifyTool(def('vm_expose_port', 'Expose a port of a VM.', { id: str(), port: str() }), mcp);
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).toContain('infrastructure');
  });

  it('a download to a path described as the destination writes a file; one that returns the bytes does not', () => {
    const toDisk = classifyTool(
      def('sftp_download_file', 'Download a file.', { remotePath: str(), localPath: str('Local destination path') }),
      mcp,
    );
    expect(toDisk.sideEffect).toBe('data-change');
    const returned = classifyTool(
      def('sftp_download_file', 'Download a file.', { remotePath: str('Remote path') }),
      mcp,
    );
    expect(returned.sideEffect).toBe('none');
  });
});

describe('brokers, VPSs and queues', () => {
  it('a message broker or a VPS is provisioned infrastructure (rebooting one too); a queue holds data', () => {
    for (const name of ['delete_broker', 'reboot_broker', 'vps_update_project', 'pvc_resize'])
      expect(classifyTool(def(name, 'Does it.', { id: str() }), mcp).categories, name).toContain('infrastructure');
    for (const name of ['create_queue', 'drain_queue'])
      expect(classifyTool(def(name, 'Does it.', { id: str() }), mcp).categories, name).not.toContain('infrastructure');
  });
});
