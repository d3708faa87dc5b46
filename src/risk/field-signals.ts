/** Category signals from input fields: money, roles, personal fields, recipients, code, destructive flags, set secrets. */
import { audienceField } from './audience-visibility.js';
import { codeFields, queryLanguages, strongNouns } from './lexicon.js';
import { namedSecret, type SchemaField } from './schema-fields.js';
import { addCategory as add, isCredentialWord, type Signals } from './signals.js';
import { specialCategoryFields } from './personal-records.js';
const fieldCredentialWords = new Set(
  [...strongNouns['credential-access']].filter((w) => w !== 'certificate' && w !== 'cert'),
);
const financialFields = new Set([
  'price',
  'unitamount',
  'paymentmethod',
  'cardnumber',
  'iban',
  'accountnumber',
  'routingnumber',
  'cvc',
  'cvv',
]);
const adminFields = new Set([
  'role',
  'roleid',
  'rolename',
  'permission',
  'accesslevel',
  'isadmin',
  'admin',
  'privilege',
]);
/** Access-control fields (ACLs, use restrictions, allow-lists, visibility): setting one decides who may use a thing.
 * Moving an existing item to another collection (`collection_id` on an update) changes which collection's audience
 * sees it, the field form of "which collections an item belongs to" (docs/risk.md, administrative). */
const accessFields = new Set([
  'acl',
  'accesscontrollist',
  'restriction',
  'visibility',
  'visibilitytype',
  'iammember',
  'collectionid',
  'collectionids',
]);
/** Lists whose records grant roles: an ACL's entries, IAM bindings, grants, members ("messages[].role" is a chat role). */
const accessListParents = new Set(['access', 'acl', 'binding', 'grant', 'member', 'permission']);
const personalFields = new Set([
  'ssn',
  'dateofbirth',
  'birthdate',
  'birthday',
  'phonenumber',
  'phone',
  'mobilephone',
  'firstname',
  'lastname',
  'givenname',
  'surname',
  'familyname',
  'homeaddress',
  'postalcode',
  'nationalid',
  'passportnumber',
]);
const recipientFields = new Set(['recipient', 'cc', 'bcc', 'torecipient', 'toaddress', 'toemail']);
const messageFields = new Set(['subject', 'body', 'message', 'text', 'html', 'content']);
const destructiveFlags = new Set([
  'delete',
  'purge',
  'force',
  'overwrite',
  'wipe',
  'prune',
  'hard',
  'permanent',
  'deletelocaldata',
  'cascade',
]);
const queryShaped = new Set(['query', 'filter', 'pipeline', 'expression']);
const queryLanguageProse = /\b(db\.\w+\.(find|aggregate|count|distinct)\b|mql\b|aggregation pipeline)/i;
const executes = /\b(execut|run|evaluat|eval\b|interpret)/i;
const programmingLanguages = new Set([
  'bash',
  'sh',
  'shell',
  'python',
  'python3',
  'node',
  'nodejs',
  'javascript',
  'js',
  'typescript',
  'ruby',
  'powershell',
  'go',
  'r',
  'deno',
  'bun',
]);

export function fieldSignals(
  s: Signals,
  fields: readonly SchemaField[],
  ctx: {
    writes: boolean;
    /** The tool's words (name, description), in lists. */
    toolWords: ReadonlyArray<readonly string[]>;
    /** The tool's own verb adds or edits a record (not the fail-closed guess for a tool without a verb). */
    stores: boolean;
    /** The tool's action changes an existing thing (an update, not a create). */
    changes: boolean;
  },
): void {
  const names = new Set(fields.map((f) => f.joined));
  // Asked only for a code, query or 'to' field (speed: most tools have none).
  let mentions: boolean | undefined;
  const mentionsQueryLanguage = (): boolean =>
    (mentions ??= ctx.toolWords.some((words) => words.some((w) => queryLanguages.has(w))));
  const hasMessageField = (): boolean => [...messageFields].some((m) => names.has(m));
  // A `language` / `runtime` choice of programming languages next to a code field: the tool runs it.
  const runsLanguage = fields.some(
    (f) =>
      f.depth === 0 &&
      (f.joined === 'language' || f.joined === 'runtime' || f.joined === 'lang') &&
      f.enumValues.some((x) => programmingLanguages.has(x.toLowerCase())),
  );
  for (const f of fields) {
    if (f.depth > 2) continue;
    const j = f.joined;
    const last = f.words[f.words.length - 1] ?? '';
    // credential-access: a tool that sets a secret (writes only; reads that take a key are the caller's auth).
    const lastIsCredential =
      (f.words.length > 0 && isCredentialWord(f.words, f.words.length - 1, fieldCredentialWords)) ||
      (f.type === 'string' && namedSecret(f));
    if (
      ctx.writes &&
      f.depth <= 1 &&
      lastIsCredential &&
      (f.type === undefined || f.type === 'string' || f.type === 'object') &&
      // A choice among published values (a fetch's `credentials`: omit, same-origin, include) carries no secret.
      f.enumValues.length === 0 &&
      !/authenticat|authoriz|bearer|\b(your|the) (\w+ )?api (secret|key)\b|idempot/i.test(f.description) &&
      !(names.has('clientid') && (j === 'secret' || j === 'clientsecret'))
    )
      add(s, 'credential-access', `field '${f.name}' sets a credential`);
    if (
      ctx.writes &&
      (financialFields.has(j) || (last === 'amount' && (names.has('currency') || names.has('currencycode'))))
    )
      add(s, 'financial', financialFields.has(j) ? `field '${f.name}'` : `body field '${f.name}' with 'currency'`);
    if (ctx.writes && (adminFields.has(j) || adminFields.has(last)) && f.depth === 0)
      add(s, 'administrative', `field '${f.name}'`);
    // Changing an existing thing's access list ("access[].role", IAM "bindings[].role"), use restrictions or
    // visibility decides who may use it; creating a thing with its first visibility is creating it.
    const accessList = f.depth === 1 && f.inList === true && accessListParents.has(f.parent ?? '');
    if (ctx.changes && f.depth <= 1 && ((accessList && (j === 'role' || j === 'permission')) || accessFields.has(j)))
      add(s, 'administrative', `field '${accessList ? `${f.parent ?? ''}[].` : ''}${f.name}' (who may use it)`);
    if ((personalFields.has(j) || specialCategoryFields.has(j)) && f.depth <= 1)
      add(s, 'personal-data', `field '${f.name}'`);
    if (ctx.writes && (recipientFields.has(j) || (j === 'to' && hasMessageField())))
      add(s, 'external-communication', j === 'to' ? `field 'to' with a message body` : `field '${f.name}'`);
    const codeLike = codeFields.has(j) || (f.words.length > 1 && codeFields.has(last));
    if (codeLike && (f.type === 'string' || f.type === 'array' || f.type === undefined)) {
      const contextual =
        j === 'code' || j === 'statement' || j === 'expression' || last === 'code' || last === 'statement';
      // A script nested in options (a browser action's script) or stored by a create/update (a build
      // command, a saved script) is code the tool runs only when its own description says so.
      const stored = f.depth > 0 || ctx.stores;
      if (
        (!contextual && !stored) ||
        lifecycleCommand(f.words) ||
        triggeredScript(f, fields) ||
        (runsLanguage && f.depth === 0) ||
        executes.test(f.description) ||
        mentionsQueryLanguage() ||
        f.words.some((w) => queryLanguages.has(w))
      )
        add(
          s,
          'code-execution',
          `field '${f.name}' carries ${j.includes('sql') || mentionsQueryLanguage() ? 'a query' : 'code or a command'}`,
        );
    }
    if (
      ((j === 'query' || last === 'query') &&
        (mentionsQueryLanguage() ||
          f.words.some((w) => queryLanguages.has(w)) ||
          /\b(sql|dql|soql|kql|promql|cypher|esql)\b/i.test(f.description))) ||
      // A filter or pipeline in a database's own query language ("the syntax of the query argument of
      // db.collection.find()", "an aggregation pipeline") is a statement the database runs, as SQL is; a search
      // service's filter syntax is not (it names no database statement).
      (queryShaped.has(last) && queryLanguageProse.test(f.description.slice(0, 300)))
    )
      add(s, 'code-execution', `field '${f.name}' carries a query-language statement`);
    if (ctx.writes && f.type === 'boolean' && destructiveFlags.has(j))
      add(s, 'destructive', `boolean field '${f.name}'`);
  }
  // A public, private or privacy field set by an update decides who may see the thing (audience-visibility.ts).
  const audience = ctx.changes ? audienceField(fields, ctx.toolWords[1] ?? []) : undefined;
  if (audience) add(s, 'administrative', `field '${audience.name}' (who may see it)`);
  // An OAuth 2.0 authorization request (RFC 6749 §4.1.1 and §4.2.1, OpenID Connect Core §3.1.2.1): `client_id` with
  // `redirect_uri` or `response_type` at the top of the input of a tool that stores nothing. The authorization server
  // answers it by issuing an authorization code or tokens to the redirect URI: the call obtains a credential whatever
  // its method. The names are the RFC's singular ones: a client's registration (RFC 7591) holds `redirect_uris` and
  // `response_types`, and creating or editing a record that takes a `redirect_uri` (an onboarding link) stores it.
  if (!ctx.stores) {
    const top = new Set(fields.filter((f) => f.depth === 0).map((f) => f.name.toLowerCase().replace(/[^a-z]/g, '')));
    const second = top.has('redirecturi') ? 'redirect_uri' : top.has('responsetype') ? 'response_type' : undefined;
    if (top.has('clientid') && second)
      add(s, 'credential-access', `fields 'client_id' and '${second}' (an OAuth authorization request)`);
  }
}

/** Build and start stages of a hosting platform (Render's buildCommand / startCommand / preDeployCommand, Vercel's
 * installCommand / buildCommand, Heroku's release phase, Railway's startCommand): the platform runs the command stored
 * under that name at that stage. */
const lifecycleStages = new Set([
  'build',
  'start',
  'install',
  'deploy',
  'release',
  'prebuild',
  'postbuild',
  'prestart',
]);

/** A stored field named `<stage> command` ("buildCommand", "start_command"): a command the platform runs. */
function lifecycleCommand(words: readonly string[]): boolean {
  return (
    words.length > 1 && words[words.length - 1] === 'command' && lifecycleStages.has(words[words.length - 2] ?? '')
  );
}

/** Names of the event at which stored code runs ("trigger_event", "runAt"). */
const triggerFields = new Set(['trigger', 'triggerevent', 'triggeron', 'runat', 'runon', 'executeon']);

/** A stored script or code field beside the event that triggers it (a shop's inline script tag with its trigger
 * event): code the service runs when the event fires. */
function triggeredScript(f: SchemaField, fields: readonly SchemaField[]): boolean {
  if (f.joined !== 'script' && f.joined !== 'code' && f.joined !== 'source') return false;
  return fields.some((g) => g !== f && g.parent === f.parent && g.depth === f.depth && triggerFields.has(g.joined));
}
