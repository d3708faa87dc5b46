import { createPublicKey } from 'node:crypto';
import { verifyAuditChain } from '../audit/verify.js';
import type { VerifyResult } from '../audit/types.js';
import type { StorageSetting } from './config.js';
import { openStores } from './open-stores.js';
import { type DataStoreName, storeCopiers } from './copy-stores.js';

export interface CopyResult {
  /** Rows copied per data store (keys, approvals, pins, report, …). */
  stores: { [K in DataStoreName]: number };
  records: number;
  checkpoints: number;
  /** Verification of the copied chain on the target, with the signing key recorded in the source. */
  verify: VerifyResult | undefined;
}

const META_KEYS = ['publicKey', 'retention.prunedBefore'];
const CHUNK = 5000;

/**
 * `portcullis storage copy`: moves a deployment to another back end (typically SQLite → PostgreSQL): every data store
 * (src/storage/copy-stores.ts, exhaustive by type) in one transaction, then the audit chain. The target must be empty. Records are copied byte for byte (seq, hash, canonical body) with their signed checkpoints, so
 * the chain verifies on the target exactly as on the source; the copy is verified before it is reported done.
 */
export async function copyStorage(
  from: StorageSetting,
  to: StorageSetting,
  progress: (m: string) => void = () => undefined,
): Promise<CopyResult> {
  const source = await openStores(from, { migrate: false });
  try {
    const target = await openStores(to, { migrate: true });
    try {
      const names = Object.keys(storeCopiers) as DataStoreName[];
      const srcAudit = (await source.audit.exists()) ? source.audit.openReadonly() : undefined;
      const dst = target.audit.open({});
      try {
        for (const name of names)
          if ((await storeCopiers[name].read(target)).length > 0)
            throw new Error(`target ${target.location} is not empty (${name}): copy only into a new database`);
        if (await dst.head())
          throw new Error(`target ${target.location} is not empty (audit): copy only into a new database`);
        const rows = new Map<DataStoreName, unknown[]>();
        for (const name of names) rows.set(name, await storeCopiers[name].read(source));
        await target.transaction(async (tx) => {
          for (const name of names) await storeCopiers[name].write(target, rows.get(name)!, tx);
        });
        const stores = Object.fromEntries(names.map((n) => [n, rows.get(n)!.length])) as CopyResult['stores'];
        progress(`copied ${names.map((n) => `${stores[n]} ${storeCopiers[n].what}`).join(', ')}`);
        let records = 0;
        let checkpoints = 0;
        if (srcAudit) {
          for (const key of META_KEYS) {
            const v = await srcAudit.getMeta(key);
            if (v !== undefined) await dst.setMeta(key, v);
          }
          const head = await srcAudit.head();
          let next = (await srcAudit.first())?.seq ?? 1;
          while (head && next <= head.seq) {
            const rows = await srcAudit.readRange(next, head.seq, CHUNK);
            if (rows.length === 0) break;
            const last = rows[rows.length - 1]!.seq;
            const cps = await srcAudit.checkpoints(next, last);
            await dst.append(rows, cps);
            records += rows.length;
            checkpoints += cps.length;
            next = last + 1;
            progress(`copied audit records up to seq ${last}`);
          }
        }
        const pem = await dst.getMeta('publicKey');
        const verify = pem
          ? await verifyAuditChain(dst, { publicKey: createPublicKey(pem), keySource: 'database' })
          : undefined;
        return { stores, records, checkpoints, verify };
      } finally {
        await srcAudit?.close();
        await dst.close();
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
