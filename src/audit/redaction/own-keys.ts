/**
 * JSON may name a key "__proto__" (JSON.parse makes it an own property, and JSON.stringify sends it on to the upstream),
 * but a plain assignment of that key to a fresh object sets the object's prototype instead: the copy the audit record
 * is made from would lose the argument, and a record would not say what the upstream received.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
