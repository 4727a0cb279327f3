// The books of one billing entity: the documents it issued, the money paid on
// them, and the credits and accruals of the customers it served then. Each
// fact belongs to exactly one entity, so the entities' books add up to the
// environment's, and each entity's journal balances on its own.
import {
  type BillingEntityDirectory,
  type BillingEntityRecord,
  billingEntityDirectory,
} from "../billing-entities/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { validationFailed } from "../platform/errors.ts";
import type { Books } from "./books.ts";

/** The entity each fact of `books` belongs to, and the books of one of them. */
function booksOfEntity(books: Books, entityId: string, directory: BillingEntityDirectory): Books {
  const entityOfInvoice = new Map(
    books.invoices.map((invoice) => [invoice.id, invoice.billingEntityId ?? directory.defaultEntityId]),
  );
  const customerEntity = (customerId: string, at: number) => directory.entityIdAt(customerId, at);
  const ofInvoiceOr = (invoiceId: string | null | undefined, customerId: string, at: number) =>
    (invoiceId == null ? undefined : entityOfInvoice.get(invoiceId)) ?? customerEntity(customerId, at);
  return {
    ...books,
    invoices: books.invoices.filter((invoice) => entityOfInvoice.get(invoice.id) === entityId),
    creditNotes: books.creditNotes.filter(
      (note) => ofInvoiceOr(note.invoiceId, note.customerId, note.issuedAt) === entityId,
    ),
    payments: books.payments.filter(
      (payment) => ofInvoiceOr(payment.invoiceId, payment.customerId, payment.at) === entityId,
    ),
    grants: books.grants.filter(
      (grant) => ofInvoiceOr(grant.purchaseInvoiceId, grant.customerId, grant.createdAt) === entityId,
    ),
    accruals: books.accruals.filter(
      (accrual) => customerEntity(accrual.customerId, accrual.periodStart) === entityId,
    ),
    // Partners are settled by the organization: their statements are the default entity's.
    settlements: entityId === directory.defaultEntityId ? books.settlements : [],
  };
}

/** The books as a report asks for them: every entity's (consolidated), or one entity's. */
export async function booksFor(
  database: Database,
  scope: TenantScope,
  books: Books,
  billingEntityId: string | undefined,
  path: string,
): Promise<{ books: Books; entity: BillingEntityRecord | null }> {
  if (billingEntityId === undefined) return { books, entity: null };
  const directory = await billingEntityDirectory(database, scope);
  const entity = directory.entities.get(billingEntityId);
  if (entity === undefined) {
    throw validationFailed([{ path, message: `no billing entity ${billingEntityId}` }]);
  }
  return { books: booksOfEntity(books, billingEntityId, directory), entity };
}
