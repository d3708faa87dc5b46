/**
 * tools/call cases both fast paths (2025 sessions and 2026-07-28) must answer exactly as the SDK's own handler does,
 * against the test upstream under the name `up` with `up_echo` granted and `up_crash` not.
 */
export const SAME_AS_SDK_CALLS: ReadonlyArray<readonly [name: string, args: unknown]> = [
  ['up_echo', { message: 'same' }],
  ['up_echo', { message: 42 }], // invalid arguments: a readable isError result
  ['up_crash', {}], // not granted: looks nonexistent (a JSON-RPC error)
  ['nope_nothing', {}], // unknown
];
