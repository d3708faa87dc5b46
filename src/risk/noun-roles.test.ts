/**
 * Where a noun sits decides what it says (issue 14, third round): a person or money noun that qualifies
 * another noun, a person acted on rather than written, prose that names returned contact or payment data,
 * code that a tool stores rather than runs, public certificates, edits of existing comments, and the object
 * of a state-changing opening sentence. Examples are made up for these tests, through classifyTool.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';

const mcp: ToolSource = { kind: 'mcp', server: 't' };
const obj = (properties: JsonObject): JsonObject => ({ type: 'object', properties });
const str = (description = ''): JsonObject => ({ type: 'string', description });
const def = (name: string, description = '', inputSchema: JsonObject = obj({})): ToolDefinition => ({
  name,
  description,
  inputSchema,
});
const api = (method: string, path: string, operationId: string): ToolSource => ({
  kind: 'openapi',
  backend: 't',
  method,
  path,
  operationId,
});
const classify = (d: ToolDefinition, s: ToolSource = mcp) => classifyTool(d, s);

describe('personal data: the person must be what is read or added', () => {
  it('a person noun qualifying another noun is not personal data ("employee role", "customer group")', () => {
    expect(classify(def('get_employee_role')).categories).not.toContain('personal-data');
    expect(classify(def('list_customer_segments')).categories).not.toContain('personal-data');
    // The person as the head of the name still counts, also with a trailing detail word.
    expect(classify(def('get_customer')).categories).toContain('personal-data');
    expect(classify(def('get_employee_details')).categories).toContain('personal-data');
  });

  it('a person in a parent path segment names whose resource it is ("/customers/groups")', () => {
    const groups = classify(def('ReadGroup'), api('GET', '/v2/customers/groups/{id}', 'ReadGroup'));
    expect(groups.categories).not.toContain('personal-data');
    const customer = classify(def('ReadOne'), api('GET', '/v2/customers/{id}', 'ReadOne'));
    expect(customer.categories).toContain('personal-data');
  });

  it('changing a person’s status or access is not personal data by itself; adding a person is', () => {
    const suspend = classify(def('suspend_member', 'Suspend a member of the workspace.'));
    expect(suspend.sideEffect).not.toBe('none');
    expect(suspend.categories).not.toContain('personal-data');
    expect(classify(def('add_contact', 'Add a contact to the address book.')).categories).toContain('personal-data');
    // Personal fields in the input still count on any write.
    const withPhone = classify(def('update_member', 'Update a member.', obj({ phone: str(), id: str() })));
    expect(withPhone.categories).toContain('personal-data');
  });

  it('a preposition ends the person phrase of the opening ("receipts for any user"); a possessive does not', () => {
    expect(classify(def('list_receipts', 'Lists expense receipts for any user')).categories).not.toContain(
      'personal-data',
    );
    expect(classify(def('list_recordings', "Lists a user's call recordings")).categories).toContain('personal-data');
  });

  it('a read whose description names returned contact or payment data is personal data, medium', () => {
    const blocked = classify(
      def('list_blocked', 'Retrieve the block list. Returns all email addresses that bounced in the last day.'),
    );
    expect(blocked.categories).toContain('personal-data');
    expect(blocked.level).toBe('medium');
    expect(blocked.reasons.join(' ')).toMatch(/description mentions 'email addresses'/);
    expect(classify(def('list_sales', 'Lists sales. Sales include payment details.')).categories).toContain(
      'personal-data',
    );
  });

  it('reading bank accounts, payment methods or cards is personal data (payment details)', () => {
    for (const name of ['list_bank_accounts', 'get_payment_methods', 'list_credit_cards'])
      expect(classify(def(name)).categories, name).toContain('personal-data');
    // "credit card" is a noun: the verb-looking "credit" does not make a read pay.
    expect(classify(def('list_credit_cards')).sideEffect).toBe('none');
  });
});

describe('code execution: a tool runs the code, it does not only store it', () => {
  const script = obj({ name: str(), script: str('The script source.') });

  it('a script stored by a create is not code execution unless the field says it runs', () => {
    expect(classify(def('create_snippet', 'Create a saved snippet.', script)).categories).not.toContain(
      'code-execution',
    );
    const runs = obj({ script: str('Script to execute at boot.') });
    expect(classify(def('create_boot_hook', 'Create a boot hook.', runs)).categories).toContain('code-execution');
  });

  it('a script nested in options is not the tool’s action; a top-level command of a runner is', () => {
    const nested = obj({ url: str(), actions: { type: 'array', items: obj({ type: str(), script: str() }) } });
    expect(classify(def('page_fetch', 'Fetch a page.', nested)).categories).not.toContain('code-execution');
    expect(classify(def('terminal', 'A terminal.', obj({ command: str() }))).categories).toContain('code-execution');
  });

  it('a code field next to a choice of programming languages runs code, even on an interaction tool', () => {
    const schema = obj({ code: str(), language: { type: 'string', enum: ['python', 'bash'] } });
    const t = classify(def('page_interact', 'Click, type or fill forms on a page.', schema));
    expect(t.categories).toContain('code-execution');
    expect(t.level).toBe('high');
  });
});

describe('credentials, communication, money and infrastructure by role', () => {
  it('reading a certificate is not credential access; uploading one with its key is', () => {
    expect(classify(def('certificate_get', 'Get a certificate by id.')).categories).not.toContain('credential-access');
    expect(classify(def('get_api_key', 'Get an API key.')).categories).toContain('credential-access');
    expect(classify(def('upload_certificate', 'Upload a certificate.')).categories).toContain('credential-access');
  });

  it('editing or deleting an existing comment tells no one; posting one does', () => {
    expect(classify(def('update_comment')).categories).not.toContain('external-communication');
    expect(classify(def('delete_comment')).categories).not.toContain('external-communication');
    expect(classify(def('create_comment')).categories).toContain('external-communication');
    // Configuring where events are sent stays communication.
    expect(classify(def('update_webhook')).categories).toContain('external-communication');
  });

  it('a money noun qualifying an attachment or note changes that, not the money', () => {
    const attach = classify(
      def('UpdateAttachment'),
      api('POST', '/invoices/{id}/attachments/{name}', 'updateInvoiceAttachment'),
    );
    expect(attach.categories).not.toContain('financial');
    const invoice = classify(def('UpdateInvoice'), api('POST', '/invoices/{id}', 'updateInvoice'));
    expect(invoice.categories).toContain('financial');
  });

  it('the object of a state-changing opening is infrastructure with weak nouns too ("Delete a registry")', () => {
    const t = classify(def('registry_remove_one', 'Delete a container registry and its images.'));
    expect(t.categories).toContain('infrastructure');
    expect(t.level).toBe('high');
    // A read with the same object is no infrastructure change.
    expect(classify(def('registry_show', 'Show a container registry.')).categories).not.toContain('infrastructure');
  });
});

describe('signed URLs', () => {
  it('a signature resource returning a URL is credential access even as a GET, high', () => {
    const signed: ToolDefinition = {
      ...def('GetObjectSignature'),
      outputSchema: obj({ url: str() }),
    };
    const t = classify(signed, api('GET', '/objects/{id}/signature', 'getObjectSignature'));
    expect(t.categories).toContain('credential-access');
    expect(t.level).toBe('high');
    // A signature resource without a URL (a signature to verify) is not.
    const plain: ToolDefinition = { ...def('GetObjectSignature'), outputSchema: obj({ algorithm: str() }) };
    expect(classify(plain, api('GET', '/objects/{id}/signature', 'getObjectSignature')).categories).not.toContain(
      'credential-access',
    );
  });
});

describe('fifth round: thing profiles, who can see it, parent path segments of unnamed operations', () => {
  it('"profile" qualified by a thing is no person\'s record; a user\'s profile is', () => {
    expect(classify(def('get_cache_profile')).categories).not.toContain('personal-data');
    expect(classify(def('get_device_profiles')).level).toBe('low');
    expect(classify(def('get_user_profile')).categories).toContain('personal-data');
    expect(classify(def('get_profile')).categories).toContain('personal-data');
  });

  it('changing who can see something is administrative, high', () => {
    const shared = classify(def('move_note', 'Move (share) a note to a workspace'));
    expect(shared.categories).toContain('administrative');
    expect(shared.level).toBe('high');
    const folders = classify(def('set_doc_folders', 'Set which teams a document is visible to'));
    expect(folders.categories).toContain('administrative');
    // A file share is a thing, not sharing.
    expect(classify(def('mount_volume', 'Attach a file share to a server')).categories).not.toContain('administrative');
  });

  it('an operation without an operationId: a parent path segment ("/users/{id}/tags") is not the object', () => {
    const t = classifyTool(def('POST /users/{id}/tags'), {
      kind: 'openapi',
      backend: 't',
      method: 'POST',
      path: '/users/{id}/tags',
    });
    expect(t.sideEffect).toBe('data-change');
    expect(t.categories).not.toContain('administrative');
  });
});

describe('fifth round: simulated money, what runs, reading a crawl', () => {
  it('a sandbox operation moves no money (nouns); a pay verb still counts', () => {
    const clock = classifyTool(
      def('sandboxInvoiceClockCreate'),
      api('POST', '/sandbox/invoice/clock/create', 'sandboxInvoiceClockCreate'),
    );
    expect(clock.categories).not.toContain('financial');
    expect(clock.reasons.join(' ')).toMatch(/simulated/);
    const pay = classifyTool(def('sandboxPayInvoice'), api('POST', '/sandbox/invoices/{id}/pay', 'sandboxPayInvoice'));
    expect(pay.categories).toContain('financial');
  });

  it('invoking a function runs code; the function is not infrastructure changed', () => {
    const t = classify(
      def('call_handler', 'Invokes a serverless function with the given payload.', obj({ payload: str() })),
    );
    expect(t.categories).toContain('code-execution');
    expect(t.categories).not.toContain('infrastructure');
  });

  it('reading the status of a crawl reaches nothing', () => {
    const status = classify(def('check_scrape_status', 'Check the status of a crawl job.', obj({ id: str() })));
    expect(status.sideEffect).toBe('none');
  });
});

describe('fifth round: qualifiers of strong nouns, queries that read, e-mails read', () => {
  it('a weak noun qualifying a strong noun of another category is not the object ("account transfer")', () => {
    const t = classifyTool(def('createAccountTransfer'), api('POST', '/account_transfers', 'createAccountTransfer'));
    expect(t.categories).toContain('financial');
    expect(t.categories).not.toContain('administrative');
  });

  it('"Run a find query" reads; running SQL against a cluster is code execution, not infrastructure', () => {
    const find = classify(def('find_docs', 'Run a find query against a document collection', obj({ filter: obj({}) })));
    expect(find.sideEffect).toBe('none');
    const sql = classify(def('run_sql', 'Runs a SQL statement against a database cluster.', obj({ sql: str() })));
    expect(sql.categories).toContain('code-execution');
    expect(sql.categories).not.toContain('infrastructure');
  });

  it("reading someone's e-mail is personal data", () => {
    expect(
      classify(def('read_email', 'Retrieves the content of a specific email', obj({ id: str() }))).categories,
    ).toContain('personal-data');
  });
});

describe('fifth round: records of a returned list', () => {
  it('a list whose records carry an e-mail address returns personal data (medium)', () => {
    const t = classifyTool(
      {
        ...def('listBounces'),
        outputSchema: obj({ Bounces: { type: 'array', items: obj({ Email: str(), Type: str() }) }, Total: str() }),
      },
      api('GET', '/bounces', 'listBounces'),
    );
    expect(t.categories).toContain('personal-data');
    expect(t.level).toBe('medium');
  });
});

describe('fifteenth round: two weak nouns make a phrase only side by side', () => {
  it('a resource group and an account spread over parent path segments say where the object sits, not who may act', () => {
    for (const [op, verb] of [
      ['Job_Suspend', 'suspend'],
      ['Job_Resume', 'resume'],
    ] as const) {
      const t = classifyTool(
        def(op, `${verb[0]!.toUpperCase()}${verb.slice(1)} the job identified by job name.`),
        api('POST', `/subscriptions/{s}/resourceGroups/{g}/automationAccounts/{a}/jobs/{job}/${verb}`, op),
      );
      expect(t.categories, op).not.toContain('administrative');
      expect(t.level, op).toBe('medium');
    }
  });

  it('"org member" side by side in a name is about membership', () => {
    const t = classifyTool(def('update_org_member', 'Update a member of the organization.'), mcp);
    expect(t.categories).toContain('administrative');
    expect(t.level).toBe('high');
  });
});
