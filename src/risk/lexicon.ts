/**
 * Vocabulary of the classifier: what a verb does, which nouns belong to which category.
 * General English and API vocabulary only; nothing here names a particular tool.
 */
import type { RiskCategory } from './types.js';

/** What a verb does to the world. */
export type VerbClass =
  | 'read' // observes only
  | 'create' // adds something new (additive)
  | 'update' // changes existing state (not additive)
  | 'delete' // removes, cancels, terminates, wipes
  | 'send' // delivers something to people or systems outside
  | 'comment' // posts visible content (a comment, a reaction)
  | 'exec' // runs code, commands, queries, scripts
  | 'trigger' // starts a workflow, pipeline, job or run
  | 'pay' // moves money
  | 'deploy' // deploys, rolls out, provisions
  | 'scale' // scales capacity
  | 'lifecycle' // starts / stops / restarts something
  | 'grant' // gives access
  | 'revoke' // takes access or credentials away
  | 'rotate'; // replaces a credential

interface VerbEntry {
  cls: VerbClass;
  /** Also a common noun ("review", "request"): an unambiguous verb elsewhere in the name wins. */
  ambiguous?: boolean;
}

const v = (cls: VerbClass, words: string, ambiguous = false): Array<[string, VerbEntry]> =>
  words.split(/\s+/).map((w) => [w, ambiguous ? { cls, ambiguous } : { cls }]);

export const verbs: ReadonlyMap<string, VerbEntry> = new Map<string, VerbEntry>([
  ...v(
    'read',
    'get list read fetch search find lookup retrieve describe show view inspect explain count download export ' +
      'watch tail analyze analyse validate verify diff compare preview browse scan audit explore guide suggest ' +
      'recommend generate summarize summarise estimate calculate compute parse echo ping whoami learn discover poll ' +
      'wait load lint score detect crawl scrape extract observe research check can is has open render measure translate ' +
      'convert identify locate gather collect trace monitor screenshot expand return provide display obtain capture rank rerank ' +
      // "AssumeRole": exchanges a token for a role's temporary credentials, handed back and stored nowhere.
      'assume ' +
      // "recall": brings back what a memory store kept, not "call" again (verb-nouns.ts).
      'recall',
  ),
  ...v('read', 'review test query report status info details detail select snapshot', true),
  ...v(
    'create',
    'create add insert append upload import register fork clone duplicate copy init initialize new make ' +
      'attach follow subscribe bookmark compose prepare allocate reserve enroll compress decompress zip unzip gzip ' +
      // Ingesting takes content into a store (a search index, a vector database, a memory); bootstrapping sets a
      // system or project up for the first time, as init does (thirty-second round).
      'ingest bootstrap',
  ),
  ...v('create', 'post record track link tag label star pin draft claim commit build', true),
  ...v(
    'update',
    'update edit modify patch set put write rename move replace upsert save configure enable ' +
      'disable toggle assign unassign unlink detach untag unlabel unstar unpin unfollow unsubscribe mark dismiss ' +
      'snooze resolve reopen close archive unarchive restore sort format merge unmerge rebase checkout stash ' +
      'pull fetch_remote push apply approve unapprove reject accept decline transition promote reorder ' +
      'reprioritize refresh sync connect disconnect login logout signin signout ' +
      'lock unlock block unblock mute unmute hide unhide enhance standardize uplift orchestrate manage control ' +
      'complete handle mutate transact emulate navigate click tap press fill hover drag confirm deny activate ' +
      'swipe scroll resize focus take upgrade downgrade install setup react expose unexpose ' +
      'unreact vote cherry cherrypick submit reauthorize cordon uncordon ask leave join redefine hotswap hotpatch skip unskip',
  ),
  ...v('update', 'config change format type process batch bulk request release', true),
  ...v(
    'delete',
    'delete remove destroy purge erase drop wipe truncate uninstall clear clean cleanup unregister deregister ' +
      'cancel abort kill terminate discard reset overwrite expunge evict drain shred unset empty obliterate',
  ),
  ...v('send', 'send notify publish broadcast forward reply invite share tweet announce deliver', false),
  ...v('send', 'email mail message sms text dm', true),
  ...v('comment', 'comment', true),
  ...v('exec', 'execute exec run eval evaluate invoke spawn interpret', false),
  ...v('exec', 'call script shell', true),
  ...v('trigger', 'trigger rerun retry replay play dispatch kick enqueue', false),
  ...v('trigger', 'schedule queue', true),
  // Money movement (PSD2 Annex I payment services: cash placed on or withdrawn from a payment account, credit
  // transfers, direct debits, money remittance; ISO 20022 payment initiation, returns and refunds).
  ...v('pay', 'pay payout purchase buy debit withdraw remit disburse', false),
  ...v('pay', 'charge refund transfer credit bill deposit', true),
  ...v('deploy', 'deploy redeploy rollout rollback provision', false),
  ...v('scale', 'scale autoscale', false),
  ...v(
    'lifecycle',
    'start stop restart reboot launch shutdown suspend resume pause unpause hibernate boot halt poweron poweroff recycle ' +
      'powercycle',
    false,
  ),
  ...v('grant', 'grant authorize impersonate elevate', false),
  ...v('revoke', 'revoke deauthorize unauthorize ban', false),
  // `regen` is the common short form of regenerate (`regen key`, `regen secret`).
  ...v('rotate', 'rotate regenerate regen renew reissue roll', false),
]);

/** Nouns that place a tool in a category (matched on stemmed name / path / tag / field words). */
export const strongNouns: Record<Exclude<RiskCategory, 'destructive' | 'code-execution'>, ReadonlySet<string>> = {
  financial: words(
    'payment paymentmethod paymentintent setupintent charge refund payout transfer invoice subscription price ' +
      'pricing billing creditnote balance wallet checkout coupon discount tax quote transaction ledger ' +
      'fund money payroll dispute mandate purchase ' +
      // Betting: a bet or wager stakes money on an outcome (the E-Commerce Directive 2000/31/EC, Art. 1(5)(d):
      // "wagering a stake with monetary value in games of chance, including lotteries and betting transactions").
      'bet wager stake',
  ),
  administrative: words(
    'admin administrator role permission perm perms membership collaborator owner ownership acl iam sso saml ' +
      'scim mfa twofactor privilege invitation protection protect unprotect branchprotection ruleset accessrule ' +
      'accesscontrol accesspolicy ' +
      // Access-control vocabulary (XACML / NIST SP 800-162 policies; ACLs, allow and deny lists, OAuth scopes, a
      // resource's use restrictions): who or what may act.
      'scope restriction allowlist whitelist denylist blacklist blocklist publicaccess ' +
      // Federated sign-in (SAML / OIDC identity providers and sources), trusted IP lists, code-signing controls.
      'identityprovider identitysource trustedip codesigning',
  ),
  'credential-access': words(
    'secret token password passwd credential apikey apitoken accesstoken accesskey secretkey privatekey sshkey ' +
      'gpgkey deploykey signingkey signingsecret encryptionkey clientsecret certificate cert keypair kubeconfig ' +
      'passphrase otp totp mnemonic keystore keychain jwt envvar dotenv connectionstring presign presigned checkoutkey ' +
      // A push provider is the credential set a service delivers push notifications with (APNs: a .p8 signing key or
      // a certificate; FCM: a server or service-account key).
      'pushprovider',
  ),
  'external-communication': words(
    'email mail message sms notification comment reply webhook invitation invite broadcast tweet newsletter ' +
      'campaign announcement dm fax mms voicemail call reaction pushnotification',
  ),
  infrastructure: words(
    'cluster pod deployment replicaset statefulset daemonset helm kubernetes k8s kubectl droplet vm firewall ' +
      'vpc subnet loadbalancer ingress dns dnssec resolver nameserver infrastructure infra terraform cloudformation autoscaler cdn nfs fileshare ' +
      'placementgroup staticip floatingip elasticip securitygroup nodepool capacityprovider ' +
      // Kubernetes resource kinds and cloud network resources not above (docs/risk.md, infrastructure).
      'persistentvolume persistentvolumeclaim pvc storageclass cronjob horizontalpodautoscaler hpa networkpolicy ' +
      'natgateway vpngateway internetgateway transitgateway routetable hypervisor vps ' +
      // Load balancing and traffic distribution (AWS Elastic Load Balancing and Global Accelerator resource types:
      // listeners, target and endpoint groups, accelerators), a SIP trunk (a carrier interconnect), and the capacity
      // a cluster runs with (AWS Application Auto Scaling and EMR managed scaling policies, Kubernetes' HPA, Dataproc
      // autoscaling policies; reserved capacity).
      'listener accelerator endpointgroup targetgroup siptrunk scalingpolicy autoscalingpolicy capacityreservation ' +
      // A pool of compute nodes or hosts (Azure Batch pools, host pools); user, identity and liquidity pools are
      // other things (tokens.ts compounds).
      'pool',
  ),
  'personal-data': words(
    'person people profile contact customer employee patient recipient subscriber attendee phonenumber birthday ' +
      'birthdate ssn presence manager candidate applicant guest student me member emailaddress sender ' +
      'bankaccount paymentmethod creditcard debitcard paymentcard',
  ),
};

/**
 * Weak nouns: they count only as the direct object of the verb (the word right after it), as the last
 * literal path segment, or when two of them appear ("team member").
 */
export const weakNouns: Partial<Record<RiskCategory, ReadonlySet<string>>> = {
  // Not "authorization": in an API it is a payment's hold or an OAuth grant, not who may act (authorizations.ts).
  administrative: words('user account group team org organization member policy access setting security license seat'),
  infrastructure: words(
    'function service environment env app application worker image server container instance node ' +
      'namespace volume disk network zone region database db bucket domain host machine compute registry stack ' +
      // An isolated VM or container (code sandboxes); an edge, gateway or network route sends traffic somewhere.
      'sandbox route port ' +
      // A message broker (Amazon MQ, RabbitMQ, Kafka) is provisioned instances. Not "queue": a queue holds messages or
      // jobs (data); the broker or cluster that serves it is the infrastructure.
      'broker',
  ),
  'credential-access': words('grant session oauth cookie vault key env factor'),
  'personal-data': words('user address message conversation chat inbox reply email mail'),
};

/**
 * Categories whose nouns only count when the tool changes state (reading a list of invoices is not a
 * financial action; paying one is). Credential and personal-data nouns also count for reads.
 */
export const writeOnlyCategories: ReadonlySet<RiskCategory> = new Set([
  'financial',
  'administrative',
  'infrastructure',
  'external-communication',
]);

/** Words before a credential noun that make it something else ("page token", "max tokens"). */
export const notCredentialBefore: ReadonlySet<string> = words(
  'page next continuation consistency sync cursor pagination delta skip resume start end change idempotency count max ' +
    // Pagination link relations (RFC 8288 / IANA: prev, previous, first, last) and paging directions.
    'prev previous first last backward forward ' +
    // A tag's key is the tag's name (a key-value label), not a secret.
    'tag ' +
    'limit prompt output input completion csrf verification total cached reasoning used remaining ' +
    // A design token is a named style value (W3C Design Tokens Community Group, Design Tokens Format Module).
    'design',
);

/** Query-language words: a query in one of these is caller-supplied code. GraphQL is one (its specification, §1:
 * "a query language"; a document of operations and fragments the server executes, §6 Execution). */
export const queryLanguages: ReadonlySet<string> = words(
  'sql dql soql sosl kql promql logql cypher esql hql ppl gremlin sparql graphql gql',
);

/** Field names that carry caller-supplied code or commands. */
export const codeFields: ReadonlySet<string> = words(
  'command cmd script shell sql statement expression javascript js python bash powershell snippet code',
);

/** Objects of run/trigger verbs that make them workflow execution. */
export const workflowNouns: ReadonlySet<string> = words(
  'pipeline workflow job build task test suite run flow automation playbook notebook lambda function',
);

/** Runs of a workflow named as one word by their platforms (Tekton's TaskRun/PipelineRun, CI job and workflow runs):
 * starting one runs code (run-code.ts), cancelling one ends a run (run-ending.ts). */
export const oneWordRuns: ReadonlySet<string> = words('taskrun pipelinerun jobrun workflowrun');

/** Things a lifecycle verb (start/stop/restart) acts on that make it infrastructure. */
export const computeNouns: ReadonlySet<string> = words(
  'instance server droplet vm machine container pod node cluster service deployment app application worker ' +
    'function database db environment compute host runner broker vps',
);

/** Objects of "open" that make it a state change (navigating, creating, launching a program) rather than a read; a
 * simulator, an emulator or developer tools are programs started on the machine, a deep link navigates a device
 * (thirtieth round). */
export const openChanges: ReadonlySet<string> = words(
  'url page tab browser app window pullrequest mergerequest issue ticket session port connection link ' +
    'sim simulator emulator devtool deeplink',
);

/** Objects of "resolve" that make it a lookup rather than a state change. */
export const resolveLooksUp: ReadonlySet<string> = words(
  'id identifier name alias library url reference ref address symbol path handle username',
);

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}
