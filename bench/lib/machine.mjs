// What a latency figure depends on besides the code: cores, load, and the CPU idle states. A vCPU that halts as soon
// as it is idle (Linux `haltpoll` with guest_halt_poll_ns=0) pays an exit to the host on every wake-up, which
// roughly doubles one session's latency on the development machine (ADR 0017, Decision 21). Bench output quotes this
// line so that figures from differently set machines are not compared as if they were the gateway's.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

const read = (path) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** One line: cores, load averages, cpuidle driver and (with haltpoll) how long an idle vCPU polls before halting. */
export function describeMachine() {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const driver = read('/sys/devices/system/cpu/cpuidle/current_driver');
  const pollNs = read('/sys/module/haltpoll/parameters/guest_halt_poll_ns');
  const idle =
    driver === undefined
      ? 'cpuidle: unknown'
      : `cpuidle: ${driver}${pollNs === undefined ? '' : `, guest_halt_poll_ns ${pollNs}${pollNs === '0' ? ' (an idle vCPU halts at once)' : ''}`}`;
  return `${availableParallelism()} cores, load average ${load}, ${idle}`;
}
