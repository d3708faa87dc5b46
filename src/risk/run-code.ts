/**
 * Running code named by a platform's own words rather than "run"/"execute" (docs/risk.md, code-execution):
 * - starting a run of a workflow: CI/CD and batch platforms start, restart or launch a pipeline, task run, job or
 *   build (Tekton's PipelineRun/TaskRun, a CI pipeline, a batch job), which runs the code the run's definition names;
 * - submitting a job or build: batch and cluster schedulers (Spark/Dataproc jobs, Slurm, cloud batch and build
 *   services, notebook job runners) take a job to run as "submit";
 * - writing to a terminal: input written to a PTY, TTY, terminal or shell's standard input is typed at its prompt;
 * - hot code replacement: redefining, hot-swapping or hot-patching classes or bytecode in a running program (the JVM's
 *   HotSwap / JVMTI RedefineClasses, .NET's Edit and Continue) makes it go on running the new code.
 * - creating a job of a runbook, script or playbook: the job is one run of that code (Azure Automation creates a job
 *   when a runbook starts; an Ansible job runs a playbook), unlike a job put on a queue or defined for later.
 * Stopping, pausing or cancelling a run ends code; it runs none (run-ending.ts).
 */
import type { VerbClass } from './lexicon.js';
import { oneWordRuns, workflowNouns } from './lexicon.js';

const startsRun = new Set(['start', 'restart', 'launch', 'relaunch', 'submit', 'resubmit']);
const writesInput = new Set(['write', 'type', 'input', 'send', 'paste']);
const terminalNouns = new Set(['pty', 'tty', 'terminal', 'stdin', 'repl']);
/** Verbs and objects of hot code replacement. */
const swapsCode = new Set(['redefine', 'hotswap', 'hotpatch', 'reload']);
const loadedCode = new Set(['class', 'bytecode', 'classfile']);

/** Why a verb of class `cls` (reason `verb '<word>' …`) runs code, or undefined. `has` tests the tool's stemmed nouns. */
export function runsCodeReason(
  cls: VerbClass,
  reason: string,
  has: (set: ReadonlySet<string>) => boolean,
): string | undefined {
  // A verb of the name or prose, or an action enum's value ("action": restart|cancel).
  const word = /\b(?:verb|enum value) '(\w+)'/.exec(reason)?.[1];
  if (word === undefined) return undefined;
  if ((cls === 'lifecycle' || cls === 'update') && startsRun.has(word) && (has(workflowNouns) || has(oneWordRuns)))
    return `${reason} starts a run of a workflow, job or build`;
  if ((cls === 'update' || cls === 'send') && writesInput.has(word) && has(terminalNouns))
    return `${reason} writes input to a terminal`;
  if (cls === 'update' && swapsCode.has(word) && has(loadedCode))
    return `${reason} swaps new code into a running program`;
  return undefined;
}

/** "Create a job of the runbook": a job whose description names the code it runs. */
const jobOfCode = /\bjobs? (of|for|from) (the |a |an |this |that )?(runbook|script|playbook)s?\b/i;

/** Why creating this job runs code (the description's opening names a runbook, script or playbook it is a job of). */
export function createsRunOfCode(cls: VerbClass, opening: string): string | undefined {
  if (cls !== 'create') return undefined;
  const m = jobOfCode.exec(opening);
  return m ? `description says '${m[0]}': creating the job runs it` : undefined;
}
