/** The `observability:` section of portcullis.yaml: OpenTelemetry traces and the JSON log level. */
import { z } from 'zod';

export const tracingConfigSchema = z
  .object({
    endpoint: z
      .url()
      .describe('OTLP/HTTP traces endpoint of your collector, e.g. http://otel-collector:4318/v1/traces'),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .describe('Extra HTTP headers sent to the collector (e.g. an authorization header from ${ENV_VAR})'),
    serviceName: z.string().min(1).default('portcullis').describe('service.name resource attribute of every span'),
    sampleRatio: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe(
        'Share of new traces recorded (0-1); a call that arrives with a sampled traceparent is always recorded',
      ),
  })
  .strict()
  .describe('OpenTelemetry traces: a span per call and per pipeline stage. Off unless set; read at start-up');

export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export const observabilityConfigSchema = z
  .object({
    tracing: tracingConfigSchema.optional(),
    logLevel: z
      .enum(logLevels)
      .default('info')
      .describe('Lowest level written to the JSON log (stderr); overridden by the PORTCULLIS_LOG_LEVEL variable'),
  })
  .strict();

export type TracingConfig = z.output<typeof tracingConfigSchema>;
export type ObservabilityConfig = z.output<typeof observabilityConfigSchema>;
