import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logLevelOf } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  return { lines, destination };
}

describe('JSON logger', () => {
  it('writes one JSON object per line with a named level, an ISO time and the message', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', destination });
    log.info('backend t (mcp): ready');
    log.warn({ channel: 'ops' }, 'notify: not delivered');
    log.debug('hidden at info');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toMatchObject({ level: 'info', msg: 'backend t (mcp): ready', service: 'portcullis' });
    expect(parsed[1]).toMatchObject({ level: 'warn', channel: 'ops', msg: 'notify: not delivered' });
    expect(new Date(parsed[0]!.time as string).toISOString()).toBe(parsed[0]!.time);
  });

  it('PORTCULLIS_LOG_LEVEL overrides the configured level when it names one', () => {
    expect(logLevelOf('info', { PORTCULLIS_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(logLevelOf('warn', { PORTCULLIS_LOG_LEVEL: 'loud' })).toBe('warn');
    expect(logLevelOf('error', {})).toBe('error');
  });
});
