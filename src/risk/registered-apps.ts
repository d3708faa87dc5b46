/**
 * An app is infrastructure only where it is hosted compute (twenty-fourth round; docs/risk.md, infrastructure).
 *
 * `infrastructure` means provisioning or changing compute, network, storage, DNS or deployments. A PaaS app (its
 * dynos, processes, instances, containers and deploys: Heroku, Clever Cloud, Coolify) is that. Most APIs' "apps" are
 * something else: a registration that holds a name, keys and settings (an OAuth client, an Ably or Auth0 app, a
 * WordPress application password), a listing in a store or marketplace (an App Store version, a marketplace app), an
 * integration installed into a product (a Bitbucket app, a Miro app card), or a job applicant's application. Creating,
 * changing or deleting one of those provisions nothing.
 *
 * So where `infrastructure` rests only on the noun app or application (in the name, the path or the description's
 * opening), and neither the tool's words nor its input fields say the app runs somewhere (a dyno, process, instance,
 * container, server, deploy, build pack, port, replica or region) nor its verb starts, stops, deploys or scales it,
 * the category is dropped with the reason. Apps on devices are device-apps.ts's.
 */
import type { SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';

const appReason = /^(?:object )?'(?:apps?|applications?)' in (?:name|description|operationId|path segment\b.*)$/;
/** Words that put an app on compute: PaaS vocabulary (Heroku dynos and process types, Cloud Foundry instances,
 * container platforms' images, ports and replicas). */
const hostedWords = new Set(
  (
    'dyno process instance container docker dockerfile image server host hosting runtime deploy deployment ' +
    'buildpack port replica region scale cluster pod vm machine node worker'
  ).split(' '),
);
const lifecycleVerbs = new Set(['start', 'stop', 'restart', 'deploy', 'redeploy', 'scale', 'launch', 'provision']);

/** Drops `infrastructure` that rests only on an app that is not hosted compute (module comment). `words` are the
 * stemmed words of the name, path and description. */
export function registeredApp(
  s: Signals,
  ctx: { words: readonly string[]; inputFields: readonly SchemaField[]; verb: string | undefined },
): void {
  const why = s.categories.get('infrastructure');
  if (!why || !why.every((r) => appReason.test(r))) return;
  if (ctx.verb !== undefined && lifecycleVerbs.has(ctx.verb)) return;
  if (ctx.words.some((w) => hostedWords.has(w))) return;
  if (ctx.inputFields.some((f) => f.depth === 0 && f.words.some((w) => hostedWords.has(w)))) return;
  s.categories.delete('infrastructure');
  s.reasons.push(`${why[0] ?? ''}, but nothing says the app runs anywhere: a registration or listing, not compute`);
}
