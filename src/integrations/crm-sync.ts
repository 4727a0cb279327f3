// A CRM connection's sync, in three steps. (1) Companies (HubSpot) or
// accounts (Salesforce) and customers, both ways: a company linked already
// (by the sync log, a customer mapping, or the Fairbill customer id on it)
// stays linked; a company linked to none becomes a customer; a customer
// linked to none becomes a company. Each link is a sync record, so a rerun
// makes nothing twice. (2) Each won deal or opportunity becomes a draft
// contract: its line items' products are mapped to a plan and to rate card
// entries, and the contract waits in the approval queue as every contract
// that needs a second person does (always, for one from a CRM); once a
// billing operator approves it, the next run makes its subscription and the
// contract. (3) The figures of each linked customer (MRR, usage, open
// balance, invoices) are written on its company.
import type { Selectable } from "kysely";
import { selectPlans } from "../catalog/index.ts";
import { createContract } from "../contracts/index.ts";
import { accountFigures } from "../core/index.ts";
import { createCustomer, findCustomerByExternalId, getCustomer, listCustomers } from "../customers/index.ts";
import { approvalRequestFor, type GuardedChange, withApproval } from "../governance/index.ts";
import { listInvoices, upcomingInvoice } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { FairbillError } from "../platform/errors.ts";
import { createSubscription, selectSubscriptions } from "../subscriptions/index.ts";
import type { ConnectionRow } from "./connections.ts";
import type { CrmDeal, CrmSystem } from "./crm-system.ts";
import type { Mappings } from "./mappings.ts";
import { type SyncRun, SyncStopped, syncObject } from "./object-sync.ts";
import type { CrmDealProposal, CrmDealTable } from "./tables.ts";
import { VendorError } from "./vendor-errors.ts";
import { withVendorRetries } from "./vendor-retry.ts";

export type CrmSyncTarget = { connection: ConnectionRow; system: CrmSystem; mappings: Mappings };

/** Company id → customer id, for the companies linked to a customer. */
type Links = Map<string, string>;

const customersPerPage = 100;
const defaultTermMonths = 12;

export async function syncCrm(run: SyncRun, target: CrmSyncTarget): Promise<void> {
  const links = await syncCompanies(run, target);
  await proposeWonDeals(run, target, links);
  for (const [companyId, customerId] of links) {
    await writeFigures(run, target, companyId, customerId);
  }
}

/** The figures of one customer, written on its company when it has one (after an invoice event). */
export async function syncCustomerFigures(
  run: SyncRun,
  target: CrmSyncTarget,
  customerId: string,
): Promise<void> {
  const record = await selectInTenant(run.context.database, run.context, "integration_syncs")
    .where("connection_id", "=", target.connection.id)
    .where("object_type", "=", "customer")
    .where("object_id", "=", customerId)
    .where("state", "=", "synced")
    .executeTakeFirst();
  if (record?.external_id == null) return;
  await writeFigures(run, target, record.external_id, customerId);
}

/** A read from the CRM, retried while it is busy; a read that still fails fails the job, which the queue retries. */
async function read<Result>(run: SyncRun, call: () => Promise<Result>): Promise<Result> {
  const outcome = await withVendorRetries(call, run.retryDelaysMilliseconds);
  if (outcome.ok) return outcome.result;
  throw outcome.error;
}

async function syncCompanies(run: SyncRun, target: CrmSyncTarget): Promise<Links> {
  const { context } = run;
  const { connection, system, mappings } = target;
  const source = { connectionId: connection.id, sourceType: "crm" as const, sourceId: connection.id };
  const records = await selectInTenant(context.database, context, "integration_syncs")
    .where("connection_id", "=", connection.id)
    .where("object_type", "=", "customer")
    .execute();
  const links: Links = new Map();
  const linkedCustomers = new Set<string>();
  const link = (companyId: string, customerId: string) => {
    links.set(companyId, customerId);
    linkedCustomers.add(customerId);
  };
  for (const record of records) {
    if (record.state === "synced" && record.external_id !== null) link(record.external_id, record.object_id);
    // In the error queue or skipped: not made again until a person retries it (pending again).
    else if (record.state !== "pending") linkedCustomers.add(record.object_id);
  }

  // From the CRM: every company not linked yet is linked to its customer, made when it has none.
  const companies = await read(run, () => system.companies());
  for (const company of companies) {
    if (links.has(company.id)) continue;
    const customerId =
      mappings.externalToFairbill("customer", company.id) ??
      (company.customerId !== null && (await customerExists(context, company.customerId))
        ? company.customerId
        : await customerForCompany(context, connection, company.id, company.name));
    if (linkedCustomers.has(customerId)) continue;
    try {
      await syncObject(run, { ...source, objectType: "customer", objectId: customerId }, async () => {
        if (company.customerId !== customerId) await system.linkCompany(company.id, customerId);
        return company.id;
      });
      link(company.id, customerId);
    } catch (error) {
      if (!(error instanceof SyncStopped)) throw error;
      linkedCustomers.add(customerId);
    }
  }

  // To the CRM: every customer not linked yet gets a company (or the one mapped to it).
  let afterId: string | undefined;
  for (;;) {
    const page = await listCustomers(context, {}, { limit: customersPerPage, afterId });
    for (const customer of page.slice(0, customersPerPage)) {
      if (linkedCustomers.has(customer.id)) continue;
      try {
        const companyId = await syncObject(
          run,
          { ...source, objectType: "customer", objectId: customer.id },
          async () =>
            mappings.optional("customer", customer.id) ??
            system.createCompany({ customerId: customer.id, name: customer.name ?? customer.external_id }),
        );
        link(companyId, customer.id);
      } catch (error) {
        if (!(error instanceof SyncStopped)) throw error;
      }
    }
    if (page.length <= customersPerPage) break;
    afterId = page[customersPerPage - 1]?.id;
  }
  return links;
}

async function customerExists(context: RequestContext, customerId: string): Promise<boolean> {
  return getCustomer(context, customerId).then(
    () => true,
    () => false,
  );
}

/** The customer a company from the CRM becomes: found by its external id, so that a rerun makes none. */
async function customerForCompany(
  context: RequestContext,
  connection: ConnectionRow,
  companyId: string,
  name: string,
): Promise<string> {
  const externalId = `${connection.system}:${companyId}`;
  const existing = await findCustomerByExternalId(context.database, context, externalId);
  if (existing !== undefined) return existing.id;
  try {
    return (await createCustomer(context, { external_id: externalId, name })).id;
  } catch (error) {
    const raced = await findCustomerByExternalId(context.database, context, externalId);
    if (raced === undefined) throw error;
    return raced.id;
  }
}

type DealRow = Selectable<CrmDealTable>;

async function proposeWonDeals(run: SyncRun, target: CrmSyncTarget, links: Links): Promise<void> {
  const { context } = run;
  const deals = await read(run, () => target.system.wonDeals());
  for (const deal of deals) {
    let row = await selectInTenant(context.database, context, "crm_deals")
      .where("connection_id", "=", target.connection.id)
      .where("external_id", "=", deal.id)
      .executeTakeFirst();
    if (row?.state === "contracted") continue;
    if (row === undefined || row.state === "failed") {
      const drafted = await draftOf(context, target, deal, links);
      row = await saveDeal(context, target.connection.id, deal, drafted, row?.id);
    }
    if (row.state === "failed") continue;
    await advanceDeal(context, target, row);
  }
}

/** The contract a deal proposes, or why it cannot become one yet. */
async function draftOf(
  context: RequestContext,
  target: CrmSyncTarget,
  deal: CrmDeal,
  links: Links,
): Promise<{ customerId: string | null; proposal: CrmDealProposal | null; problem: string | null }> {
  const customerId = deal.companyId === null ? null : (links.get(deal.companyId) ?? null);
  if (customerId === null) {
    return {
      customerId,
      proposal: null,
      problem: `The deal's company (${deal.companyId ?? "none"}) is linked to no customer.`,
    };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deal.closedOn)) {
    return { customerId, proposal: null, problem: "The deal has no close date to start the contract on." };
  }
  let plan: string | null = null;
  let termMonths = defaultTermMonths;
  const rateCard: { charge: string; field: string; value: string }[] = [];
  const unmapped: string[] = [];
  for (const item of deal.lineItems) {
    const key =
      item.productId === null ? null : target.mappings.externalToFairbill("product", item.productId);
    if (key === null) {
      unmapped.push(`${item.name} (product ${item.productId ?? "none"})`);
      continue;
    }
    const [planCode = key, charge, field] = key.split(":");
    if (charge === undefined) {
      plan ??= planCode;
      termMonths = item.termMonths ?? termMonths;
      continue;
    }
    const value = field === "discount_percent" ? item.discountPercent : item.unitPrice;
    if (value !== null && field !== undefined) rateCard.push({ charge, field, value });
  }
  if (unmapped.length > 0) {
    return {
      customerId,
      proposal: null,
      problem: `No product mapping for the line items ${unmapped.join(", ")}: map each product to a plan or a charge, then sync again.`,
    };
  }
  if (plan === null) {
    return { customerId, proposal: null, problem: "No line item's product is mapped to a plan." };
  }
  const start = new Date(`${deal.closedOn}T00:00:00.000Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + termMonths);
  const knownPlan = await selectPlans(context.database, context).where("code", "=", plan).executeTakeFirst();
  if (knownPlan === undefined)
    return { customerId, proposal: null, problem: `No plan has the code "${plan}".` };
  return {
    customerId,
    problem: null,
    proposal: {
      crm_deal: deal.id,
      deal_name: deal.name,
      customer_id: customerId,
      plan,
      start: start.toISOString(),
      end: end.toISOString(),
      rate_card: rateCard.map((entry) => ({
        plan: plan ?? "",
        charge: entry.charge,
        [entry.field]: entry.value,
      })),
    },
  };
}

async function saveDeal(
  context: RequestContext,
  connectionId: string,
  deal: CrmDeal,
  drafted: Awaited<ReturnType<typeof draftOf>>,
  existingId: string | undefined,
) {
  const now = context.clock.now();
  const fields = {
    name: deal.name,
    amount: deal.amount,
    customer_id: drafted.customerId,
    state: drafted.problem === null ? ("awaiting_approval" as const) : ("failed" as const),
    proposal: JSON.stringify(drafted.proposal),
    last_error: drafted.problem,
    updated_at: now,
  };
  if (existingId !== undefined) {
    return updateTenantRow(context.database, context, "crm_deals", existingId, fields);
  }
  await context.database
    .insertInto("crm_deals")
    .values({
      ...newTenantRow(context, "crmDeal", now),
      connection_id: connectionId,
      external_id: deal.id,
      ...fields,
      created_at: now,
    })
    .onConflict((conflicting) => conflicting.columns(["connection_id", "external_id"]).doNothing())
    .execute();
  return selectInTenant(context.database, context, "crm_deals")
    .where("connection_id", "=", connectionId)
    .where("external_id", "=", deal.id)
    .executeTakeFirstOrThrow();
}

/**
 * A deal awaiting approval asks for it (the approval request is the draft
 * contract; asked once, then answered pending until decided); once approved,
 * the approval is spent with the deal marked approved, in one transaction,
 * and the subscription and contract are made (each found first, so that a
 * run interrupted between them completes on the next).
 */
async function advanceDeal(context: RequestContext, target: CrmSyncTarget, row: DealRow): Promise<void> {
  const proposal = row.proposal;
  if (proposal === null) return;
  if (row.state === "awaiting_approval") {
    const change: GuardedChange = {
      subject: { kind: "contract" },
      alwaysReviewed: `contracts from deals won in ${target.connection.system === "hubspot" ? "HubSpot" : "Salesforce"}`,
      summary: `Contract for ${proposal.customer_id} from the deal "${proposal.deal_name}" won in ${target.connection.system}: plan ${proposal.plan} from ${proposal.start} to ${proposal.end}${proposal.rate_card.length > 0 ? ` with ${proposal.rate_card.length} negotiated prices` : ""}`,
      targetId: proposal.customer_id,
      request: proposal,
    };
    try {
      await withApproval(context, change, (spend) =>
        context.database.transaction().execute(async (transaction) => {
          await transaction
            .updateTable("crm_deals")
            .set({ state: "approved", updated_at: context.clock.now() })
            .where("id", "=", row.id)
            .where("state", "=", "awaiting_approval")
            .execute();
          await spend(transaction, row.id);
        }),
      );
    } catch (error) {
      if (error instanceof FairbillError && ["approval_required", "approval_pending"].includes(error.code)) {
        await recordApprovalRequest(context, row, change);
        return;
      }
      throw error;
    }
    await recordApprovalRequest(context, row, change);
  }
  const subscriptionId = row.subscription_id ?? (await subscriptionOf(context, row, proposal));
  const contract = await createContract(
    context,
    {
      customer_id: proposal.customer_id,
      subscription_id: subscriptionId,
      start: proposal.start,
      end: proposal.end,
      phases: [{ start: proposal.start, plan: proposal.plan }],
      ...(proposal.rate_card.length > 0 ? { rate_card: proposal.rate_card as never } : {}),
      reason: `Deal ${proposal.crm_deal} won in ${target.connection.system}, approved as a draft contract`,
    },
    { reviewedAlready: true },
  ).catch(async (error: unknown) => {
    if (error instanceof FairbillError && error.code === "contract_exists") {
      return { id: null };
    }
    await context.database
      .updateTable("crm_deals")
      .set({ last_error: error instanceof Error ? error.message.slice(0, 2000) : String(error) })
      .where("id", "=", row.id)
      .execute();
    throw error;
  });
  await context.database
    .updateTable("crm_deals")
    .set({
      state: "contracted",
      subscription_id: subscriptionId,
      ...(contract.id === null ? {} : { contract_id: contract.id }),
      last_error: null,
      updated_at: context.clock.now(),
    })
    .where("id", "=", row.id)
    .execute();
}

/** The approval request the deal's draft contract became, kept on the deal once known. */
async function recordApprovalRequest(context: RequestContext, row: DealRow, change: GuardedChange) {
  if (row.approval_request_id !== null) return;
  const request = await approvalRequestFor(context, change);
  if (request === undefined) return;
  await context.database
    .updateTable("crm_deals")
    .set({ approval_request_id: request.id })
    .where("id", "=", row.id)
    .execute();
}

/** The deal's subscription, on the proposed plan from the contract's start; found by its external id first. */
async function subscriptionOf(
  context: RequestContext,
  row: DealRow,
  proposal: CrmDealProposal,
): Promise<string> {
  const externalId = `crm-deal:${row.id}`;
  const existing = await selectSubscriptions(context.database, context)
    .where("subscriptions.external_id", "=", externalId)
    .executeTakeFirst();
  if (existing !== undefined) return existing.id;
  const plan = await selectPlans(context.database, context)
    .where("code", "=", proposal.plan)
    .executeTakeFirstOrThrow();
  const subscription = await createSubscription(context, {
    customer_id: proposal.customer_id,
    plan_id: plan.id,
    start_at: proposal.start,
    external_id: externalId,
  });
  await context.database
    .updateTable("crm_deals")
    .set({ subscription_id: subscription.id, updated_at: context.clock.now() })
    .where("id", "=", row.id)
    .execute();
  return subscription.id;
}

async function writeFigures(
  run: SyncRun,
  target: CrmSyncTarget,
  companyId: string,
  customerId: string,
): Promise<void> {
  const { context } = run;
  const customer = await getCustomer(context, customerId);
  const upcoming = await upcomingInvoice(context, customerId);
  const invoices = await listInvoices(context, { customer_id: customerId, limit: 100 });
  const currency = customer.currency ?? upcoming?.currency ?? invoices.data[0]?.currency;
  if (currency === undefined) return; // nothing billed in any currency yet
  const figures = accountFigures(currency, upcoming?.lines ?? [], invoices.data);
  const outcome = await withVendorRetries(
    () => target.system.writeFigures(companyId, { customerId, currency, ...figures }),
    run.retryDelaysMilliseconds,
  );
  if (!outcome.ok && !(outcome.error instanceof VendorError)) throw outcome.error;
  if (!outcome.ok) {
    context.logger.warn(
      { customer_id: customerId, company_id: companyId, err: outcome.error },
      "a customer's figures could not be written to the CRM; the next sync writes them",
    );
  }
}
