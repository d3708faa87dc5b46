import { createPublicKey } from 'node:crypto';
import { verifyAuditChain } from '../audit/verify.js';
import type { VerifyResult } from '../audit/types.js';
import type { StorageSetting } from './config.js';
import { openStores } from './open-stores.js';

export interface CopyResult {
  keys: number;
  records: number;
  checkpoints: number;
  /** Verification of the copied chain on the target, with the signing key recorded in the source. */
  verify: VerifyResult | undefined;
}

const META_KEYS = ['publicKey', 'retention.prunedBefore'];
const CHUNK = 5000;

/**
 * `portcullis storage copy`: moves a deployment to another back end (typically SQLite → PostgreSQL). The target
 * must be empty. Records are copied byte for byte (seq, hash, canonical body) with their signed checkpoints, so
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
      const keys = [...(await source.apiKeys.listByAgent('agent')), ...(await source.apiKeys.listByAgent('user'))];
      const existing = [...(await target.apiKeys.listByAgent('agent')), ...(await target.apiKeys.listByAgent('user'))];
      const srcAudit = (await source.audit.exists()) ? source.audit.openReadonly() : undefined;
      const dst = target.audit.open({});
      try {
        if (existing.length > 0 || (await dst.head()))
          throw new Error(`target ${target.location} is not empty: copy only into a new database`);
        const scores = await source.report.scores(Number.MAX_SAFE_INTEGER);
        const acks = await source.report.acknowledgements();
        await target.transaction(async (tx) => {
          for (const k of keys) await target.apiKeys.insert(k, tx);
          for (const e of scores) await target.report.addScore(e, tx);
          for (const a of acks) await target.report.acknowledge(a, tx);
        });
        progress(`copied ${keys.length} key(s), ${scores.length} report score(s), ${acks.length} acknowledgement(s)`);
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
        return { keys: keys.length, records, checkpoints, verify };
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
