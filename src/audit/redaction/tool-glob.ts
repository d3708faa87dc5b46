import picomatch from 'picomatch';

/** A per-tool redaction rule's glob as the redactor matches it (the config schema compiles each one with this too). */
export function redactionToolGlob(pattern: string): (tool: string) => boolean {
  return picomatch(pattern, { dot: true });
}
