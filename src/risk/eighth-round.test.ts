/**
 * Error classes of dev part ten (held-out 9), tested as classes on invented tools: a platform's own words for running
 * code (starting a pipeline or task run, submitting a job, writing to a terminal); administrative nouns in a sense
 * that is not about access (behaviour policies, the admin API flavour); a role assumed for temporary credentials;
 * sandboxes and routes as infrastructure, and where an exec verb runs code not being provisioned.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, mcpSource as mcp, obj, str, toolDef as def } from './test-support/schema-builders.js';

describe("a platform's words for running code", () => {
  it('starting, restarting or launching a pipeline, task run, job or build runs code', () => {
    for (const name of ['start_pipeline', 'ci_job_launch', 'taskrun_restart', 'workflowrun_start', 'start_build']) {
      const a = classifyTool(def(name, 'Starts it.', { name: str() }), mcp);
      expect(a.categories, name).toContain('code-execution');
      expect(a.sideEffect, name).not.toBe('none');
    }
    // Stopping a run, or starting something that is no run of code, runs nothing.
    for (const name of ['stop_pipeline', 'start_timer', 'launch_browser_tab'])
      expect(classifyTool(def(name, 'Does it.', { id: str() }), mcp).categories, name).not.toContain('code-execution');
  });

  it('submitting a job or build to a scheduler runs code; submitting a form does not', () => {
    const job = classifyTool(
      def('batch.projects.jobs.submit', 'Submits a job to a cluster.', { job: obj({ jar: str() }) }),
      api('POST', '/v1/projects/{p}/jobs:submit', 'batch.projects.jobs.submit'),
    );
    expect(job.categories).toContain('code-execution');
    const form = classifyTool(def('submit_feedback_form', 'Submits a form.', { text: str() }), mcp);
    expect(form.categories).not.toContain('code-execution');
  });

  it('writing input to a PTY, TTY or terminal runs what is typed', () => {
    for (const name of ['pty_write', 'terminal_send_input', 'write_to_tty']) {
      const a = classifyTool(def(name, 'Writes data.', { data: str() }), mcp);
      expect(a.categories, name).toContain('code-execution');
    }
    expect(classifyTool(def('write_file', 'Writes data.', { data: str() }), mcp).categories).not.toContain(
      'code-execution',
    );
  });
});

describe('administrative means who can do or see what', () => {
  it('a policy for scaling, retention or lifecycle governs behaviour, not access', () => {
    for (const name of ['create_autoscaling_policy', 'update_retention_policy', 'put_lifecycle_policy'])
      expect(classifyTool(def(name, 'Sets it.', { name: str() }), mcp).categories, name).not.toContain(
        'administrative',
      );
    for (const name of ['create_access_policy', 'update_policy', 'set_policy'])
      expect(classifyTool(def(name, 'Sets it.', { name: str() }), mcp).categories, name).toContain('administrative');
  });

  it("an admin API flavour names the caller's privilege; what it acts on still counts", () => {
    const device = classifyTool(
      def('AdminForgetWidget', 'Forgets the widget, as an administrator.', { Widget: str() }),
      api('POST', '/#X-Amz-Target=AdminForgetWidget', 'AdminForgetWidget'),
    );
    expect(device.categories).not.toContain('administrative');
    const role = classifyTool(
      def('AdminAddUserToGroup', 'Adds a user to a group, as an administrator.', { Group: str(), User: str() }),
      api('POST', '/#X-Amz-Target=AdminAddUserToGroup', 'AdminAddUserToGroup'),
    );
    expect(role.categories).toContain('administrative');
    // "admin" as the object is still administrative.
    expect(classifyTool(def('add_admin', 'Adds one.', { user: str() }), mcp).categories).toContain('administrative');
  });

  it('assuming a role returns temporary credentials: a read with credential-access, no administration', () => {
    const a = classifyTool(
      def('AssumeRoleWithToken', 'Returns temporary security credentials for the role.', { RoleArn: str() }),
      api('POST', '/#Action=AssumeRoleWithToken', 'AssumeRoleWithToken'),
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toEqual(['credential-access']);
  });
});

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
