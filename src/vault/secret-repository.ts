/**
 * Where sealed secrets are kept. Only ciphertexts pass through this interface; the repository never sees a value
 * or a key. The file implementation (file-secret-repository.ts) is the one in use until the storage seam
 * (`openStores`) lands; moving to it is a new implementation of this interface.
 */

export interface SecretRecord {
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Envelope-sealed value (`pcv1....`, see envelope.ts). */
  sealed: string;
}

export class SecretConflictError extends Error {
  override readonly name = 'SecretConflictError';
}

export interface SecretRepository {
  list(): Promise<SecretRecord[]>;
  get(name: string): Promise<SecretRecord | undefined>;
  /**
   * Stores `record` as the current version of its name. `expectVersion` is the version the caller read
   * (0: the name must not exist); a different current version is a SecretConflictError.
   */
  put(record: SecretRecord, expectVersion: number): Promise<void>;
  delete(name: string): Promise<boolean>;
  /** Rewrites every record at once, all or nothing (master key rotation). */
  replaceAll(update: (records: readonly SecretRecord[]) => SecretRecord[]): Promise<void>;
}
