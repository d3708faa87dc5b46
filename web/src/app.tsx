import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, setSession, signIn, signOut, whoAmI, type Me, type Role } from './api.js';
import { useRoute } from './hooks.js';
import { AgentsPage } from './pages/agents.js';
import { ApprovalsPage } from './pages/approvals.js';
import { AuditPageView } from './pages/audit.js';
import { InventoryPage } from './pages/inventory.js';
import { OverviewPage } from './pages/overview.js';
import { SecurityPage } from './pages/security.js';
import { ErrorBox, Loading } from './ui.js';

interface PageDef {
  id: string;
  title: string;
  roles: Role[];
  render(me: Me): ComponentChildren;
}

/** Pages and the roles that see them (the REST API enforces the same roles; hiding is only for clarity). */
const PAGES: PageDef[] = [
  { id: 'overview', title: 'Overview', roles: ['admin', 'auditor'], render: () => <OverviewPage /> },
  {
    id: 'approvals',
    title: 'Approvals',
    roles: ['approver', 'admin', 'auditor'],
    render: (me) => (
      <ApprovalsPage me={me.user} canDecide={me.roles.includes('approver') || me.roles.includes('admin')} />
    ),
  },
  {
    id: 'inventory',
    title: 'Inventory',
    roles: ['admin', 'auditor'],
    render: (me) => <InventoryPage isAdmin={me.roles.includes('admin')} />,
  },
  { id: 'agents', title: 'Agents', roles: ['admin'], render: () => <AgentsPage /> },
  { id: 'audit', title: 'Audit', roles: ['admin', 'auditor'], render: () => <AuditPageView /> },
  {
    id: 'security',
    title: 'Security',
    roles: ['admin', 'auditor'],
    render: (me) => <SecurityPage isAdmin={me.roles.includes('admin')} />,
  },
];

/** Why a single sign-on came back without a session (`#signin-error=REASON`, set by the gateway's callback). */
const SSO_ERRORS: Record<string, string> = {
  'not-a-user': 'The identity provider signed you in, but you are not a user of this gateway.',
  'no-role': 'You are a user of this gateway, but have no role.',
  'idp-refused': 'The identity provider did not sign you in.',
  'idp-unavailable': 'The identity provider cannot be reached; try again later.',
  throttled: 'Too many failed sign-ins from this address; try again later.',
};

function ssoError(): string | undefined {
  const m = /^#signin-error=([a-z-]{1,40})$/.exec(location.hash);
  if (!m) return undefined;
  history.replaceState(null, '', '/');
  return SSO_ERRORS[m[1]!] ?? `Single sign-on failed (${m[1]}).`;
}

function SignIn({ done, oidc }: { done: (me: Me) => void; oidc: boolean }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>(ssoError);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await signIn(key.trim());
      setKey('');
      done(me);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'That key was not accepted.' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin" id="main">
      <h1>Portcullis</h1>
      {oidc && (
        <div class="card sso">
          <a class="button primary" href="/auth/oidc/login" id="sso">
            Sign in with single sign-on
          </a>
          <p class="muted">At your organisation's identity provider.</p>
        </div>
      )}
      <form class="card" onSubmit={(e) => void submit(e)} aria-describedby="signin-help">
        <label for="key">Your API key</label>
        <input
          id="key"
          name="key"
          type="password"
          autoComplete="off"
          spellcheck={false}
          required
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
        />
        <p id="signin-help" class="muted">
          A user key from <code>portcullis users create NAME</code>. Your roles come from the gateway's config.
        </p>
        {error && (
          <p class="state-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [oidc, setOidc] = useState(false);
  const [fatal, setFatal] = useState<Error>();
  const route = useRoute();
  const accept = (m: Me | null) => {
    setSession(m ?? undefined, () => setMe(null));
    setMe(m);
  };
  useEffect(() => {
    whoAmI().then((w) => {
      setOidc(w.oidc === true);
      accept(w.me ?? null);
    }, setFatal);
  }, []);
  const pages = me ? PAGES.filter((p) => p.roles.some((r) => me.roles.includes(r))) : [];
  const page = pages.find((p) => p.id === route.page) ?? pages[0];
  useEffect(() => {
    document.title = page ? `${page.title} · Portcullis` : 'Portcullis';
    document.getElementById('page-title')?.focus();
  }, [page?.id]);

  if (fatal) return <ErrorBox error={fatal} retry={() => location.reload()} />;
  if (me === undefined) return <Loading />;
  if (me === null) return <SignIn done={accept} oidc={oidc} />;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Portcullis</span>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p.id === page?.id ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          <span id="who">{me.user}</span> <small>({me.roles.join(', ')})</small>
          <button
            type="button"
            onClick={() => {
              signOut().then(
                () => accept(null),
                () => accept(null),
              );
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main">{page ? page.render(me) : <p>Your roles give you no page here.</p>}</main>
    </>
  );
}
