import { createHmac } from 'node:crypto';
import type { AuditEvent, AuditEventInput } from '../types.js';
import { canonicalize } from '../canonical-json.js';
import { detectors, MIN_DETECTABLE_LENGTH, type DetectorId } from './detectors.js';
import { redactKeyValues } from './free-text.js';
import { isSensitiveKey } from './key-names.js';
import { buildEvent, FREE_TEXT_FIELDS, isEventField } from './event-fields.js';
import { createKnownCleanTexts } from './known-clean.js';
import { MAX_KEY_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, scanOutput, truncateOutput } from './output-pass.js';
import { mayHoldSecret } from './secret-scanner.js';
import { applyPath, DROP, parsePath } from './paths.js';
import { vaultSecretList } from './vault-values.js';
import { setOwn } from './own-keys.js';
import { redactionToolGlob } from './tool-glob.js';

export { parsePath } from './paths.js';
export { FREE_TEXT_FIELDS } from './event-fields.js';

export type RedactionMode = 'mask' | 'hmac' | 'drop';

export interface PathRule {
  /** Dot path into the tool's arguments; `*` matches any key or array index, `[n]`/`[*]` index arrays. */
  path: string;
  mode: RedactionMode;
}

export interface RedactionConfig {
  /** Mode per detector; 'off' disables one. Default: every detector on, mode 'mask'. */
  detectors?: Partial<Record<DetectorId, RedactionMode | 'off'>>;
  /** Values under keys named like secrets (password, token, api_key, authorization, ...). Default 'mask'. */
  sensitiveKeys?: RedactionMode | 'off';
  /** Exact values from the vault, wherever they appear. Default 'mask' (cannot be turned off). */
  secretValues?: RedactionMode;
  /** Per tool (exact name or glob): argument paths to redact whatever their content. */
  tools?: Record<string, PathRule[]>;
}

export interface RedactorOptions {
  config?: RedactionConfig;
  /** Current vault values; called per event so rotated secrets are covered. */
  secretValues?: () => Iterable<string>;
  /** Key for 'hmac' mode; required when any mode is 'hmac'. */
  hmacKey?: Buffer;
}

export interface Redactor {
  /**
   * Returns a redacted, JSON-safe copy of the event stamped with `timestamp`, long strings truncated. Never
   * mutates its input. Synchronous: without the secretlint pass (see redactCanonicalAsync).
   */
  redact(event: AuditEventInput, timestamp: string): AuditEvent;
  /** Same, plus the event's RFC 8785 form (computed with the native serialiser when that is provably identical). */
  redactCanonical(event: AuditEventInput, timestamp: string): { event: AuditEvent; canonical: string };
  /** Everything, including the secretlint rule set (asynchronous): what the log uses for every caller event. */
  redactCanonicalAsync(event: AuditEventInput, timestamp: string): Promise<{ event: AuditEvent; canonical: string }>;
  /**
   * The same as redactCanonicalAsync, answered without a promise whenever the secretlint pass answers at once (it
   * runs the rules on its own host, secretlint-host.ts; a promise only if a rule answered asynchronously and the
   * text went to secretlint's lintSource): what the log uses on its hot path.
   */
  redactForLog(
    event: AuditEventInput,
    timestamp: string,
  ): { event: AuditEvent; canonical: string } | Promise<{ event: AuditEvent; canonical: string }>;
}

const MAX_DEPTH = 64;
type Out = unknown;

const NON_ASCII = /[^\t\n\r\x20-\x7e]/;
/** No string of this length or shorter is truncated (output-pass.ts's limits). */
const TRUNCATION_FLOOR = Math.min(MAX_KEY_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH);

export function usesHmac(config: RedactionConfig | undefined): boolean {
  if (!config) return false;
  const modes: Array<string | undefined> = [
    config.sensitiveKeys,
    config.secretValues,
    ...Object.values(config.detectors ?? {}),
  ];
  for (const rules of Object.values(config.tools ?? {})) for (const r of rules) modes.push(r.mode);
  return modes.includes('hmac');
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const config = options.config ?? {};
  if (usesHmac(config) && !options.hmacKey) throw new Error('redaction: an hmac key is required for mode "hmac"');
  const active = detectors
    .map((d) => ({ detector: d, mode: config.detectors?.[d.id] ?? 'mask' }))
    .filter((d): d is { detector: (typeof detectors)[number]; mode: RedactionMode } => d.mode !== 'off');
  const keyMode = config.sensitiveKeys ?? 'mask';
  const secretMode = config.secretValues ?? 'mask';
  const toolRules = Object.entries(config.tools ?? {}).map(([pattern, rules]) => ({
    match: redactionToolGlob(pattern),
    rules: rules.map((r) => ({ segments: parsePath(r.path), mode: r.mode })),
  }));

  /** Set when an output object has an array-index-like key, which V8 would not keep in insertion order. */
  let indexLikeKey = false;
  /**
   * Set by `redact` as it places strings in its output: a string (value or key) longer than the shortest truncation
   * limit anywhere, and a caller-controlled string the secretlint pass would collect (`mayHoldSecret`). When neither
   * is set the log's two passes over the output (output-pass.ts) would change nothing, and are skipped.
   */
  let longString = false;
  let scanCandidate = false;
  function placed(s: string, detect: boolean): string {
    if (s.length > TRUNCATION_FLOOR) longString = true;
    if (detect && !scanCandidate && mayHoldSecret(s)) scanCandidate = true;
    return s;
  }
  const knownClean = createKnownCleanTexts();
  /** This event's vault values to look for (read per event; the list is rebuilt only when they change). */
  const vaultSecrets = vaultSecretList(options.secretValues);
  /** `obj` itself when its keys are already in sorted order (JSON.stringify then emits them sorted), else a copy. */
  function sortedCopy(obj: Record<string, Out>): Record<string, Out> {
    const keys = Object.keys(obj);
    let inOrder = true;
    for (let i = 1; i < keys.length; i++)
      if (keys[i - 1]! >= keys[i]!) {
        inOrder = false;
        break;
      }
    if (inOrder) return obj;
    const sorted: Record<string, Out> = {};
    for (const k of keys.sort()) {
      const c = k.charCodeAt(0);
      if (c >= 48 && c <= 57 && /^(?:0|[1-9]\d*)$/.test(k)) indexLikeKey = true;
      setOwn(sorted, k, obj[k]);
    }
    return sorted;
  }

  const tag = (kind: string, value: string, mode: RedactionMode): string =>
    mode === 'hmac'
      ? `[${kind}:hmac:${createHmac('sha256', options.hmacKey!).update(value).digest('hex').slice(0, 32)}]`
      : `[REDACTED:${kind}]`;

  function redactText(text: string, secrets: readonly string[], detect: boolean): string | typeof DROP {
    // A text the detectors are known to leave as it is (known-clean.ts): only the vault values are looked for, and
    // only where normalisation cannot hide one (no vault values, or ASCII text).
    if (
      detect &&
      knownClean.has(text) &&
      (secrets.length === 0 || (!holdsSecret(text, secrets) && !NON_ASCII.test(text)))
    )
      return text;
    const out = redactDetected(text, secrets, detect);
    // Unchanged with these vault values means unchanged without them: the same detectors ran on the same text.
    if (detect && out === text) knownClean.add(text);
    return out;
  }

  function redactDetected(text: string, secrets: readonly string[], detect: boolean): string | typeof DROP {
    const out = redactPlain(text, secrets, detect);
    // Look-alike characters (fullwidth ＠, ｐａｓｓｗｏｒｄ, circled digits) are matched after NFKC normalisation;
    // the text is stored as sent unless that finds something.
    if (!detect || out === DROP || !NON_ASCII.test(text)) return out;
    const normalised = text.normalize('NFKC');
    if (normalised === text) return out;
    const again = redactPlain(normalised, secrets, detect);
    return again === normalised ? out : again;
  }

  function holdsSecret(text: string, secrets: readonly string[]): boolean {
    for (const secret of secrets) if (text.includes(secret)) return true;
    return false;
  }

  function redactPlain(text: string, secrets: readonly string[], detect: boolean): string | typeof DROP {
    let out = text;
    for (const secret of secrets) {
      if (!out.includes(secret)) continue;
      if (secretMode === 'drop') return DROP;
      out = out.split(secret).join(tag('secret', secret, secretMode));
    }
    if (!detect || out.length < MIN_DETECTABLE_LENGTH) return out;
    if (keyMode !== 'off') {
      let dropped = false;
      out = redactKeyValues(out, (v) => {
        if (keyMode === 'drop') dropped = true;
        return tag('key', v, keyMode);
      });
      if (dropped) return DROP;
    }
    for (const { detector, mode } of active) {
      if (!detector.hint(out)) continue;
      detector.pattern.lastIndex = 0;
      let dropped = false;
      out = out.replace(detector.pattern, (m) => {
        if (detector.confirm && !detector.confirm(m)) return m;
        if (mode === 'drop') dropped = true;
        return tag(detector.id, m, mode);
      });
      if (dropped) return DROP;
    }
    return out;
  }

  function wholeValue(kind: string, value: unknown, mode: RedactionMode): Out {
    if (mode === 'drop') return DROP;
    return tag(kind, typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'), mode);
  }

  /** `seen`: the objects on the path from the field's value to this one (a cycle is an object seen on its own path). */
  function walk(value: unknown, secrets: readonly string[], detect: boolean, depth: number, seen: object[]): Out {
    const r = walkValue(value, secrets, detect, depth, seen);
    return typeof r === 'string' ? placed(r, detect) : r;
  }

  function walkValue(value: unknown, secrets: readonly string[], detect: boolean, depth: number, seen: object[]): Out {
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'string') return redactText(value, secrets, detect);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return null;
      if (!detect || !Number.isInteger(value) || Math.abs(value) < 1e8) return value;
      const text = String(value);
      const red = redactText(text, secrets, detect);
      return red === text ? value : red;
    }
    if (typeof value === 'bigint') return redactText(value.toString(), secrets, detect);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (typeof value !== 'object') return undefined;
    if (depth >= MAX_DEPTH) return '[REDACTED:too-deep]';
    if (seen.includes(value)) return '[REDACTED:circular]';
    seen.push(value);
    try {
      if (Array.isArray(value)) {
        const out: Out[] = [];
        for (const item of value as unknown[]) {
          const r = walk(item, secrets, detect, depth + 1, seen);
          if (r !== DROP) out.push(r === undefined ? null : r);
        }
        return out;
      }
      const out: Record<string, Out> = {};
      const obj = value as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const item = obj[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        const k = redactText(key, secrets, detect);
        if (k === DROP) continue;
        let r: Out;
        if (detect && keyMode !== 'off' && isSensitiveKey(key) && item !== null && item !== '') {
          r = wholeValue('key', item, keyMode);
          if (typeof r === 'string') placed(r, detect);
        } else r = walk(item, secrets, detect, depth + 1, seen);
        if (r !== DROP && r !== undefined) setOwn(out, placed(k, detect), r);
      }
      return sortedCopy(out);
    } finally {
      seen.pop();
    }
  }

  function applyPathRules(args: Record<string, unknown>, tool: string | undefined): Record<string, unknown> {
    if (!tool) return args;
    let current: unknown = args;
    for (const { match, rules } of toolRules) {
      if (!match(tool)) continue;
      for (const rule of rules) current = applyPath(current, rule.segments, (v) => wholeValue('path', v, rule.mode));
    }
    return current as Record<string, unknown>;
  }

  /** The secrets and path stack of the event `redact` is working on (it is synchronous, so one at a time). */
  let eventSecrets: readonly string[] = [];
  let eventSeen: object[] = [];
  let eventTool: string | undefined;

  /** One top-level field of the event: its redacted value, or undefined to leave it out. */
  function redactField(field: string, value: unknown, detect: boolean): Out {
    let v = value;
    // Identity fields without vault values to remove: nothing to redact.
    if (!detect && eventSecrets.length === 0 && (typeof v === 'string' || typeof v === 'boolean'))
      return typeof v === 'string' ? placed(v, false) : v;
    if (field === 'arguments' && v && typeof v === 'object')
      v = applyPathRules(v as Record<string, unknown>, eventTool);
    const r = walk(v, eventSecrets, detect, 0, eventSeen);
    if (r === DROP) return placed(`[REDACTED:dropped]`, detect);
    return r;
  }

  function redact(event: AuditEventInput, timestamp: string): AuditEvent {
    longString = false;
    scanCandidate = false;
    eventSecrets = vaultSecrets();
    eventSeen = [];
    eventTool = event.tool;
    // The output is built in sorted key order (so no sorted copy is needed): by named stores when every field is a
    // known one (event-fields.ts), else (a caller in plain JavaScript) from a list sorted for the event.
    let known = true;
    for (const field in event)
      if (!isEventField(field)) {
        known = false;
        break;
      }
    if (known) return buildEvent(event, timestamp, redactField);
    const fields = [...new Set([...Object.keys(event), 'type', 'timestamp'])].sort();
    const out: Record<string, Out> = {};
    for (const field of fields) {
      if (field === 'type') {
        out.type = event.type;
        continue;
      }
      if (field === 'timestamp') {
        out.timestamp = timestamp;
        continue;
      }
      const v: unknown = event[field as keyof AuditEventInput];
      if (v === undefined) continue;
      const r = redactField(field, v, FREE_TEXT_FIELDS.has(field));
      if (r !== undefined) out[field] = r;
    }
    return sortedCopy(out) as unknown as AuditEvent;
  }

  const scannerMode = config.detectors?.secretlint ?? 'mask';

  function canonicalOf(out: AuditEvent, keysChanged: boolean): string {
    // Every object built above has its keys inserted in sorted order and holds only JSON values, so the native
    // serialiser already emits RFC 8785 text — unless an index-like key ("0", "12") made V8 reorder one, or a
    // later pass renamed a key.
    return indexLikeKey || keysChanged ? canonicalize(out) : JSON.stringify(out);
  }

  return {
    redact: (event, timestamp) => {
      const out = redact(event, timestamp);
      truncateOutput(out as unknown as Record<string, unknown>);
      return out;
    },
    redactCanonical(event, timestamp) {
      indexLikeKey = false;
      const out = redact(event, timestamp);
      const renamed = truncateOutput(out as unknown as Record<string, unknown>);
      return { event: out, canonical: canonicalOf(out, renamed) };
    },
    redactForLog,
    async redactCanonicalAsync(event, timestamp) {
      return redactForLog(event, timestamp);
    },
  };

  function redactForLog(
    event: AuditEventInput,
    timestamp: string,
  ): { event: AuditEvent; canonical: string } | Promise<{ event: AuditEvent; canonical: string }> {
    indexLikeKey = false;
    const out = redact(event, timestamp);
    const index = indexLikeKey;
    // Neither pass over the output has anything to do unless `redact` placed a candidate or a long string in it.
    const mayScan = scannerMode !== 'off' && scanCandidate;
    const mayTruncate = mayScan || longString;
    const scanned = !mayScan
      ? false
      : scanOutput(out as unknown as Record<string, unknown>, FREE_TEXT_FIELDS, (v) =>
          scannerMode === 'drop' ? '[REDACTED:dropped]' : tag('secretlint', v, scannerMode),
        );
    const finish = (keysChanged: boolean) => {
      const renamed = mayTruncate && truncateOutput(out as unknown as Record<string, unknown>);
      // Another event may have been redacted while this one's scan ran: its own flag counts.
      indexLikeKey = index;
      return { event: out, canonical: canonicalOf(out, keysChanged || renamed) };
    };
    return typeof scanned === 'boolean' ? finish(scanned) : scanned.then(finish);
  }
}
