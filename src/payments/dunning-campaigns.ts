// Dunning as billing ops configure it: campaigns per environment (one is the
// default), and per customer a campaign of their own or an exemption. Every
// change is audited. An invoice keeps the campaign it entered dunning with:
// later edits apply to later invoices.
import type { Selectable } from "kysely";
import { recordAuditEvent, recordCreation, recordObjectChange } from "../audit/index.ts";
import { findInvoiceRow, loadCustomerRow } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { customerDunningSettings } from "./dunning-lifecycle.ts";
import { compareSteps } from "./dunning-schedule.ts";
import type {
  CreateDunningCampaignInput,
  CustomerDunningInput,
  CustomerDunningView,
  DunningCampaignView,
  InvoiceDunningView,
  UpdateDunningCampaignInput,
} from "./dunning-schemas.ts";
import { entitlementsBlockedByDunning } from "./entitlement-blocks.ts";
import type { DunningCampaignTable } from "./tables.ts";

type CampaignRow = Selectable<DunningCampaignTable>;

function presentCampaign(row: CampaignRow): DunningCampaignView {
  return {
    id: row.id,
    name: row.name,
    is_default: row.is_default,
    retry_schedule_days: row.retry_schedule_days,
    reminder_days_before_due: row.reminder_days_before_due,
    reminder_days_after_due: row.reminder_days_after_due,
    final_action: row.final_action,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

function selectCampaigns(database: Database, context: RequestContext) {
  return selectInTenant(database, context, "dunning_campaigns");
}

async function findCampaign(database: Database, context: RequestContext, id: string): Promise<CampaignRow> {
  return findInTenant(database, context, "dunning_campaigns", id, "dunning campaign");
}

/** Days must rise strictly, and a retry or a reminder before the due date is at least a day away. */
function checkDays(
  days: readonly number[] | undefined,
  field: string,
  minimum: number,
  errors: FieldError[],
): void {
  if (days === undefined) return;
  days.forEach((day, index) => {
    if (day < minimum) errors.push({ path: `$.${field}[${index}]`, message: `must be at least ${minimum}` });
    const previous = days[index - 1];
    if (previous !== undefined && day <= previous) {
      errors.push({ path: `$.${field}[${index}]`, message: "must be more than the day before it" });
    }
  });
}

function checkCampaign(input: UpdateDunningCampaignInput): void {
  const errors: FieldError[] = [];
  checkDays(input.retry_schedule_days, "retry_schedule_days", 1, errors);
  checkDays(input.reminder_days_before_due, "reminder_days_before_due", 1, errors);
  checkDays(input.reminder_days_after_due, "reminder_days_after_due", 0, errors);
  if (errors.length > 0) throw validationFailed(errors);
}

/** Only one default per environment: making one the default takes it from the other. */
async function clearDefault(transaction: Database, context: RequestContext, exceptId: string): Promise<void> {
  await transaction
    .updateTable("dunning_campaigns")
    .set({ is_default: false, updated_at: context.clock.now() })
    .where("environment_id", "=", context.environmentId)
    .where("is_default", "=", true)
    .where("id", "!=", exceptId)
    .execute();
}

export async function createDunningCampaign(
  context: RequestContext,
  input: CreateDunningCampaignInput,
): Promise<DunningCampaignView> {
  checkCampaign(input);
  return context.database.transaction().execute(async (transaction) => {
    const now = context.clock.now();
    const id = newId("dunningCampaign", now);
    // The environment's first campaign is its default unless said otherwise: one campaign that applies to nobody helps nobody.
    const hasDefault = await selectCampaigns(transaction, context)
      .where("is_default", "=", true)
      .executeTakeFirst();
    const isDefault = input.is_default ?? hasDefault === undefined;
    if (isDefault) await clearDefault(transaction, context, id);
    const row = await transaction
      .insertInto("dunning_campaigns")
      .values({
        id,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        name: input.name,
        is_default: isDefault,
        retry_schedule_days: JSON.stringify(input.retry_schedule_days),
        reminder_days_before_due: JSON.stringify(input.reminder_days_before_due ?? []),
        reminder_days_after_due: JSON.stringify(input.reminder_days_after_due ?? []),
        final_action: input.final_action,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentCampaign(row);
    await recordCreation(transaction, context, "dunning_campaign", view);
    return view;
  });
}

export async function updateDunningCampaign(
  context: RequestContext,
  id: string,
  input: UpdateDunningCampaignInput,
): Promise<DunningCampaignView> {
  checkCampaign(input);
  return context.database.transaction().execute(async (transaction) => {
    const before = await findInTenant(transaction, context, "dunning_campaigns", id, "dunning campaign", {
      lock: true,
    });
    if (input.is_default === true) await clearDefault(transaction, context, id);
    const row = await updateTenantRow(transaction, context, "dunning_campaigns", id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.is_default === undefined ? {} : { is_default: input.is_default }),
      ...(input.retry_schedule_days === undefined
        ? {}
        : { retry_schedule_days: JSON.stringify(input.retry_schedule_days) }),
      ...(input.reminder_days_before_due === undefined
        ? {}
        : { reminder_days_before_due: JSON.stringify(input.reminder_days_before_due) }),
      ...(input.reminder_days_after_due === undefined
        ? {}
        : { reminder_days_after_due: JSON.stringify(input.reminder_days_after_due) }),
      ...(input.final_action === undefined ? {} : { final_action: input.final_action }),
      updated_at: context.clock.now(),
    });
    const view = presentCampaign(row);
    await recordObjectChange(
      transaction,
      context,
      "dunning_campaign",
      "updated",
      presentCampaign(before),
      view,
    );
    return view;
  });
}

export async function getDunningCampaign(context: RequestContext, id: string): Promise<DunningCampaignView> {
  return presentCampaign(await findCampaign(context.database, context, id));
}

export async function listDunningCampaigns(
  context: RequestContext,
  page: PageRequest,
): Promise<DunningCampaignView[]> {
  const rows = await newestFirstPage(selectCampaigns(context.database, context), page).execute();
  return rows.map(presentCampaign);
}

export async function getCustomerDunning(
  context: RequestContext,
  customerId: string,
): Promise<CustomerDunningView> {
  await loadCustomerRow(context.database, context, customerId);
  const settings = await customerDunningSettings(context.database, context, customerId);
  return {
    customer_id: customerId,
    campaign_id: settings?.campaign_id ?? null,
    exempt: settings?.exempt ?? false,
    exempt_reason: settings?.exempt_reason ?? null,
    entitlements_blocked: await entitlementsBlockedByDunning(context, customerId),
  };
}

export async function updateCustomerDunning(
  context: RequestContext,
  customerId: string,
  input: CustomerDunningInput,
): Promise<CustomerDunningView> {
  await loadCustomerRow(context.database, context, customerId);
  const campaignId = input.campaign_id ?? null;
  if (campaignId !== null) {
    const campaign = await selectCampaigns(context.database, context)
      .where("id", "=", campaignId)
      .executeTakeFirst();
    if (campaign === undefined) {
      throw validationFailed([
        { path: "$.campaign_id", message: `names no dunning campaign of this environment` },
      ]);
    }
  }
  if (!input.exempt && (input.exempt_reason ?? null) !== null) {
    throw validationFailed([{ path: "$.exempt_reason", message: "is only given with exempt: true" }]);
  }
  await context.database.transaction().execute(async (transaction) => {
    const before = await customerDunningSettings(transaction, context, customerId);
    const values = {
      campaign_id: campaignId,
      exempt: input.exempt,
      exempt_reason: input.exempt ? (input.exempt_reason ?? null) : null,
      updated_at: context.clock.now(),
    };
    await transaction
      .insertInto("customer_dunning_settings")
      .values({
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        customer_id: customerId,
        ...values,
      })
      .onConflict((conflicting) => conflicting.columns(["environment_id", "customer_id"]).doUpdateSet(values))
      .execute();
    await recordAuditEvent(transaction, context, {
      action: "customer_dunning.updated",
      objectType: "customer",
      objectId: customerId,
      before:
        before === undefined
          ? null
          : { campaign_id: before.campaign_id, exempt: before.exempt, exempt_reason: before.exempt_reason },
      after: { campaign_id: values.campaign_id, exempt: values.exempt, exempt_reason: values.exempt_reason },
    });
  });
  return getCustomerDunning(context, customerId);
}

export async function getInvoiceDunning(
  context: RequestContext,
  invoiceId: string,
): Promise<InvoiceDunningView> {
  const invoice = await findInvoiceRow(context.database, context, invoiceId);
  const process = await selectInTenant(context.database, context, "dunning_processes")
    .where("invoice_id", "=", invoiceId)
    .executeTakeFirst();
  // An invoice no payment has failed on (or that was never collected) has no dunning yet: said, not a 404.
  if (process === undefined) {
    return {
      id: null,
      invoice_id: invoiceId,
      customer_id: invoice.customer_id,
      campaign_id: null,
      status: "none",
      final_action: null,
      hard_declined: false,
      first_failed_at: null,
      next_step_at: null,
      entitlements_blocked: false,
      ended_reason: null,
      steps: [],
    };
  }
  const steps = await context.database
    .selectFrom("dunning_steps")
    .selectAll()
    .where("process_id", "=", process.id)
    .execute();
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: process.id,
    invoice_id: process.invoice_id,
    customer_id: process.customer_id,
    campaign_id: process.campaign_id,
    status: process.status,
    final_action: process.final_action,
    hard_declined: process.hard_declined,
    first_failed_at: iso(process.first_failed_at),
    next_step_at: iso(process.next_step_at),
    entitlements_blocked: process.entitlements_blocked,
    ended_reason: process.ended_reason,
    steps: steps
      .map((step) => ({ ...step, dueAt: step.due_at }))
      .sort(compareSteps)
      .map((step) => ({
        kind: step.kind,
        day_number: step.day_number,
        due_at: step.due_at.toISOString(),
        status: step.status,
        outcome: step.outcome,
        payment_id: step.payment_id,
        completed_at: iso(step.completed_at),
      })),
  };
}
