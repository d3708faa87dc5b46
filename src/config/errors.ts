import { redactUrlsIn } from '../storage/config.js';

/** One problem in a config file, located by file, line, column and key path. */
export interface ConfigIssue {
  file: string;
  line?: number;
  column?: number;
  /** Dotted key path, e.g. `upstreams.fs.command`. */
  path: string;
  message: string;
}

/**
 * Config errors from every check (the schema, each builder's own, local files) pass here: a URL quoted in a message
 * has its password and credential query parameters shown as `***`, whichever check quoted it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    const redacted = issues.map((i) => ({ ...i, message: redactUrlsIn(i.message) }));
    super(redacted.map(formatIssue).join('\n'));
    this.issues = redacted;
  }
}

/** One issue (error or warning) as a line: file:line:column: path: message, with any URL password redacted. */
export function formatIssue(i: ConfigIssue): string {
  const where = i.line !== undefined ? `${i.file}:${i.line}:${i.column ?? 1}` : i.file;
  return `${where}: ${i.path || '(root)'}: ${redactUrlsIn(i.message)}`;
}
