/** An OpenAPI-described HTTP API served as a Backend: tools from the spec, calls as HTTP requests. */
import { resolve as resolvePath } from 'node:path';
import type { Backend, BackendCallContext, BackendStatus } from '../../core/backend.js';
import type { BackendTool, JsonObject, ToolResult } from '../../core/tool.js';
import { createArgsValidator, type ArgsValidator } from '../../validation/index.js';
import { createAuthApplier, AuthError, type AuthApplier } from './auth.js';
import { buildRequest, planBaseUrl, RequestRefusedError } from './build-request.js';
import { openApiBackendConfigSchema, type OpenApiBackendConfig, type ResolvedOpenApiBackendConfig } from './config.js';
import { BodyEncodingError } from './encode-body.js';
import { createHttpExecutor, HttpTimeoutError, type HttpExecutor } from './http-executor.js';
import { importSpec } from './import-spec.js';
import { createOnBehalfOf, OnBehalfOfError } from './on-behalf-of.js';
import { createExtraHeaders } from './extra-headers.js';
import { describeTraversal, traversalIn } from './path-segments.js';
import { responseToResult } from './response-to-result.js';
import { SsrfRefusedError } from './ssrf-guard.js';
import { credentialPlacements, type CredentialPlacements } from './credential-boundary.js';
import { createLeakScanner, type LeakEncoding } from '../../vault/leak-scan.js';
import type { CallPlan } from './types.js';

export interface OpenApiBackendDeps {
  /** Current value of a credential: an environment variable name or a `${secret:NAME}` reference. */
  getCredential(name: string): string | undefined | Promise<string | undefined>;
  /** Shared validator (the pipeline's); a private one is created when absent. */
  validator?: ArgsValidator;
  /** Directory that a relative `spec` path is resolved against (the config file's); default: cwd. */
  baseDir?: string;
  /** Further live secret values to keep out of results (the gateway's other credentials). */
  otherSecrets?: () => Iterable<string>;
  /** A secret value was found in a result or error and replaced (recorded as an audit finding). */
  onLeak?: (leak: SecretLeak) => void;
}

export interface SecretLeak {
  backend: string;
  tool: string;
  requestId: string;
  /** What carried it: the response body or an error message. */
  where: 'response' | 'error';
  encodings: LeakEncoding[];
  count: number;
}

function errorResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

export function createOpenApiBackend(
  config: OpenApiBackendConfig & { name: string },
  deps: OpenApiBackendDeps,
): Backend {
  const name = config.name;
  const { name: _n, ...entry } = config;
  const cfg: ResolvedOpenApiBackendConfig = openApiBackendConfigSchema.parse(entry);
  const validator = deps.validator ?? createArgsValidator();
  const listeners: (() => void)[] = [];
  let tools: BackendTool[] = [];
  let plans = new Map<string, CallPlan>();
  let byName = new Map<string, BackendTool>();
  let state: BackendStatus['state'] = 'connecting';
  let lastError: string | undefined;
  let executor: HttpExecutor | undefined;
  let auth: AuthApplier | undefined;
  const onBehalfOf = cfg.onBehalfOf ? createOnBehalfOf(cfg.onBehalfOf) : undefined;
  let placements: CredentialPlacements | undefined;
  /** Values of configured headers that came from a secret (what a response could echo); bounded. */
  const headerSecrets = new Set<string>();
  const extraHeaders = cfg.headers
    ? createExtraHeaders(
        cfg.headers,
        (t) => deps.getCredential(t),
        (v) => {
          if (headerSecrets.size >= 64) headerSecrets.clear();
          headerSecrets.add(v);
        },
      )
    : undefined;
  const scanner = createLeakScanner(function* () {
    if (auth) yield* auth.liveSecrets();
    yield* headerSecrets;
    if (deps.otherSecrets) yield* deps.otherSecrets();
  });

  async function execute(
    localName: string,
    plan: CallPlan,
    args: JsonObject,
    ctx: BackendCallContext,
  ): Promise<ToolResult> {
    if (!executor || !auth || !placements) return errorResult(`Backend ${name} is not started`);
    const leak = (where: SecretLeak['where'], finding: { encodings: LeakEncoding[]; count: number }): void =>
      deps.onLeak?.({ backend: name, tool: localName, requestId: ctx.requestId, where, ...finding });
    const redact = (text: string): string => {
      const r = scanner.scanText(text);
      if (r.finding) leak('error', r.finding);
      return r.text;
    };
    try {
      const withSecrets = plan.injected ? { ...args, ...(await auth.injectedValues(plan)) } : args;
      const req = buildRequest(plan, withSecrets, placements);
      await auth.apply(plan, req, ctx.signal);
      await extraHeaders?.(req);
      await onBehalfOf?.(req, ctx.principal, ctx.signal);
      const res = await executor.send(req, ctx.signal);
      if (res.status >= 500) ctx.onBackendFailure?.(`HTTP ${res.status}`);
      const scanned = scanner.scanBytes(res.body, { truncated: res.truncated });
      if (scanned.finding) leak('response', scanned.finding);
      return responseToResult(
        { ...res, body: scanned.body },
        { hasOutputSchema: plan.hasOutputSchema, maxResponseBytes: cfg.maxResponseBytes, redact },
      );
    } catch (e) {
      if (e instanceof RequestRefusedError || e instanceof SsrfRefusedError)
        return errorResult(`Request refused: ${redact(e.message)}`);
      if (e instanceof BodyEncodingError) return errorResult(`Invalid arguments: ${redact(e.message)}`);
      if (e instanceof HttpTimeoutError) {
        if (!ctx.signal.aborted) ctx.onBackendFailure?.('timeout');
        return errorResult(`${localName}: the API did not answer in time (${redact(e.message)})`);
      }
      if (e instanceof OnBehalfOfError) return errorResult(`${localName}: ${e.message}`);
      if (e instanceof AuthError)
        return errorResult(`${localName}: authentication with the API failed (${redact(e.message)})`);
      const code = (e as NodeJS.ErrnoException).code;
      if (!ctx.signal.aborted) ctx.onBackendFailure?.(code ?? 'request failed');
      return errorResult(`${localName}: request failed${code ? ` (${code})` : ''}: ${redact((e as Error).message)}`);
    }
  }

  return {
    name,
    kind: 'openapi',
    async start() {
      state = 'connecting';
      try {
        const injectParams = Object.values(cfg.auth ?? {})
          .map((a) => a.name)
          .filter((n): n is string => n !== undefined);
        const source = deps.baseDir && !/^https?:\/\//i.test(cfg.spec) ? resolvePath(deps.baseDir, cfg.spec) : cfg.spec;
        const spec = await importSpec(source, {
          name,
          ...(cfg.include ? { include: cfg.include } : {}),
          ...(cfg.exclude ? { exclude: cfg.exclude } : {}),
          ...(cfg.baseUrl ? { baseUrl: cfg.baseUrl } : {}),
          injectParams,
          hiddenHeaders: Object.keys(cfg.headers ?? {}),
        });
        executor?.close();
        executor = createHttpExecutor({
          timeoutMs: cfg.timeoutMs,
          connectTimeoutMs: cfg.connectTimeoutMs,
          maxResponseBytes: cfg.maxResponseBytes,
          allowPrivateNetwork: cfg.allowPrivateNetwork,
        });
        auth = createAuthApplier({
          schemes: spec.securitySchemes,
          auth: cfg.auth ?? {},
          getCredential: (n) => deps.getCredential(n),
          executor,
        });
        placements = credentialPlacements(spec.securitySchemes, cfg.auth ?? {}, Object.keys(cfg.headers ?? {}));
        tools = spec.tools;
        plans = spec.plans;
        byName = new Map(spec.tools.map((t) => [t.localName, t]));
        validator.invalidate(`${name}:`);
        state = 'ready';
        lastError = undefined;
        for (const l of listeners) l();
      } catch (e) {
        state = 'down';
        lastError = (e as Error).message;
        throw e;
      }
    },
    tools() {
      return tools;
    },
    checkArgs(localName, args) {
      const plan = plans.get(localName);
      const traversal = plan && traversalIn(plan, args);
      return traversal ? describeTraversal(traversal) : undefined;
    },
    async callTool(localName, args, ctx) {
      const plan = plans.get(localName);
      const tool = byName.get(localName);
      if (!plan || !tool) return errorResult(`Unknown tool ${localName}`);
      if (!ctx.argsValidated) {
        const check = validator.validate(`${name}:${localName}`, tool.definition.inputSchema, args);
        if (!check.ok) return errorResult(`Invalid arguments: ${check.errors.map((e) => e.message).join('; ')}`);
        const traversal = traversalIn(plan, args);
        if (traversal) return errorResult(`Invalid arguments: ${describeTraversal(traversal)}`);
      }
      try {
        planBaseUrl(plan);
      } catch (e) {
        return errorResult(`Request refused: ${(e as Error).message}`);
      }
      return execute(localName, plan, args, ctx);
    },
    status() {
      return { name, kind: 'openapi', state, toolCount: tools.length, ...(lastError ? { lastError } : {}) };
    },
    onToolsChanged(listener) {
      listeners.push(listener);
    },
    async close() {
      executor?.close();
      executor = undefined;
      state = 'closed';
    },
  };
}
