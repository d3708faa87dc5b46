/**
 * An app on a device is software on that device, not infrastructure (seventeenth round; docs/risk.md).
 *
 * `infrastructure` means provisioning or changing compute, network, storage, DNS or deployments. A hosted app (a PaaS
 * app: its dynos, instances and deploys) is that; an app on a phone, a tablet, a simulator or an emulator is a program
 * installed there. The operations device tools offer are the ones Apple's `simctl` (install, launch, terminate,
 * uninstall an app bundle on a simulator) and Android's `adb` (install an APK, `am start`, `am force-stop`) name:
 * installing or stopping one changes what is on the device, and launching one runs the program, which is code
 * execution as starting a pipeline or a job is (run-code.ts).
 *
 * Where the tool's name or description puts an app (app, application, app bundle, APK, IPA) on a device, simulator or
 * emulator and `infrastructure` rests only on that app (its noun, or a lifecycle verb "on compute" with no other
 * compute noun), the category is dropped with the reason; a launch, start, run or open of it adds `code-execution`.
 */
import { computeNouns } from './lexicon.js';
import type { Signals } from './signals.js';
import { addCategory } from './signals.js';

/** Where a device app lives (Apple simctl and Xcode, Android adb and emulator vocabulary). */
const deviceWords = new Set(
  'simulator sim emulator device ios android iphone ipad tvos watchos simctl adb avd xcode'.split(' '),
);
/** The app itself: the noun or its package (an .app bundle, an Android APK, an iOS IPA). */
const appWords = new Set(['app', 'application', 'bundle', 'apk', 'ipa']);
/** Verbs that start the program. */
const launchVerbs = new Set(['launch', 'relaunch', 'start', 'run', 'open']);
const appReason = /^(?:object )?'(?:apps?|applications?|bundles?|apks?|ipas?)' in (?:name|description)$/;
const onCompute = / on compute$/;

/**
 * Reads the app-on-a-device sense (module comment). `words` are the stemmed words of the name and the description,
 * `verb` the tool's governing verb.
 */
export function deviceApp(
  s: Signals,
  ctx: { words: readonly string[]; verb: string | undefined; writes: boolean },
): void {
  const why = s.categories.get('infrastructure');
  if (!why || !ctx.writes) return;
  const app = ctx.words.find((w) => appWords.has(w));
  const device = ctx.words.find((w) => deviceWords.has(w));
  if (app === undefined || device === undefined) return;
  const otherCompute = ctx.words.some((w) => computeNouns.has(w) && !appWords.has(w));
  if (!why.every((r) => appReason.test(r) || (onCompute.test(r) && !otherCompute))) return;
  s.categories.delete('infrastructure');
  s.reasons.push(
    `${why[0] ?? ''}, but an ${app} on a device ('${device}') is software on that device: nothing is provisioned`,
  );
  // "Opens the iOS Simulator application": the app named is the simulator's own program, which starts the device; no
  // app runs on it (thirtieth round).
  const onDevice = ctx.words.some((w, i) => appWords.has(w) && !deviceWords.has(ctx.words[i - 1] ?? ''));
  if (ctx.verb !== undefined && launchVerbs.has(ctx.verb) && onDevice)
    addCategory(s, 'code-execution', `verb '${ctx.verb}' of an ${app} on a device ('${device}') runs the program`);
}
