/**
 * Shared argument validator for every tool: JSON Schema 2020-12 (Ajv) + standard formats.
 * One compiled validator per tool key, cached; a schema that fails to compile is reported once
 * (via `onSchemaError`) and then fails closed: every call to that tool is rejected.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv as AjvDraft07 } from 'ajv';
import addFormatsModule from 'ajv-formats';

export interface ArgsValidationError {
  /** Field path, e.g. `amount`, `items[0].price`, or `(root)`. */
  path: string;
  /** The JSON Schema keyword that failed, e.g. `type`, `required`, `additionalProperties`. */
  rule: string;
  /** Human-readable, e.g. `amount: must be integer`. */
  message: string;
}

export type ArgsValidationResult = { ok: true } | { ok: false; errors: ArgsValidationError[] };

export interface ArgsValidator {
  validate(key: string, schema: object, args: unknown): ArgsValidationResult;
  /** Drops cached validators (all, or those whose key starts with the prefix), e.g. after a tool list change. */
  invalidate(prefix?: string): void;
}

export interface ArgsValidatorOptions {
  /** Called once per key whose schema does not compile (never with argument values). */
  onSchemaError?: (key: string, message: string) => void;
  /** Most errors reported per call. */
  maxErrors?: number;
}

/** OpenAPI formats Ajv does not know: accepted without checking (types are still checked). */
const PASS_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'decimal', 'unix-time'];

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

type AnyAjv = Ajv2020 | AjvDraft07;

/**
 * Draft-07 (what SDK v1 servers and many specs declare via `$schema`) gets a draft-07 engine; everything else,
 * including schemas without `$schema`, is JSON Schema 2020-12 as MCP specifies.
 */
const isDraft07 = (schema: object) => {
  const declared = (schema as { $schema?: unknown }).$schema;
  return typeof declared === 'string' && /json-schema\.org\/draft-0[67]\/schema/.test(declared);
};

function createAjv(draft07 = false): AnyAjv {
  const options = {
    strict: false,
    allErrors: true,
    // Real specs carry patterns written for non-unicode regular expressions.
    unicodeRegExp: false,
    validateFormats: true,
    logger: false as const,
  };
  const ajv: AnyAjv = draft07 ? new AjvDraft07(options) : new Ajv2020(options);
  addFormats(ajv);
  for (const f of PASS_FORMATS) ajv.addFormat(f, true);
  return ajv;
}

function fieldPath(instancePath: string): string {
  if (instancePath === '') return '';
  return instancePath
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, t) => (/^\d+$/.test(t) ? `${acc}[${t}]` : acc === '' ? t : `${acc}.${t}`), '');
}

function join(base: string, child: string): string {
  return base === '' ? child : `${base}.${child}`;
}

export function toValidationErrors(errors: readonly ErrorObject[], max = 10): ArgsValidationError[] {
  const out: ArgsValidationError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let path = fieldPath(e.instancePath);
    let message = e.message ?? 'is invalid';
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
      path = join(path, params.missingProperty);
      message = 'is required';
    } else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      path = join(path, params.additionalProperty);
      message = 'is not allowed (unknown property)';
    } else if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      const allowed = params.allowedValues
        .slice(0, 10)
        .map((v) => JSON.stringify(v))
        .join(', ');
      message = `must be one of ${allowed}${params.allowedValues.length > 10 ? ', ...' : ''}`;
    }
    const shown = path === '' ? '(root)' : path;
    const line = `${shown}: ${message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push({ path: shown, rule: e.keyword, message: line });
    if (out.length >= max) break;
  }
  return out;
}

export function createArgsValidator(options: ArgsValidatorOptions = {}): ArgsValidator {
  const ajv = createAjv();
  const ajv07 = createAjv(true);
  const engineOf = (schema: object) => (isDraft07(schema) ? ajv07 : ajv);
  const cache = new Map<string, ValidateFunction | { failed: string }>();
  const compiledSchemas = new Map<string, object>();
  const maxErrors = options.maxErrors ?? 10;

  function compiled(key: string, schema: object): ValidateFunction | { failed: string } {
    let v = cache.get(key);
    if (v) return v;
    try {
      // Tool schemas may carry their own $id; strip it so two tools cannot collide in Ajv's registry.
      const { $id: _ignored, ...rest } = schema as Record<string, unknown>;
      compiledSchemas.set(key, rest);
      v = engineOf(rest).compile(rest);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      v = { failed: message };
      options.onSchemaError?.(key, message);
    }
    cache.set(key, v);
    return v;
  }

  return {
    validate(key, schema, args) {
      const v = compiled(key, schema);
      if (typeof v !== 'function') {
        return {
          ok: false,
          errors: [
            { path: '(root)', rule: 'schema', message: '(root): the tool input schema is invalid; calls are refused' },
          ],
        };
      }
      if (v(args)) return { ok: true };
      return { ok: false, errors: toValidationErrors(v.errors ?? [], maxErrors) };
    },
    invalidate(prefix) {
      for (const k of [...cache.keys()]) {
        if (prefix !== undefined && !k.startsWith(prefix)) continue;
        cache.delete(k);
        const s = compiledSchemas.get(k);
        compiledSchemas.delete(k);
        if (s) engineOf(s).removeSchema(s);
      }
    },
  };
}
