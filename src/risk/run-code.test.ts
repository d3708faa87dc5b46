/**
 * run-code.ts on invented tools: a platform's own words for running code (starting a pipeline or task run, submitting
 * a job, writing to a terminal), and what does not run code (stopping a run, submitting a form). Found on dev part ten
 * (held-out 9).
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

  it('hot-swapping or redefining classes in a running program runs the new code; redefining a field does not', () => {
    for (const name of ['redefine_classes', 'hotswap_class', 'vm_hotpatch_bytecode']) {
      const a = classifyTool(def(name, 'Does it.', { dir: str() }), mcp);
      expect(a.categories, name).toContain('code-execution');
      expect(a.sideEffect, name).toBe('data-change');
    }
    expect(classifyTool(def('redefine_field', 'Does it.', { name: str() }), mcp).categories).not.toContain(
      'code-execution',
    );
  });

  it("an action enum's restart of a pipeline run runs code and its cancel ends the run (no destruction)", () => {
    const a = classifyTool(
      def('tekton_pipelinerun_lifecycle', 'Manage a PipelineRun.', {
        name: str(),
        action: { type: 'string', enum: ['restart', 'cancel'] },
      }),
      mcp,
    );
    expect(a.categories).toContain('code-execution');
    expect(a.categories).not.toContain('destructive');
    expect(a.sideEffect).toBe('data-change');
    // The same enum on something that is no run still removes it.
    const vm = classifyTool(
      def('vm_lifecycle', 'Manage a VM.', { name: str(), action: { type: 'string', enum: ['restart', 'terminate'] } }),
      mcp,
    );
    expect(vm.categories).toContain('destructive');
  });
});

describe('fifteenth round: a job of a runbook, script or playbook', () => {
  it('creating a job of a runbook runs it; adding a job to a queue does not', () => {
    const run = classifyTool(
      def('Job_Create', 'Create a job of the runbook.', { runbook: obj({ name: str() }) }),
      api('PUT', '/automationAccounts/{account}/jobs/{job}', 'Job_Create'),
    );
    expect(run.categories).toContain('code-execution');
    expect(run.level).toBe('high');
    const queued = classifyTool(def('add_job', 'Add a new job to the queue.', { name: str() }), mcp);
    expect(queued.categories).not.toContain('code-execution');
    // Reading the job of a script runs nothing.
    const read = classifyTool(def('get_job', 'Get the job of a script.', { id: str() }), mcp);
    expect(read.categories).not.toContain('code-execution');
  });
});
