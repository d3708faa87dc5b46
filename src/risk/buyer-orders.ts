/**
 * A customer's order is a record about its buyer (docs/risk.md, personal data). In OASIS UBL 2.1 an Order names its
 * BuyerCustomerParty and the Delivery's address, and schema.org's Order its `customer` and `billingAddress`: the order
 * a shop, marketplace or fulfilment service keeps is a person's name, delivery address and contact with what they
 * bought. So reading orders (`get_order`, `list_orders`, `GET /v3/orders/{id}`) reads personal data even when no output
 * schema is declared, as reading customers does.
 *
 * Not when the order is another kind of thing: a purchase order goes to a supplier (a business), a standing order is a
 * payment instruction, a change, deploy or work order is an operations ticket, a sort or display order is a sequence,
 * a pre-order of an app is a release date, and an order on a trading venue (a limit or market order) carries no buyer's
 * address. Not for a count or summary of orders, and not when the operation declares what it returns and none of it is
 * about a person (an order list of identifiers, dates and tracking numbers).
 */
import type { SchemaField } from './schema-fields.js';
import { stem } from './tokens.js';

/** Words before "order" that make it something other than a customer's order. */
const otherOrders = new Set([
  'purchase',
  'po',
  'standing',
  'change',
  'deploy',
  'deployment',
  'work',
  'sort',
  'display',
  'sequence',
  'pre',
  'limit',
  'market',
  'stop',
  'trade',
  'production',
  'transfer',
]);
/** Words after "order" that keep the order the thing read ("order details", "orders by id"). */
const orderTail = new Set(['detail', 'info', 'full', 'by', 'id', 'all', 'list', 'batch', 'with', 'uuid', 'ext', 'ref']);
/** A count or summary of orders returns figures, not the orders. */
const aggregates = new Set(['count', 'summary', 'stat', 'statistic', 'metric', 'total', 'number', 'analytic']);
/** Trading venues: their orders are instructions to buy or sell an instrument. */
const tradingWords = /\b(trad(e|es|ing)|stocks?|securities|brokerage|margin|portfolio|instruments?)\b/i;
/** Output fields about a person (a name, contact, address or the order's buyer); not an identifier of one
 * (`CustomerOrderId`). */
const aboutPerson =
  /name$|email|phone|mobile|address|birth|customer|buyer|recipient|shipping|billing|contact|payer|consignee|deliver|person/;
const personField = (f: SchemaField): boolean => aboutPerson.test(f.joined) && !/id$/.test(f.joined);

function orderIsObject(words: readonly string[]): boolean {
  const w = words.map((x) => stem(x.toLowerCase()));
  const i = w.lastIndexOf('order');
  if (i < 0 || otherOrders.has(w[i - 1] ?? '') || w.some((x) => aggregates.has(x))) return false;
  return w.slice(i + 1).every((x) => orderTail.has(x) || /^\d+$/.test(x));
}

/** Why a read returns customers' orders (records about their buyers), if it does (see the module comment). */
export function buyerOrderRead(input: {
  nameWords: readonly string[];
  /** Literal path segments of an OpenAPI operation (empty for MCP tools). */
  pathSegments: readonly (readonly string[])[];
  opening: string;
  /** What the tool declares it returns (outputSchema, or an OpenAPI operation's response schema). */
  outputFields: readonly SchemaField[];
}): string | undefined {
  const last = input.pathSegments[input.pathSegments.length - 1];
  const inName = orderIsObject(input.nameWords);
  const inPath =
    last !== undefined && orderIsObject([...(input.pathSegments[input.pathSegments.length - 2] ?? []), ...last]);
  if (!inName && !inPath) return undefined;
  if (input.pathSegments.some((seg) => !orderIsObject(seg) && seg.some((x) => aggregates.has(stem(x.toLowerCase())))))
    return undefined;
  if (tradingWords.test(input.opening) || tradingWords.test(input.nameWords.join(' '))) return undefined;
  if (input.outputFields.length > 0 && !input.outputFields.some(personField)) return undefined;
  return "reads customers' orders (UBL Order: the buyer's name and delivery address)";
}
