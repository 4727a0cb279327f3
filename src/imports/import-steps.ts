// Applies one step of an import through the owning domains' use cases (the
// same as the API's, so every rule and audit entry holds), and says what came
// of it: created, skipped (imported before, or already there) or refused (the
// domain's own reason, such as a plan awaiting approval). Each source record
// that became a Fairbill object is remembered as an external reference, so a
// second run skips it. In a dry run nothing is written: a step that would
// create reports so, and the steps after it treat it as there.
import { applyCatalogChanges, loadCurrentCatalog, planCatalogChanges } from "../catalog/index.ts";
import { Decimal } from "../core/index.ts";
import { createCoupon, redeemCoupon } from "../coupons/index.ts";
import {
  checkWalletTopUp,
  createWallet,
  recordBalanceMovement,
  recordWalletTopUp,
} from "../credits/index.ts";
import { createCustomer, findCustomerByExternalId } from "../customers/index.ts";
import { createMeter } from "../metering/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { FairbillError } from "../platform/errors.ts";
import { createSubscription, markSubscriptionBilled } from "../subscriptions/index.ts";
import { importsAwaitCutOver } from "./cut-over-switch.ts";
import type { ImportStep, PlanStep, SubscriptionStep, WalletCreditsStep } from "./import-step-types.ts";
import { storeImportedInvoice } from "./imported-invoices.ts";
import type { ImportOutcome, ImportSource } from "./tables.ts";

export type StepResult = {
  outcome: ImportOutcome;
  fairbillId: string | null;
  reason: string | null;
};

/** What the run knows: the references of earlier runs and this one, and whether it writes. */
export type ImportState = {
  importId: string;
  source: ImportSource;
  dryRun: boolean;
  /** `source type:source id` → Fairbill id ("" for an object a dry run would create). */
  references: Map<string, string>;
  /** Meters a dry run would have created (code → aggregation), for the plans that price them. */
  metersWouldCreate: Map<string, string>;
};

/** The source as the comments and reasons of what an import writes name it. */
const sourceNames: Record<ImportSource, string> = {
  stripe: "Stripe",
  lago: "Lago",
  csv: "a CSV file",
  usage: "a usage file",
};

function referenceKey(sourceType: string, sourceId: string): string {
  return `${sourceType}:${sourceId}`;
}

/** Every reference this environment keeps for the source. */
export async function loadReferences(
  context: RequestContext,
  source: ImportSource,
): Promise<Map<string, string>> {
  const rows = await context.database
    .selectFrom("import_references")
    .select(["source_type", "source_id", "fairbill_id"])
    .where("environment_id", "=", context.environmentId)
    .where("source", "=", source)
    .execute();
  return new Map(rows.map((row) => [referenceKey(row.source_type, row.source_id), row.fairbill_id]));
}

async function remember(
  database: Database,
  context: RequestContext,
  state: ImportState,
  step: { sourceType: string; sourceId: string },
  fairbillId: string,
): Promise<void> {
  await database
    .insertInto("import_references")
    .values({
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      source: state.source,
      source_type: step.sourceType,
      source_id: step.sourceId,
      fairbill_id: fairbillId,
      import_id: state.importId,
      created_at: context.clock.now(),
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  state.references.set(referenceKey(step.sourceType, step.sourceId), fairbillId);
}

const created = (fairbillId: string | null, reason: string | null = null): StepResult => ({
  outcome: "created",
  fairbillId,
  reason,
});
const skipped = (fairbillId: string | null, reason: string): StepResult => ({
  outcome: "skipped",
  fairbillId,
  reason,
});
const refused = (reason: string): StepResult => ({ outcome: "refused", fairbillId: null, reason });

/** A domain's refusal (bad input, a conflict) in words for the report; anything else is not caught. */
function refusalOf(error: unknown): StepResult {
  if (error instanceof FairbillError && error.status < 500) {
    const fields = error.errors.map((field) => `${field.path} ${field.message}`).join("; ");
    return refused(fields === "" ? error.detail : `${error.detail} (${fields})`);
  }
  throw error;
}

/** Creates the object (or, in a dry run, says it would), remembering its id as the record's reference. */
export async function creating(
  context: RequestContext,
  state: ImportState,
  step: { sourceType: string; sourceId: string },
  create: () => Promise<string>,
): Promise<StepResult> {
  if (state.dryRun) {
    state.references.set(referenceKey(step.sourceType, step.sourceId), "");
    return created(null, "dry run: would be created");
  }
  try {
    const id = await create();
    await remember(context.database, context, state, step, id);
    return created(id);
  } catch (error) {
    return refusalOf(error);
  }
}

async function applyPlan(context: RequestContext, state: ImportState, step: PlanStep): Promise<StepResult> {
  const current = await loadCurrentCatalog(context.database, context);
  for (const [code, aggregation] of state.metersWouldCreate) current.meterAggregations.set(code, aggregation);
  const existing = current.plans.find((entry) => entry.plan.code === step.code);
  const { changes, errors } = planCatalogChanges(step.catalog, current);
  if (errors.length > 0) return refused(errors.map((error) => `${error.path}: ${error.message}`).join("; "));
  if (existing !== undefined) {
    if (changes.some((change) => change.object === "plan_version")) {
      return refused(`plan ${step.code} exists with other prices: compare them and decide which is right`);
    }
    if (!state.dryRun) await remember(context.database, context, state, step, existing.plan.id);
    return skipped(existing.plan.id, `plan ${step.code} exists already`);
  }
  return creating(context, state, step, async () => {
    let versions: Awaited<ReturnType<typeof applyCatalogChanges>>;
    try {
      versions = await applyCatalogChanges(context, changes, {
        publish: true,
        comment: `Imported from ${sourceNames[state.source]}`,
      });
    } catch (error) {
      // The environment's policy wants a second person to approve pricing: the plan waits for them.
      if (!(error instanceof FairbillError && error.code === "approval_required")) throw error;
      versions = await applyCatalogChanges(context, changes, {
        publish: false,
        comment: `Imported from ${sourceNames[state.source]}`,
      });
    }
    const version = versions.find((candidate) => candidate.plan_code === step.code);
    if (version === undefined) throw new Error(`Applying plan ${step.code} created no version of it.`);
    return version.plan_id;
  });
}

async function applySubscription(
  context: RequestContext,
  state: ImportState,
  step: SubscriptionStep,
): Promise<StepResult> {
  const customerId = state.references.get(referenceKey("customer", step.customerSourceId));
  if (customerId === undefined) return refused(`its customer ${step.customerSourceId} was not imported`);
  const planId = state.references.get(referenceKey(step.planSourceType, step.planSourceId));
  if (planId === undefined)
    return refused(`its plan (${step.planSourceType} ${step.planSourceId}) was not imported`);
  return creating(context, state, step, async () => {
    const subscription = await createSubscription(
      context,
      {
        customer_id: customerId,
        plan_id: planId,
        plan_version: 1,
        start_at: step.startAt,
        billing: step.billing,
        currency: step.currency,
        external_id: step.sourceId,
        metadata: step.metadata,
        ...(step.trialDays === null ? {} : { trial_days: step.trialDays }),
        ...(Object.keys(step.quantities).length === 0 ? {} : { quantities: step.quantities }),
      },
      { awaitsCutOver: await importsAwaitCutOver(context) },
    );
    if (step.billedThrough !== null && step.nextBillingAt !== null) {
      await markSubscriptionBilled(
        context.database,
        context,
        subscription.id,
        new Date(step.billedThrough).getTime(),
        new Date(step.nextBillingAt).getTime(),
      );
    }
    return subscription.id;
  });
}

/**
 * The credits left in the old system's wallet, as one top-up that bills
 * nothing (the old system invoiced them when they were bought), written in
 * one transaction with its reference, so a second run never credits twice.
 */
async function applyWalletCredits(
  context: RequestContext,
  state: ImportState,
  step: WalletCreditsStep,
): Promise<StepResult> {
  const walletId = state.references.get(referenceKey("wallet", step.walletSourceId));
  if (walletId === undefined) return refused(`its wallet ${step.walletSourceId} was not imported`);
  return creating(context, state, step, async () => {
    const topUp = await checkWalletTopUp(context, walletId, {
      amount: step.credits,
      paid_amount: "0",
      ...(step.expiresAt === null ? {} : { expires_at: step.expiresAt }),
      reason: `Credits left in ${sourceNames[state.source]} wallet ${step.walletSourceId}, paid for there`,
    });
    return context.database.transaction().execute(async (transaction) => {
      const result = await recordWalletTopUp(transaction, context, topUp, null);
      await remember(transaction, context, state, step, result.grant.id);
      return result.grant.id;
    });
  });
}

export async function applyStep(
  context: RequestContext,
  state: ImportState,
  step: ImportStep,
): Promise<StepResult> {
  if (step.kind === "refusal") return { outcome: step.outcome, fairbillId: null, reason: step.reason };
  const known = state.references.get(referenceKey(step.sourceType, step.sourceId));
  if (known !== undefined && known !== "") return skipped(known, `imported before as ${known}`);
  switch (step.kind) {
    case "meter":
      if (state.dryRun) state.metersWouldCreate.set(step.input.code, step.input.aggregation);
      return creating(context, state, step, async () => (await createMeter(context, step.input)).id);
    case "plan":
      return applyPlan(context, state, step);
    case "coupon": {
      const planIds = (step.planSourceIds ?? []).map((code) =>
        state.references.get(referenceKey("plan", code)),
      );
      const missing = (step.planSourceIds ?? []).filter((_code, index) => planIds[index] === undefined);
      if (missing.length > 0) return refused(`applies only to plans not imported: ${missing.join(", ")}`);
      // In a dry run a plan it names may exist only as "would be created" (""): nothing is written anyway.
      const appliesTo =
        planIds.length === 0
          ? {}
          : { applies_to: { ...step.input.applies_to, plan_ids: planIds as string[] } };
      return creating(
        context,
        state,
        step,
        async () => (await createCoupon(context, { ...step.input, ...appliesTo })).id,
      );
    }
    case "customer": {
      const existing = await findCustomerByExternalId(context.database, context, step.input.external_id);
      if (existing !== undefined) {
        if (!state.dryRun) await remember(context.database, context, state, step, existing.id);
        return skipped(existing.id, `customer with external id ${step.input.external_id} exists already`);
      }
      return creating(context, state, step, async () => (await createCustomer(context, step.input)).id);
    }
    case "customer_balance": {
      const customerId = state.references.get(referenceKey("customer", step.customerSourceId));
      if (customerId === undefined) return refused(`its customer ${step.customerSourceId} was not imported`);
      return creating(context, state, step, () =>
        context.database.transaction().execute(async (transaction) => {
          await recordBalanceMovement(transaction, context, {
            customerId,
            currency: step.currency,
            amount: new Decimal(step.amount),
            reason: `Credit balance imported from ${sourceNames[state.source]} customer ${step.customerSourceId}`,
          });
          // The reference is written with the movement, so a second run never credits twice.
          await remember(transaction, context, state, step, customerId);
          return customerId;
        }),
      );
    }
    case "subscription":
      return applySubscription(context, state, step);
    case "wallet": {
      const customerId = state.references.get(referenceKey("customer", step.customerSourceId));
      if (customerId === undefined) return refused(`its customer ${step.customerSourceId} was not imported`);
      return creating(context, state, step, async () => {
        const wallet = await createWallet(context, customerId, {
          currency: step.currency,
          name: step.name,
          rate: step.rate,
          metadata: step.metadata,
        });
        return wallet.id;
      });
    }
    case "wallet_credits":
      return applyWalletCredits(context, state, step);
    case "old_invoice": {
      const customerId = state.references.get(referenceKey("customer", step.customerSourceId));
      if (customerId === undefined) return refused(`its customer ${step.customerSourceId} was not imported`);
      return creating(context, state, step, () =>
        context.database.transaction().execute(async (transaction) => {
          const id = await storeImportedInvoice(transaction, context, state, customerId, step);
          await remember(transaction, context, state, step, id);
          return id;
        }),
      );
    }
    case "redemption": {
      const customerId = state.references.get(referenceKey("customer", step.customerSourceId));
      const couponId = state.references.get(referenceKey("coupon", step.couponSourceId));
      if (customerId === undefined) return refused(`its customer ${step.customerSourceId} was not imported`);
      if (couponId === undefined) return refused(`its coupon ${step.couponSourceId} was not imported`);
      let subscriptionId: string | undefined;
      if (step.subscriptionSourceId !== null) {
        subscriptionId = state.references.get(referenceKey("subscription", step.subscriptionSourceId));
        if (subscriptionId === undefined) {
          return refused(`its subscription ${step.subscriptionSourceId} was not imported`);
        }
      }
      return creating(context, state, step, async () => {
        const redemption = await redeemCoupon(context, customerId, {
          coupon_id: couponId,
          ...(subscriptionId === undefined ? {} : { subscription_id: subscriptionId }),
        });
        return redemption.id;
      });
    }
  }
}
