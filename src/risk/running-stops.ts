/**
 * Stopping or reloading a running thing acts, even served by GET (twenty-fifth round; docs/risk.md, side effect).
 *
 * GET lowers the lighter verbs because an operationId often names what is read ("ContainerArchive", "ImageHistory",
 * "StopsList": a transit API's stops). But an operation whose name leads with stopping, pausing, restarting or
 * reloading something, and whose summary or description says so in the imperative ("Stop a scan", "Reload the
 * configuration file"), changes the state of a running job, scan or service whatever its method: a scanner's
 * `GET /scans/stop/{id}` ends the scan as a POST would. Starting is left out: "starts a detailed search" starts a read.
 */
import { splitWords, stem } from './tokens.js';
import type { VerbHit } from './verbs.js';

/** Verbs (stemmed) that stop, pause, restart or reload something already running. */
const stoppingVerbs = new Set(
  'stop halt pause suspend shutdown restart reboot poweroff hibernate recycle powercycle reload'.split(' '),
);

/**
 * The name's verb when it leads the operationId, stops or reloads something running, and a sentence of the summary or
 * description opens with it (module comment); otherwise undefined.
 */
export function runningStop(nameHit: VerbHit | undefined, texts: readonly string[]): VerbHit | undefined {
  if (nameHit?.index !== 0 || !stoppingVerbs.has(nameHit.word)) return undefined;
  const opens = texts.some((text) =>
    text.split(/[.!?\n]+/).some((sentence) => {
      const first = splitWords(sentence, 1)[0];
      return first !== undefined && stem(first) === nameHit.word;
    }),
  );
  return opens ? nameHit : undefined;
}
