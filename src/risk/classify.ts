/**
 * The risk classifier: level, categories, side effect and reasons for one tool, from every signal
 * the definition carries. Pure and fast (it runs on every tool at load).
 */
import type { ToolDefinition, ToolSource } from '../core/tool.js';
import type { VerbClass } from './lexicon.js';
import { computeNouns, workflowNouns } from './lexicon.js';
import { accountInformationRead } from './personal-records.js';
import { buyerOrderRead } from './buyer-orders.js';
import { createsRunOfCode, runsCodeReason } from './run-code.js';
import { containerEngineRun } from './run-objects.js';
import { dottedResourceStart, readMethods } from './http-action.js';
import { writtenFileField } from './written-files.js';
import { projectGeneratorReason, savedOutputReason } from './saved-outputs.js';
import { collectFields, isObject } from './schema-fields.js';
import { readOnlyQueryReason } from './read-only-queries.js';
import { neverLowered, nameVerbSignals, openWorldReason, proseVerbSignals, type StateSignal } from './evidence.js';
import { networkProbeReason } from './network-probes.js';
import { crawlerSiteReason } from './crawler-sites.js';
import { capabilityLinkReason } from './capability-links.js';
import { pipelinePeopleReason } from './pipeline-people.js';
import { passedSecretReason } from './passed-secrets.js';
import { assetTokens } from './token-assets.js';
import { deviceCodeReason, keyResourceReason } from './grant-artefacts.js';
import { codeExchangeReason } from './code-exchanges.js';
import { localFileOverwriteReason } from './file-overwrites.js';
import { transientStateRemoved } from './transient-state.js';
import { cacheCleared } from './caches-cleared.js';
import { scheduledSendCancelled } from './scheduled-sends.js';
import { rollbackOfHistory } from './rollbacks.js';
import { markRemoved } from './marks-removed.js';
import { contentPublished } from './published-content.js';
import { uiSelectionReason } from './ui-selection.js';
import { determineAction } from './tool-action.js';
import { operationListSignals } from './operation-lists.js';
import { toolWords, type ToolWords } from './tool-words.js';
import { withoutEchoedKeys } from './caller-keys.js';
import {
  appKeysReason,
  bearerLinkReason,
  keyContainerReason,
  keyMaterialReason,
  madeUpSecret,
  returnedSecretReason,
  revealReason,
  secretValuesOnly,
  tokensPassed,
} from './secret-values.js';
import { otherMoneyNouns } from './money-roles.js';
import { priceTerms } from './price-terms.js';
import { cataloguePrices } from './catalogue-prices.js';
import { accountDetails } from './account-details.js';
import { httpMethodChoice, sentMethodsReason } from './http-method-enums.js';
import { uploadTargetReason } from './upload-targets.js';
import { signedUrlOutput } from './signed-url-fields.js';
import { describedCodeReason } from './described-code.js';
import { clientConnection } from './client-connections.js';
import { documentCertificate } from './document-certificates.js';
import { officialPermit } from './official-permits.js';
import { confirmsTransaction, placesOrder } from './purchase-orders.js';
import { cancelsPurchase } from './cancelled-purchases.js';
import { authorizeGrantsAccess, isAuthorizeVerb, paymentAuthorization } from './authorizations.js';
import { endingRuns } from './run-ending.js';
import { asChanges, detachment, linkRemoved } from './links-removed.js';
import { proseNounSignals } from './prose-nouns.js';
import { deviceApp } from './device-apps.js';
import { signOutReason } from './sign-outs.js';
import { codeRequest } from './code-requests.js';
import { biometricReason } from './biometrics.js';
import { passwordLogin, passwordLoginReason } from './password-logins.js';
import { registeredApp } from './registered-apps.js';
import { profileOnlyUpdate } from './profile-updates.js';
import { imageTransferred, imagesAreMachines } from './machine-images.js';
import { imageBuilt } from './image-builds.js';
import {
  accountOnlyUser,
  inputPersonalSignals,
  inputWriteSignals,
  openApiEvidence,
  outputSignals,
} from './schema-evidence.js';
import { fieldSignals } from './field-signals.js';
import { addCategory, nounSignals, personWrites, responseSignals, sandboxMoney, type Signals } from './signals.js';
import { concatWords, splitIdentifier, splitWords, stem } from './tokens.js';
import {
  levelFor,
  riskCategories,
  sideEffectRank,
  type RiskAssessment,
  type RiskCategory,
  type SideEffect,
} from './types.js';
import { allVerbs, governingVerb, severity } from './verbs.js';

const actionFieldNames = new Set([
  'method',
  'action',
  'operation',
  'op',
  'mode',
  'verb',
  'subcommand',
  'operationtype',
  'actiontype',
]);
const destructiveProseAll =
  /\b(permanently|irreversibl\w*|cannot be undone|can't be undone|overwrit\w*|wipes?|erases?)\b/gi;
const negation = /\b(not|never|rather than|instead of|without|no longer)(\s+\w+){0,2}\s*$/i;
const endsLink = /\bverb '(unregister|deregister|disassociate|dissociate)'/;
const signingWords = new Set(['signature', 'signed', 'presigned', 'presign']);
const urlFieldNames = new Set(['url', 'uri', 'href', 'link']);
const removalProse = /\b(delet|remov|destroy|purg|truncat|replac|overwrit|upsert)\w*/i;
/** Create-like verbs that write into a place that may already hold something (a path, a range). */
const mayOverwrite = new Set(['copy', 'upload', 'import', 'insert', 'init', 'initialize', 'install', 'clone']);
const accessVerbs = new Set(['revoke', 'rotate', 'regenerate']);
const localWords = new Set(['file', 'directory', 'folder', 'local', 'memory', 'heapsnapshot', 'clipboard']);

export function classifyTool(tool: ToolDefinition, source: ToolSource): RiskAssessment {
  // Four steps, each its own function, over one words object (speed, docs/adr/0017 Decision 42): V8 compiles each
  // step alone and, when a tool of a new shape reaches one, compiles that step again, not one function of all four.
  const w = toolWords(tool, source);
  const ev = actionEvidence(tool, source, w);
  const s: Signals = { categories: new Map(), reasons: [] };
  const ef = classEffects(s, tool, source, w, ev);
  const sg = categorySignals(s, tool, source, w, ev, ef);
  return assessment(s, source, w, ev, ef, sg);
}

/** The action: the verb classes the name, description, path, fields and method give. */
function actionEvidence(tool: ToolDefinition, source: ToolSource, w: ToolWords) {
  const isApi = source.kind === 'openapi';
  const { descWords, description, idLabel, idWords, inputFields, opening, openingWords, pathSegments, pathWords } = w;
  const action = determineAction(tool, source, idWords, idLabel, pathSegments, description, descWords, inputFields);
  const classes: StateSignal[] = [{ cls: action.cls, reason: action.reason, verb: action.hit?.word }];
  // An operation selector ("method": create|update|delete) tells what the tool may do, unless the name
  // already says it only reads (then the enum is a filter).
  const nameSaysRead = action.hit !== undefined && action.cls === 'read' && action.hit.ambiguous !== true;
  for (const f of inputFields) {
    if (f.enumValues.length === 0 || !actionFieldNames.has(f.joined) || f.depth > 0 || f.type === 'array') continue;
    // HTTP methods name another request's or a route's method, not this tool's operation; a tool that sends the
    // request changes what each call's URL names, of no kind the definition states (http-method-enums.ts).
    if (httpMethodChoice(f.enumValues, { isApi, verb: action.hit?.word })) continue;
    const sent = sentMethodsReason(f, { nameSaysRead, verb: action.hit?.word });
    if (sent) classes.push({ cls: 'update', reason: sent });
    if (sent || nameSaysRead) continue;
    for (const value of f.enumValues) {
      const hit = governingVerb(splitIdentifier(value));
      if (hit && hit.cls !== 'read')
        classes.push({ cls: hit.cls, reason: `enum value '${value}' in field '${f.name}'` });
    }
  }
  // A read that writes its result to a file the caller names.
  const outputFile = inputFields.find(
    (f) => f.depth <= 1 && f.type !== 'boolean' && isOutputFileField(f.words, f.description),
  );
  if (outputFile) classes.push({ cls: 'update', reason: `field '${outputFile.name}' writes files` });
  const written = outputFile ? undefined : writtenFileField(tool.outputSchema);
  if (written) classes.push({ cls: 'create', reason: `answers with '${written}': the tool wrote that file` });
  // A tool that says it saves what it makes into a directory or library, or a generator handed the project's root,
  // leaves a file there (saved-outputs.ts): a change, raised after the categories (categorySignals) since what it read
  // is not what changed.
  const saved =
    outputFile || written
      ? undefined
      : (savedOutputReason(description) ?? projectGeneratorReason(action.hit?.word, w.topFields));
  // Selecting a dropdown's option or a browser tab acts on the page (ui-selection.ts).
  const selects = uiSelectionReason(idWords, openingWords.slice(0, 20));
  if (selects) classes.push({ cls: 'update', reason: selects });
  // Monotone evidence: every state-changing verb of the name and of the description's first sentence, and
  // the schema's write hints, raise; for GET operations the method outweighs all but never-lowered verbs.
  const isGet = isApi && readMethods.has(source.method.toUpperCase());
  const loweredHit = action.lowered === true ? action.hit : undefined;
  // A GET whose operationId puts a read verb after another verb ("notifyGetRepoList", "issueGetComment") carries a tag
  // or resource prefix before the operation's own verb: the prefix is no action.
  const tagPrefix = isGet ? getPrefixWords(idWords) : new Set<string>();
  for (const sig of nameVerbSignals(idWords, action.hit, action.cls, idLabel))
    if (
      !(isGet && !neverLowered.has(sig.cls)) &&
      !(loweredHit && sig.reason.includes(`'${loweredHit.word}'`)) &&
      !tagPrefix.has(sig.verb ?? '')
    )
      classes.push(sig);
  classes.push(...proseVerbSignals(description, isGet, action.hit?.word, openingWords));
  classes.push(...operationListSignals(description, isGet));
  const required: unknown = isObject(tool.inputSchema) ? tool.inputSchema.required : undefined;
  const requiredFields = new Set(Array.isArray(required) ? required.filter((x) => typeof x === 'string') : []);
  classes.push(...inputWriteSignals(inputFields, requiredFields));
  // A field described as code that is run carries the caller's code, whatever its name (described-code.ts).
  const describedCode = describedCodeReason(inputFields);
  if (describedCode) classes.push({ cls: 'exec', reason: describedCode });
  // A GET that logs the caller out still ends the session: the method does not outweigh it (sign-outs.ts).
  const getSignOut = isGet && governingVerb(idWords)?.cls !== 'read' ? signOutReason(idWords, opening) : undefined;
  if (getSignOut) classes.push({ cls: 'update', reason: getSignOut });

  // A one-time code or verifier taken as input is exchanged for tokens the tool obtains (a change, credential-access;
  // code-exchanges.ts).
  const exchange = codeExchangeReason(inputFields) ?? '';
  const oauthCode = exchange !== '';
  if (oauthCode) classes.push({ cls: 'update', reason: exchange });
  // Restoring a backup or snapshot overwrites the live thing it is restored onto (docs/risk.md).
  const restores = restoreOnto(idWords, pathWords);
  if (restores) classes.push({ cls: 'delete', reason: restores });
  // A field choosing how long a returned signed URL stays valid: the tool hands out a bearer link, and a tool that
  // makes a document keeps it where the link points (signed-url-fields.ts).
  const signedUrl = signedUrlOutput(
    inputFields,
    idWords,
    action.hit?.word ?? /\bverb '(\w+)'/.exec(action.reason)?.[1],
  );
  if (signedUrl?.stores !== undefined) classes.push({ cls: 'create', reason: signedUrl.stores });
  return { action, classes, exchange, getSignOut, isGet, oauthCode, restores, saved, signedUrl };
}

type ActionEvidence = ReturnType<typeof actionEvidence>;

/** The classes lightened where nothing is destroyed, the side effect they make and the categories they raise. */
function classEffects(s: Signals, tool: ToolDefinition, source: ToolSource, w: ToolWords, ev: ActionEvidence) {
  const isApi = source.kind === 'openapi';
  const {
    description,
    idWords,
    openingStems,
    openingWords,
    pathSegments,
    pathWords,
    nounStems: stemmed,
    topFields,
  } = w;
  const { action, classes } = ev;
  const add = (c: RiskCategory, reason: string): void => addCategory(s, c, reason);
  const has = (set: ReadonlySet<string>): boolean => stemmed.some((w) => set.has(w));
  const apiEvidence = openApiEvidence(s, source, action.cls !== 'read' || classes.some((c) => c.cls !== 'read'));
  if (apiEvidence.state) classes.push(apiEvidence.state);
  // Cancelling, killing or terminating a run (a query, session, process, job) stops it; it destroys nothing.
  classes.splice(0, classes.length, ...endingRuns(classes, { idWords, pathWords, description }));
  // Rolling back a commit, a migration or a configuration undoes changes; it deploys nothing (rollbacks.ts).
  classes.splice(0, classes.length, ...rollbackOfHistory(classes, [...idWords, ...openingWords], description));
  // Publishing a record (a CMS entry, a catalogue's venue) makes it live; it sends nothing (published-content.ts).
  classes.splice(
    0,
    classes.length,
    ...contentPublished(classes, () => [
      ...idWords,
      ...pathWords,
      ...openingWords,
      ...concatWords(topFields.map((f) => f.words)),
    ]),
  );
  // Removing a membership or a resource's tags, or taking X out of Y ("Remove endpoints from an endpoint group"),
  // destroys nothing (links-removed.ts).
  const removed = linkRemoved(idWords, pathSegments);
  const detached = removed ? undefined : detachment(idWords, description, classes);
  const lighter = removed?.kind === 'tags' ? removed.reason : detached?.reason;
  if (lighter !== undefined) classes.splice(0, classes.length, ...asChanges(classes, lighter));
  // Clearing a debugger's breakpoints or a cart's items (transient-state.ts) or a cache (caches-cleared.ts), or
  // cancelling a scheduled send (scheduled-sends.ts), destroys nothing kept.
  const httpDelete = isApi && source.method.toUpperCase() === 'DELETE';
  const transient =
    transientStateRemoved(idWords, pathSegments, description, httpDelete) ??
    cacheCleared(idWords, description, httpDelete) ??
    scheduledSendCancelled(idWords, pathWords, openingWords, description);
  if (transient !== undefined) classes.splice(0, classes.length, ...asChanges(classes, transient));
  // Taking a follow, vote, bookmark, tag or relationship link off a thing destroys nothing (marks-removed.ts).
  const unmarked =
    lighter === undefined && transient === undefined
      ? markRemoved(idWords, pathSegments, description, isApi && source.method.toUpperCase() === 'DELETE')
      : undefined;
  if (unmarked !== undefined) classes.splice(0, classes.length, ...asChanges(classes, unmarked.reason));
  if (unmarked?.principal !== undefined)
    add('administrative', `removes '${unmarked.principal}' links: their access to the thing ends (a membership)`);
  // Opening or closing the MCP server's own client connection changes nothing stored (client-connections.ts).
  const connection = source.kind === 'mcp' ? clientConnection(idWords, description, topFields) : undefined;
  if (connection) classes.splice(0, classes.length, { cls: 'read', reason: connection.reason });
  let sideEffect: SideEffect = 'none';
  const reasons: string[] = [action.reason];

  for (const { cls, reason, verb } of classes) {
    const effect = effectOf(cls, has);
    if (sideEffectRank[effect] > sideEffectRank[sideEffect]) sideEffect = effect;
    if (reason !== action.reason && !reasons.includes(reason) && cls !== 'read') reasons.push(reason);
    const runs = runsCodeReason(cls, reason, has);
    if (runs) add('code-execution', runs);
    switch (cls) {
      case 'delete':
        // Ending a registration or an association removes a link; the thing and its data remain.
        if (!endsLink.test(reason) && removed?.kind !== 'membership') add('destructive', reason);
        break;
      case 'send':
      case 'comment':
        add('external-communication', reason);
        break;
      case 'exec':
        add('code-execution', reason);
        break;
      case 'trigger':
        if (has(workflowNouns) || openingStems.some((w) => workflowNouns.has(w)))
          add('code-execution', `${reason} starts a workflow`);
        break;
      case 'pay':
        add('financial', reason);
        break;
      case 'deploy':
      case 'scale':
        add('infrastructure', reason);
        break;
      case 'lifecycle':
        // "docker-run": the container the engine runs is compute, though the name does not say it (run-objects.ts).
        if (has(computeNouns) || containerEngineRun(verb, stemmed)) add('infrastructure', `${reason} on compute`);
        break;
      case 'grant':
        // Authorizing a payment or an OAuth client gives no one a role (authorizations.ts).
        if (
          !isAuthorizeVerb(verb ?? /\b(?:verb|operation) '(\w+)'/.exec(reason)?.[1]) ||
          authorizeGrantsAccess([idWords, pathWords, openingWords])
        )
          add('administrative', reason);
        break;
      case 'revoke':
      case 'rotate':
        break; // category from the nouns (credential vs access)
      default:
        break;
    }
  }

  // Upstream annotations: untrusted hints that may raise, never lower. OpenAPI tools have no upstream
  // annotations (the importer derives its hints from the method, a signal already used above).
  const ann = isApi ? undefined : tool.annotations;
  if (ann?.readOnlyHint === false && sideEffect === 'none') {
    sideEffect = 'data-change';
    reasons.push('upstream annotation readOnlyHint: false');
  }
  if (ann?.destructiveHint === true && ann.readOnlyHint !== true) {
    if (sideEffect === 'none') sideEffect = 'data-change';
    add('destructive', 'upstream annotation destructiveHint: true');
  }
  if (ann?.readOnlyHint === true && sideEffect !== 'none') {
    reasons.push(`upstream annotation readOnlyHint: true not trusted (${action.reason})`);
  }
  return { ann, apiEvidence, connection, detached, reasons, sideEffect };
}

type ClassEffects = ReturnType<typeof classEffects>;

/** The categories from nouns, fields, prose and output, and whether the tool reaches the open world. */
function categorySignals(
  s: Signals,
  tool: ToolDefinition,
  source: ToolSource,
  w: ToolWords,
  ev: ActionEvidence,
  ef: ClassEffects,
) {
  const isApi = source.kind === 'openapi';
  const {
    descWords,
    description,
    idLabel,
    idWords,
    inputFields,
    opening,
    openingStems,
    openingWords,
    pathSegments,
    pathWords,
    nounStems: stemmed,
    topFields,
  } = w;
  const { action, exchange, getSignOut, oauthCode, restores } = ev;
  const { apiEvidence, connection, detached, reasons } = ef;
  let sideEffect = ef.sideEffect;
  const add = (c: RiskCategory, reason: string): void => addCategory(s, c, reason);
  const has = (set: ReadonlySet<string>): boolean => stemmed.some((w) => set.has(w));
  const writes = sideEffect === 'data-change' || sideEffect === 'irreversible';
  // An operation without an operationId is named after its method and path; the path segments (with their
  // roles: parent segments qualify) already speak for it.
  const nameIsPath = isApi && !source.operationId;
  // In a dotted operationId the resources before the last are parents (as parent path segments are).
  const parents = isApi ? dottedResourceStart(source.operationId) : 0;
  const nounVerb = action.hit?.index ?? afterMethodPrefix(idWords, source);
  // An image is infrastructure only in the machine or container sense (machine-images.ts).
  // Asked only where an 'image' noun is met (speed): most tools have none.
  let machineImages: boolean | undefined;
  const pictureImages = (): boolean =>
    !(machineImages ??= imagesAreMachines(
      [...idWords, ...pathWords, ...descWords],
      source.kind === 'mcp' ? source.server : undefined,
    ));
  nounSignals(s, {
    pictureImages,
    idWords: nameIsPath ? [] : idWords.slice(parents),
    parentIdWords: idWords.slice(0, parents),
    idLabel,
    verbIndex: nameIsPath || nounVerb === undefined || nounVerb < parents ? undefined : nounVerb - parents,
    pathSegments,
    tags: isApi ? (source.tags ?? []) : [],
    writes,
    actionCls: action.cls,
  });
  fieldSignals(s, inputFields, {
    writes,
    toolWords: [idWords, descWords],
    stores: action.hit !== undefined && (action.cls === 'create' || action.cls === 'update'),
    changes: writes && action.cls === 'update',
  });
  inputPersonalSignals(s, inputFields, writes);
  if (connection?.credential !== undefined) add('credential-access', connection.credential);
  proseNounSignals(
    s,
    description,
    [...idWords, ...pathWords],
    writes,
    !writes || personWrites.has(action.cls),
    pictureImages,
  );
  // Output evidence looks no deeper than a record inside a list (depth 2; deeper fields are never read).
  // An OpenAPI list operation is served without an outputSchema (MCP's is an object schema); the importer keeps
  // what its records carry as evidence (source.responseSchema).
  const outputFields = withoutEchoedKeys(
    collectFields(tool.outputSchema ?? (isApi ? source.responseSchema : undefined), 150, 2),
    w.callerKeys,
  );
  responseSignals(s, outputFields);
  outputSignals(s, outputFields);
  accountOnlyUser(s, writes ? inputFields : [], outputFields);
  // Open world: reaching the web or spending money is a side effect of its own, distinct from a local read.
  const openWorldWhy =
    apiEvidence.openWorld ??
    openWorldReason(idWords, description, action.hit, topFields) ??
    networkProbeReason(idWords, description, topFields, isApi) ??
    (source.kind === 'mcp' ? crawlerSiteReason(source.server, idWords, sideEffect === 'none') : undefined) ??
    connection?.reaches;
  if (openWorldWhy !== undefined) {
    if (sideEffect === 'none') sideEffect = 'external';
    reasons.push(openWorldWhy);
  }
  // A file the tool saves is the change; the nouns it read stay read (saved-outputs.ts).
  if (ev.saved !== undefined && sideEffectRank[sideEffect] < sideEffectRank['data-change']) {
    sideEffect = 'data-change';
    reasons.push(ev.saved);
  }
  // A person's face is biometric data (biometrics.ts).
  const face = biometricReason([idWords, ...pathSegments, openingWords.slice(0, 30)]);
  if (face) add('personal-data', face);
  const info = writes ? undefined : accountInformationRead(isApi ? pathSegments : [idWords], description);
  if (info) add('personal-data', info);
  // Reading or adding people's records; moving an application along its stages changes a status (a plain change).
  const pipelinePeople =
    !writes || action.cls === 'create' ? pipelinePeopleReason(idWords, pathWords, openingWords) : undefined;
  if (pipelinePeople) add('personal-data', pipelinePeople);
  const buyerOrders = writes ? undefined : buyerOrderRead({ nameWords: idWords, pathSegments, opening, outputFields });
  if (buyerOrders) add('personal-data', buyerOrders);
  const bearerLink = bearerLinkReason(description, outputFields) ?? capabilityLinkReason(description);
  if (bearerLink) add('credential-access', bearerLink);
  // A URL or form fields to upload or stream to let their holder write into the account (upload-targets.ts).
  const uploadTarget = uploadTargetReason(idWords, description);
  if (uploadTarget) add('credential-access', uploadTarget);
  if (ev.signedUrl) add('credential-access', ev.signedUrl.reason);
  const reveal = revealReason(inputFields) ?? returnedSecretReason(description);
  if (reveal) add('credential-access', reveal);
  const appKeys = appKeysReason({
    cls: action.cls,
    pathSegments,
    nameWords: idWords,
    opening,
  });
  if (appKeys) add('credential-access', appKeys);
  // Logging or signing out ends a session: its token stops working (sign-outs.ts).
  const signOut = writes ? (getSignOut ?? signOutReason(idWords, opening)) : undefined;
  if (signOut) add('credential-access', signOut);
  const deviceCode = deviceCodeReason(idWords, description);
  if (deviceCode) add('credential-access', deviceCode);
  const keyResource = isApi ? keyResourceReason(source.method, source.path, outputFields) : undefined;
  if (keyResource) add('credential-access', keyResource);
  const container = keyContainerReason([tool.name, isApi ? source.path : '', opening]);
  if (container) add('credential-access', container);
  // A secret an MCP tool is handed to sign in elsewhere is a credential it uses, on a read too (passed-secrets.ts).
  const passedSecret = source.kind === 'mcp' ? passedSecretReason(inputFields) : undefined;
  if (passedSecret) add('credential-access', passedSecret);
  const material = writes ? keyMaterialReason(inputFields) : undefined;
  if (material) add('credential-access', material);
  // A signature resource that returns a URL returns a signed URL: a bearer credential to what it points at.
  const signedWord = stemmed.find((w) => signingWords.has(w));
  const urlField = signedWord ? outputFields.find((f) => f.depth === 0 && urlFieldNames.has(f.joined)) : undefined;
  if (signedWord && urlField) add('credential-access', `'${signedWord}' returning '${urlField.name}' (a signed URL)`);
  // A signature made with a key the service holds (signBlob, sign_jwt) proves the key holder's identity to others.
  if (action.cls === 'read' && governingVerb(idWords)?.word === 'sign')
    add('credential-access', `verb 'sign' in ${idLabel}: returns a signature made with a held key`);
  if (oauthCode) add('credential-access', exchange);
  const jobRun = writes ? createsRunOfCode(action.cls, opening) : undefined;
  if (jobRun) add('code-execution', jobRun);
  const order = writes
    ? (placesOrder(idWords, idLabel, openingStems) ??
      confirmsTransaction(
        idWords,
        idLabel,
        topFields,
        isObject(tool.inputSchema) ? tool.inputSchema.required : undefined,
      ))
    : undefined;
  if (order) add('financial', order);
  // Cancelling or rejecting an order, a booking or a ride refunds or releases what it committed (cancelled-purchases.ts).
  const cancelled = writes ? cancelsPurchase(w.idStems, idLabel, pathSegments) : undefined;
  if (cancelled) add('financial', cancelled);
  // A payment authorization holds an amount on a card or account until it is captured or voided (authorizations.ts).
  const authorized = writes ? paymentAuthorization([idWords, pathWords, openingWords]) : undefined;
  if (authorized) add('financial', authorized);
  if (detached?.containerInfrastructure !== undefined)
    add('infrastructure', `${detached.reason} ('${detached.containerInfrastructure}' changes)`);
  if (restores && (has(computeNouns) || has(storageNouns)))
    add('infrastructure', `${restores}: a running instance, database or volume`);
  const destroys = writes ? destructiveWording(description) : undefined;
  if (destroys) add('destructive', `description says '${destroys}'`);
  const overwrites =
    writes && !isApi && !destroys ? localFileOverwriteReason(idWords, description, inputFields) : undefined;
  if (overwrites) add('destructive', overwrites);
  if (has(accessVerbs) && writes && !s.categories.has('credential-access') && !s.categories.has('administrative'))
    add('administrative', `verb '${action.hit?.word ?? 'revoke'}' changes access`);
  return { openWorldWhy, outputFields, sideEffect, writes };
}

/** The filters that drop what other evidence explains, then the level, side effect and hints. */
function assessment(
  s: Signals,
  source: ToolSource,
  w: ToolWords,
  ev: ActionEvidence,
  ef: ClassEffects,
  sg: ReturnType<typeof categorySignals>,
): RiskAssessment {
  const isApi = source.kind === 'openapi';
  const {
    descWords,
    description,
    idStems,
    idWords,
    inputFields,
    opening,
    pathSegments,
    pathWords,
    nounStems: stemmed,
  } = w;
  const { action, classes, isGet } = ev;
  const { ann, detached, reasons } = ef;
  const { openWorldWhy, outputFields, writes } = sg;
  let sideEffect = sg.sideEffect;
  const topWrite = classes.reduce<VerbClass>(
    (top, c) => (c.cls !== 'read' && severity(c.cls) > severity(top) ? c.cls : top),
    'read',
  );
  tokensPassed(s, inputFields);
  // Taking a password off a thing removes the credential, as deleting it would.
  secretValuesOnly(s, { writes, cls: detached ? 'delete' : topWrite, description, inputFields, outputFields });
  madeUpSecret(s, { nameWords: idWords, opening, inputFields });
  // A cryptocurrency token with a price, a supply or a burn is an asset, not a credential (token-assets.ts).
  // The three rules below only drop a category: their word lists are built only when it is there (speed).
  if (s.categories.has('credential-access'))
    assetTokens(
      s,
      [
        idWords,
        ...pathSegments,
        ...(isApi ? (source.tags ?? []).map(splitIdentifier) : []),
        splitWords(description.slice(0, 300), 60),
      ],
      writes,
    );
  // Updating a user's, organization's or team's profile changes no one's access (profile-updates.ts).
  profileOnlyUpdate(s, { topWrite, nameWords: idWords, inputFields, opening });
  // Pulling or pushing an image copies stored content (machine-images.ts).
  imageTransferred(s, action.hit?.word);
  // Building an image from a Dockerfile runs its instructions; the image is stored content (image-builds.ts).
  if (action.hit?.word === 'build' || action.reason.includes("verb 'build'")) imageBuilt(s, [idWords, descWords]);
  // An app on a device or simulator is software on it; launching it runs the program (device-apps.ts).
  // The description's stems only where they are read (speed): most tools have no infrastructure.
  const descStems = s.categories.has('infrastructure') ? descWords.map(stem) : [];
  if (s.categories.has('infrastructure'))
    deviceApp(s, { words: [...idStems, ...descStems], verb: action.hit?.word, writes });
  // An app that is a registration or a listing, not hosted compute, is no infrastructure (registered-apps.ts).
  if (s.categories.has('infrastructure'))
    registeredApp(s, {
      words: [...idStems, ...pathWords.map(stem), ...descStems],
      inputFields,
      verb: action.hit?.word,
    });
  sandboxMoney(s, stemmed);
  otherMoneyNouns(s, {
    nameWords: idStems,
    description,
    inputFields,
    verb:
      /\bverb '(\w+)'/.exec(action.reason)?.[1] ?? /^(DELETE|PUT|PATCH) method/.exec(action.reason)?.[1]?.toLowerCase(),
  });
  // A tax rate, discount, coupon, price list or quote is a term later sales use; changing it moves no money (price-terms.ts).
  priceTerms(s, { verb: action.hit?.word, nameWords: idStems });
  // A product's, article's or cart line's price says what a later sale charges; setting it moves no money (catalogue-prices.ts).
  cataloguePrices(s, { verb: action.hit?.word, nameWords: idStems });
  // An IBAN, account or card number identifies its holder's account; storing it moves no money (account-details.ts).
  accountDetails(s);
  // A caste, income or degree certificate is a document, not key material (document-certificates.ts).
  documentCertificate(s, { wordLists: [idWords, pathWords, descWords], inputFields });
  // A planning permission or a driving licence is an authority's permit, not an access right (official-permits.ts).
  if (s.categories.has('administrative'))
    officialPermit(s, [
      idWords.join(' '),
      pathWords.join(' '),
      ...(isApi ? (source.tags ?? []) : []),
      description.slice(0, 600),
    ]);
  // Requesting a one-time code sends it to a person; the caller never sees it (code-requests.ts).
  if (codeRequest(s, { writes, nameWords: idWords, opening, inputFields, outputFields }))
    if (sideEffect === 'data-change') {
      sideEffect = 'irreversible';
      reasons.push('a message sent to a person cannot be called back');
    }
  // Logging in to an HTTP API hands back a session credential and stores nothing (password-logins.ts).
  const login = passwordLoginReason({
    isApi,
    isGet,
    nameWords: idWords,
    opening: description.slice(0, 300),
    inputFields,
  });
  if (login) passwordLogin(s, login, inputFields);
  for (const list of s.categories.values()) for (const r of list) if (!reasons.includes(r)) reasons.push(r);
  for (const r of s.reasons) if (!reasons.includes(r)) reasons.push(r);
  const categories = riskCategories.filter((c) => s.categories.has(c));

  // A query tool whose own description guarantees the query only reads (SQL SELECT, a READ ONLY transaction) changes
  // nothing; it still runs code (read-only-queries.ts; ADR 0008: the one stated evidence that lowers an exec verb's side
  // effect). Not when anything but code execution or personal data is in evidence, nor against readOnlyHint: false.
  const readOnlyQuery =
    sideEffect !== 'none' &&
    ann?.readOnlyHint !== false &&
    categories.every((c) => c === 'code-execution' || c === 'personal-data')
      ? readOnlyQueryReason(
          classes,
          s.categories.get('code-execution') ?? [],
          description,
          destructiveWording(description),
        )
      : undefined;
  if (readOnlyQuery) {
    sideEffect = 'none';
    reasons.push(readOnlyQuery);
  }
  if (login && sideEffect === 'data-change' && categories.every((c) => c === 'credential-access')) {
    sideEffect = 'none';
    reasons.push('a login changes nothing the API keeps');
  }
  const changesState = sideEffect === 'data-change' || sideEffect === 'irreversible';

  const writeClasses = classes.filter((c) => c.cls !== 'read');
  const additive =
    changesState &&
    writeClasses.every((c) => c.cls === 'create' || c.cls === 'comment') &&
    !mayOverwrite.has(action.hit?.word ?? '') &&
    categories.every((c) => c === 'personal-data') &&
    !(isApi && source.method.toUpperCase() !== 'POST') &&
    !removalProse.test(description.slice(0, 400)) &&
    ann?.destructiveHint !== true;
  const idempotent =
    !changesState ||
    (writeClasses.every((c) => c.cls === 'update' || c.cls === 'delete') &&
      !(isApi && source.method.toUpperCase() === 'POST'));
  const openWorld =
    isApi ||
    openWorldWhy !== undefined ||
    categories.includes('external-communication') ||
    ann?.openWorldHint === true ||
    !stemmed.some((w) => localWords.has(w));

  return {
    level: levelFor(sideEffect, categories),
    categories,
    sideEffect,
    reasons,
    hints: { additive, idempotent: ann?.idempotentHint === false ? false : idempotent, openWorld },
  };
}

function effectOf(cls: VerbClass, has: (set: ReadonlySet<string>) => boolean): SideEffect {
  switch (cls) {
    case 'read':
      return 'none';
    case 'create':
    case 'comment':
    case 'update':
    case 'grant':
    case 'scale':
    case 'lifecycle':
      return 'data-change';
    case 'trigger':
      return has(workflowNouns) ? 'irreversible' : 'data-change';
    default:
      return 'irreversible';
  }
}

/** The words before the first read verb of a GET's operationId, when one follows them (a tag prefix). */
function getPrefixWords(idWords: readonly string[]): Set<string> {
  const read = allVerbs(idWords).find((h) => h.cls === 'read' && h.ambiguous !== true);
  return new Set(read && read.index > 0 ? idWords.slice(0, read.index).map(stem) : []);
}

const copyNouns = new Set(['backup', 'snapshot']);
const destinationProse = /^\s*(the\s+)?(local\s+)?(destination|target|output)\b/i;
const storageNouns = new Set(['volume', 'disk']);

/** "restoreBackup", "/backups/{id}/restore": a restore whose object is a backup or snapshot (its reason). */
function restoreOnto(idWords: readonly string[], pathWords: readonly string[]): string | undefined {
  const words = [...idWords, ...pathWords].map(stem);
  if (!words.includes('restore')) return undefined;
  const copy = words.find((w) => copyNouns.has(w));
  return copy ? `verb 'restore' of a ${copy} overwrites what it is restored onto` : undefined;
}

/** "GET_DeletePolicy": the operation's verb after a leading copy of its HTTP method (its object follows it). */
function afterMethodPrefix(idWords: readonly string[], source: ToolSource): number | undefined {
  if (source.kind !== 'openapi' || idWords[0] !== source.method.toLowerCase()) return undefined;
  const hit = governingVerb(idWords.slice(1));
  return hit ? hit.index + 1 : undefined;
}

/** Destructive wording that is not negated ("rather than being permanently deleted", "does not overwrite"). */
function destructiveWording(description: string): string | undefined {
  for (const m of description.matchAll(destructiveProseAll)) {
    const before = description.slice(Math.max(0, m.index - 30), m.index);
    if (!negation.test(before)) return m[0];
  }
  return undefined;
}

/** A file path the tool writes to: named so ("outputPath", "save_to_file"), or described as the destination ("localPath":
 * "Local destination path"). */
function isOutputFileField(words: readonly string[], description: string): boolean {
  const target =
    words.some((w) => w === 'output' || w === 'save' || w === 'destination' || w === 'dest') ||
    destinationProse.test(description.slice(0, 120));
  return (
    target &&
    words.some(
      (w) => w === 'file' || w === 'path' || w === 'dir' || w === 'directory' || w === 'filename' || w === 'folder',
    )
  );
}
