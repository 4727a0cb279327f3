// The portal of a parent account (account hierarchies, issue #21): its child
// accounts, each with what it still owes and its latest invoices, and each
// child's finalized invoices, read-only. Only the customer the token names
// and its own children are ever read: a child's portal lists no children and
// opens neither its parent's invoices nor its siblings'.
import { accountFigures } from "../core/index.ts";
import { type CustomerRecord, childCustomerRecords } from "../customers/index.ts";
import { type InvoiceView, listInvoices } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { notFound } from "../platform/errors.ts";
import type { PortalChild } from "./portal-schemas.ts";
import { allPages } from "./portal-statement.ts";
import { portalCustomerId } from "./portal-views.ts";

const latestShown = 3;

async function childrenOf(context: RequestContext): Promise<CustomerRecord[]> {
  return childCustomerRecords(context.database, context, [portalCustomerId(context)]);
}

/** Whether the customer is one of the portal customer's children. */
async function isPortalChild(context: RequestContext, customerId: string): Promise<boolean> {
  return (await childrenOf(context)).some((child) => child.id === customerId);
}

async function finalizedInvoicesOf(context: RequestContext, customerId: string): Promise<InvoiceView[]> {
  const invoices = await allPages((cursor) =>
    listInvoices(context, { customer_id: customerId, limit: 100, ...(cursor ? { cursor } : {}) }),
  );
  return invoices.filter((invoice) => invoice.status !== "draft");
}

function presentChild(child: CustomerRecord, invoices: readonly InvoiceView[]): PortalChild {
  const currencies = [...new Set(invoices.map((invoice) => invoice.currency))].sort();
  return {
    customer_id: child.id,
    name: child.name,
    currency: child.currency,
    open_balances: currencies.flatMap((currency) => {
      const { openBalance } = accountFigures(
        currency,
        [],
        invoices.filter((invoice) => invoice.currency === currency),
      );
      return Number(openBalance) === 0 ? [] : [{ currency, amount: openBalance }];
    }),
    latest_invoices: invoices.slice(0, latestShown).map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      issued_at: invoice.issued_at,
      currency: invoice.currency,
      total: invoice.total,
      amount_remaining: invoice.amount_remaining,
    })),
  };
}

/** The portal customer's child accounts, each with its open balance and latest invoices. */
export async function portalChildren(context: RequestContext): Promise<{ data: PortalChild[] }> {
  const children = await childrenOf(context);
  const data: PortalChild[] = [];
  for (const child of children) data.push(presentChild(child, await finalizedInvoicesOf(context, child.id)));
  return { data };
}

/** A child's finalized invoices, newest first; any other customer is "not found". */
export async function portalChildInvoices(
  context: RequestContext,
  childId: string,
  page: { limit?: number; cursor?: string },
): Promise<{ data: InvoiceView[]; next_cursor: string | null }> {
  if (!(await isPortalChild(context, childId))) throw notFound("child account", childId);
  const result = await listInvoices(context, { ...page, customer_id: childId });
  return {
    data: result.data.filter((invoice) => invoice.status !== "draft"),
    next_cursor: result.next_cursor,
  };
}
