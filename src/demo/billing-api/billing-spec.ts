/** OpenAPI 3.0 description of the demo billing API (read, write and critical operations). */

const id = { type: 'string', pattern: '^[a-z]+_[0-9]+$' };
const money = { type: 'integer', minimum: 1, maximum: 100_000_000, description: 'Amount in cents.' };
const currency = { type: 'string', enum: ['eur', 'usd', 'gbp'] };
const limit = {
  name: 'limit',
  in: 'query',
  schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  description: 'Most items to return.',
};
const json = (schema: unknown) => ({ 'application/json': { schema } });
const ok = (description: string, schema: unknown) => ({ description, content: json(schema) });
const errors = { '400': { $ref: '#/components/responses/Error' }, '404': { $ref: '#/components/responses/Error' } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (name: string) => ({
  type: 'object',
  properties: { data: { type: 'array', items: ref(name) } },
  required: ['data'],
});
const pathId = (name: string) => ({ name, in: 'path', required: true, schema: id });

export function billingSpec(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Demo Billing API',
      version: '1.0.0',
      description: 'A small billing API bundled with Portcullis for the demo.',
    },
    servers: [{ url: serverUrl }],
    security: [{ billingKey: [] }],
    tags: [{ name: 'customers' }, { name: 'invoices' }, { name: 'refunds' }, { name: 'admin' }],
    paths: {
      '/customers': {
        get: {
          operationId: 'listCustomers',
          tags: ['customers'],
          summary: 'List customers',
          parameters: [limit, { name: 'email', in: 'query', schema: { type: 'string', format: 'email' } }],
          responses: { '200': ok('Customers', list('Customer')) },
        },
        post: {
          operationId: 'createCustomer',
          tags: ['customers'],
          summary: 'Create a customer',
          requestBody: { required: true, content: json(ref('NewCustomer')) },
          responses: { '201': ok('Created', ref('Customer')), ...errors },
        },
      },
      '/customers/{customerId}': {
        get: {
          operationId: 'getCustomer',
          tags: ['customers'],
          summary: 'Get a customer',
          parameters: [pathId('customerId')],
          responses: { '200': ok('Customer', ref('Customer')), ...errors },
        },
        delete: {
          operationId: 'deleteCustomer',
          tags: ['customers'],
          summary: 'Delete a customer and all their data',
          parameters: [pathId('customerId')],
          responses: { '204': { description: 'Deleted' }, ...errors },
        },
      },
      '/invoices': {
        get: {
          operationId: 'listInvoices',
          tags: ['invoices'],
          summary: 'List invoices',
          parameters: [
            limit,
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['draft', 'open', 'paid', 'void'] } },
            { name: 'customerId', in: 'query', schema: id },
          ],
          responses: { '200': ok('Invoices', list('Invoice')) },
        },
        post: {
          operationId: 'createInvoice',
          tags: ['invoices'],
          summary: 'Create a draft invoice',
          requestBody: { required: true, content: json(ref('NewInvoice')) },
          responses: { '201': ok('Created', ref('Invoice')), ...errors },
        },
      },
      '/invoices/{invoiceId}': {
        get: {
          operationId: 'getInvoice',
          tags: ['invoices'],
          summary: 'Get an invoice',
          parameters: [pathId('invoiceId')],
          responses: { '200': ok('Invoice', ref('Invoice')), ...errors },
        },
      },
      '/invoices/{invoiceId}/send': {
        post: {
          operationId: 'sendInvoice',
          tags: ['invoices'],
          summary: 'Send an invoice to the customer (draft becomes open)',
          parameters: [pathId('invoiceId')],
          responses: { '200': ok('Sent', ref('Invoice')), ...errors },
        },
      },
      '/refunds': {
        get: {
          operationId: 'listRefunds',
          tags: ['refunds'],
          summary: 'List refunds',
          parameters: [limit],
          responses: { '200': ok('Refunds', list('Refund')) },
        },
        post: {
          operationId: 'createRefund',
          tags: ['refunds'],
          summary: 'Refund money on a paid invoice',
          description: 'Moves money back to the customer. Cannot be undone.',
          requestBody: { required: true, content: json(ref('NewRefund')) },
          responses: { '201': ok('Refunded', ref('Refund')), ...errors },
        },
      },
      '/admin/users': {
        get: {
          operationId: 'listAdminUsers',
          tags: ['admin'],
          summary: 'List users of the billing system',
          responses: { '200': ok('Users', list('User')) },
        },
        post: {
          operationId: 'createAdminUser',
          tags: ['admin'],
          summary: 'Create a user with a role',
          requestBody: { required: true, content: json(ref('NewUser')) },
          responses: { '201': ok('Created', ref('User')), ...errors },
        },
      },
      '/admin/users/{userId}': {
        delete: {
          operationId: 'deleteAdminUser',
          tags: ['admin'],
          summary: 'Delete a user of the billing system',
          parameters: [pathId('userId')],
          responses: { '204': { description: 'Deleted' }, ...errors },
        },
      },
    },
    components: {
      securitySchemes: { billingKey: { type: 'apiKey', in: 'header', name: 'X-Billing-Key' } },
      responses: {
        Error: {
          description: 'Error',
          content: json({ type: 'object', properties: { error: { type: 'string' } }, required: ['error'] }),
        },
      },
      schemas: {
        NewCustomer: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            email: { type: 'string', format: 'email' },
          },
          required: ['name', 'email'],
          additionalProperties: false,
        },
        Customer: {
          allOf: [
            { type: 'object', properties: { id: { ...id, readOnly: true } }, required: ['id'] },
            ref('NewCustomer'),
          ],
        },
        NewInvoice: {
          type: 'object',
          properties: { customerId: id, amount: money, currency, description: { type: 'string', maxLength: 500 } },
          required: ['customerId', 'amount', 'currency'],
          additionalProperties: false,
        },
        Invoice: {
          type: 'object',
          properties: {
            id,
            customerId: id,
            amount: money,
            currency,
            description: { type: 'string' },
            status: { type: 'string', enum: ['draft', 'open', 'paid', 'void'] },
            refunded: { type: 'integer' },
          },
          required: ['id', 'customerId', 'amount', 'currency', 'status', 'refunded'],
        },
        NewRefund: {
          type: 'object',
          properties: {
            invoiceId: id,
            amount: money,
            reason: { type: 'string', enum: ['duplicate', 'fraudulent', 'requested_by_customer'] },
          },
          required: ['invoiceId', 'amount'],
          additionalProperties: false,
        },
        Refund: {
          type: 'object',
          properties: { id, invoiceId: id, amount: money, reason: { type: 'string' } },
          required: ['id', 'invoiceId', 'amount'],
        },
        NewUser: {
          type: 'object',
          properties: {
            email: { type: 'string', format: 'email' },
            role: { type: 'string', enum: ['viewer', 'billing', 'admin'] },
          },
          required: ['email', 'role'],
          additionalProperties: false,
        },
        User: {
          type: 'object',
          properties: { id, email: { type: 'string' }, role: { type: 'string' } },
          required: ['id', 'email', 'role'],
        },
      },
    },
  };
}
