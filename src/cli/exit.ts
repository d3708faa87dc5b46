/** The error's first line, bounded: what a shutdown failure says on stderr. */
function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n', 1)[0]!.trim() || (e instanceof Error ? e.name : 'unknown error');
  return first.length > 500 ? `${first.slice(0, 500)}...` : first;
}

/**
 * Ends the process once `stop` settles: 0 after a clean stop; after a failed one (an audit flush that failed, say)
 * 1, with the reason on stderr (errors at shutdown name what failed, never a secret; the line is bounded).
 */
export function exitWhenStopped(
  stop: () => Promise<void>,
  exit: (code: number) => void = (code) => process.exit(code),
  write: (text: string) => void = (text) => void process.stderr.write(text),
): Promise<void> {
  return stop().then(
    () => exit(0),
    (e: unknown) => {
      write(`portcullis: shutdown failed: ${firstLine(e)}\n`);
      exit(1);
    },
  );
}
