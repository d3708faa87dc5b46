/** The demo billing API: in-memory data served with node:http on 127.0.0.1. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { billingSpec } from './billing-spec.js';

interface Customer {
  id: string;
  name: string;
  email: string;
}
interface Invoice {
  id: string;
  customerId: string;
  amount: number;
  currency: string;
  description?: string;
  status: 'draft' | 'open' | 'paid' | 'void';
  refunded: number;
}
interface Refund {
  id: string;
  invoiceId: string;
  amount: number;
  reason?: string;
}
interface User {
  id: string;
  email: string;
  role: string;
}

type Json = Record<string, unknown>;
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function createStore() {
  let seq = 100;
  const next = (p: string): string => `${p}_${++seq}`;
  const customers = new Map<string, Customer>([
    ['cus_1', { id: 'cus_1', name: 'Acme GmbH', email: 'billing@acme.example' }],
    ['cus_2', { id: 'cus_2', name: 'Globex Ltd', email: 'ap@globex.example' }],
  ]);
  const invoices = new Map<string, Invoice>([
    [
      'inv_1',
      {
        id: 'inv_1',
        customerId: 'cus_1',
        amount: 120_00,
        currency: 'eur',
        description: 'Support plan',
        status: 'paid',
        refunded: 0,
      },
    ],
    [
      'inv_2',
      {
        id: 'inv_2',
        customerId: 'cus_2',
        amount: 4_990_00,
        currency: 'usd',
        description: 'Licences',
        status: 'open',
        refunded: 0,
      },
    ],
  ]);
  const refunds = new Map<string, Refund>();
  const users = new Map<string, User>([['usr_1', { id: 'usr_1', email: 'owner@billing.example', role: 'admin' }]]);
  return { next, customers, invoices, refunds, users };
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new HttpError(404, `${what} not found`);
  return v;
}

function route(
  store: ReturnType<typeof createStore>,
  method: string,
  url: URL,
  body: Json,
  specText: string,
): { status: number; body?: unknown } {
  const seg = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const page = <T>(items: T[]): { data: T[] } => ({ data: items.slice(0, limit) });
  const key = `${method} /${seg.map((s) => (/^[a-z]+_[0-9]+$/.test(s) ? ':id' : s)).join('/')}`;
  switch (key) {
    case 'GET /openapi.json':
      return { status: 200, body: JSON.parse(specText) };
    case 'GET /customers': {
      const email = url.searchParams.get('email');
      return { status: 200, body: page([...store.customers.values()].filter((c) => !email || c.email === email)) };
    }
    case 'POST /customers': {
      const c: Customer = { id: store.next('cus'), name: String(body.name), email: String(body.email) };
      store.customers.set(c.id, c);
      return { status: 201, body: c };
    }
    case 'GET /customers/:id':
      return { status: 200, body: need(store.customers.get(seg[1]!), 'customer') };
    case 'DELETE /customers/:id':
      need(store.customers.get(seg[1]!), 'customer');
      store.customers.delete(seg[1]!);
      return { status: 204 };
    case 'GET /invoices': {
      const status = url.searchParams.get('status');
      const cus = url.searchParams.get('customerId');
      return {
        status: 200,
        body: page(
          [...store.invoices.values()].filter(
            (i) => (!status || i.status === status) && (!cus || i.customerId === cus),
          ),
        ),
      };
    }
    case 'POST /invoices': {
      need(store.customers.get(String(body.customerId)), 'customer');
      const inv: Invoice = {
        id: store.next('inv'),
        customerId: String(body.customerId),
        amount: Number(body.amount),
        currency: String(body.currency),
        status: 'draft',
        refunded: 0,
      };
      if (typeof body.description === 'string') inv.description = body.description;
      store.invoices.set(inv.id, inv);
      return { status: 201, body: inv };
    }
    case 'GET /invoices/:id':
      return { status: 200, body: need(store.invoices.get(seg[1]!), 'invoice') };
    case 'POST /invoices/:id/send': {
      const inv = need(store.invoices.get(seg[1]!), 'invoice');
      if (inv.status !== 'draft') throw new HttpError(400, `invoice is ${inv.status}, not draft`);
      inv.status = 'open';
      return { status: 200, body: inv };
    }
    case 'GET /refunds':
      return { status: 200, body: page([...store.refunds.values()]) };
    case 'POST /refunds': {
      const inv = need(store.invoices.get(String(body.invoiceId)), 'invoice');
      const amount = Number(body.amount);
      if (inv.status !== 'paid') throw new HttpError(400, 'only paid invoices can be refunded');
      if (!(amount > 0) || inv.refunded + amount > inv.amount)
        throw new HttpError(400, 'refund exceeds the invoice amount');
      inv.refunded += amount;
      const r: Refund = {
        id: store.next('re'),
        invoiceId: inv.id,
        amount,
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      };
      store.refunds.set(r.id, r);
      return { status: 201, body: r };
    }
    case 'GET /admin/users':
      return { status: 200, body: { data: [...store.users.values()] } };
    case 'POST /admin/users': {
      const u: User = { id: store.next('usr'), email: String(body.email), role: String(body.role) };
      store.users.set(u.id, u);
      return { status: 201, body: u };
    }
    case 'DELETE /admin/users/:id':
      need(store.users.get(seg[2]!), 'user');
      store.users.delete(seg[2]!);
      return { status: 204 };
    default:
      throw new HttpError(404, `no route ${method} ${url.pathname}`);
  }
}

export interface BillingApi {
  url: string;
  specPath: string;
  close(): Promise<void>;
}

/**
 * Starts the demo billing API on 127.0.0.1 (port 0: any free port) and writes its OpenAPI spec to a
 * temporary file. With `apiKey`, requests must carry it in `X-Billing-Key`.
 */
/**
 * `specDir`: where to write the spec file (the demo's own directory, so nothing is left in the temp directory if the
 * process is killed); default a temp directory removed by `close()`.
 */
export async function startBillingApi(
  port = 0,
  options: { apiKey?: string; specDir?: string } = {},
): Promise<BillingApi> {
  const store = createStore();
  let specText = '{}';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body?: unknown): void => {
        res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (options.apiKey && url.pathname !== '/openapi.json' && req.headers['x-billing-key'] !== options.apiKey)
          throw new HttpError(401, 'missing or wrong X-Billing-Key');
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: Json = {};
        if (raw) {
          const parsed = JSON.parse(raw) as unknown;
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
            throw new HttpError(400, 'body must be a JSON object');
          body = parsed as Json;
        }
        const r = route(store, req.method ?? 'GET', url, body, specText);
        send(r.status, r.body);
      } catch (e) {
        send(e instanceof HttpError ? e.status : 400, { error: (e as Error).message });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  specText = JSON.stringify(billingSpec(url), null, 2);
  const dir = options.specDir ?? (await mkdtemp(join(tmpdir(), 'portcullis-billing-')));
  const specPath = join(dir, 'billing-api.openapi.json');
  await writeFile(specPath, specText);
  return {
    url,
    specPath,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.specDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
