// Asking for a customer's alert rules to be evaluated, from the places where
// what they watch changes: ingestion (after its commit, never inside it, so
// the hot path gains two indexed reads per batch and no per-event work), the
// burn of credits by an invoice, and a rule's own creation or edit. The work
// itself is a job (`alerts.evaluate_customer`), so a slow evaluation never
// holds up the request that caused it.
//
// Bursts coalesce through `alert_evaluation_requests`: the first batch of a
// customer inserts the row and queues the job in one transaction; later
// batches find the row and queue nothing; the job deletes the row before it
// reads anything, so a batch committed after that inserts a new row and
// queues the next job. Every stored event is thus followed by an evaluation
// that sees it. (The job queue's own unique keys are kept until finished jobs
// are purged, days later, so a key per customer would swallow every
// evaluation after the first.)
//
// Metering and credits announce those changes as domain events; the
// subscribers at the end of this file turn them into evaluation requests.
import { type Static, Type } from "typebox";
import { CreditsBurned } from "../credits/index.ts";
import { customerReferencesByExternalIds } from "../customers/index.ts";
import { UsageIngested } from "../metering/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { subscribe } from "../platform/events/domain-events.ts";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";
import "./tables.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";

export const alertEvaluationJobKind = "alerts.evaluate_customer";

const AlertEvaluationJobPayloadSchema = Type.Object({ customerId: Type.String() });
export type AlertEvaluationJobPayload = Static<typeof AlertEvaluationJobPayloadSchema>;

export const readAlertEvaluationJobPayload = jobPayloadReader(
  alertEvaluationJobKind,
  AlertEvaluationJobPayloadSchema,
);

function enqueueEvaluation(
  database: Database,
  scope: TenantScope,
  customerId: string,
  uniqueKey?: string,
): Promise<unknown> {
  return enqueueJob(database, {
    kind: alertEvaluationJobKind,
    payload: { customerId } satisfies AlertEvaluationJobPayload,
    scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
    // No runAt: due at once by the database's clock. A test clock dates what the evaluation reads, not when it runs.
    ...(uniqueKey === undefined ? {} : { uniqueKey }),
  });
}

/**
 * After an ingestion transaction committed, with the customers (external ids)
 * whose events it stored: queues one evaluation per customer that has a spend,
 * usage or allowance rule, unless one is already waiting.
 */
async function requestAlertEvaluationsAfterIngestion(
  context: RequestContext,
  customerExternalIds: readonly string[],
): Promise<void> {
  if (customerExternalIds.length === 0) return;
  // Customers own the mapping from external ids; the common case (no rule for
  // these customers) costs two indexed reads, whatever the size of the batch.
  const customers = await customerReferencesByExternalIds(context.database, context, customerExternalIds);
  if (customers.length === 0) return;
  const watched = await context.database
    .selectFrom("alert_rules")
    .select("customer_id")
    .distinct()
    .where(inTenant(context))
    .where("deleted_at", "is", null)
    .where("enabled", "=", true)
    .where("kind", "in", ["spend", "usage", "allowance"])
    .where(
      "customer_id",
      "in",
      customers.map((customer) => customer.id),
    )
    .orderBy("customer_id")
    .execute();
  if (watched.length === 0) return;
  const requested = await context.database
    .insertInto("alert_evaluation_requests")
    .values(
      watched.map(({ customer_id }) => ({
        environment_id: context.environmentId,
        organization_id: context.organizationId,
        customer_id,
      })),
    )
    .onConflict((conflicting) => conflicting.columns(["environment_id", "customer_id"]).doNothing())
    .returning("customer_id")
    .execute();
  for (const { customer_id } of requested) await enqueueEvaluation(context.database, context, customer_id);
}

/**
 * After a burn of a customer's credits for an invoice: queues an evaluation of
 * the customer's credit balance rules, once per invoice. Nothing when the
 * customer has no such rule.
 */
async function requestCreditAlertEvaluation(
  transaction: Database,
  scope: TenantScope,
  input: { customerId: string; invoiceId: string },
): Promise<void> {
  const rule = await transaction
    .selectFrom("alert_rules")
    .select("id")
    .where(inTenant(scope))
    .where("customer_id", "=", input.customerId)
    .where("kind", "=", "credit_balance")
    .where("enabled", "=", true)
    .where("deleted_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  if (rule === undefined) return;
  await enqueueEvaluation(
    transaction,
    scope,
    input.customerId,
    `alert-evaluation:${input.customerId}:invoice:${input.invoiceId}`,
  );
}

/** Queues an evaluation of the customer's rules, part of `transaction` (a rule made or changed). */
export async function requestAlertEvaluation(
  transaction: Database,
  scope: TenantScope,
  customerId: string,
): Promise<void> {
  await enqueueEvaluation(transaction, scope, customerId);
}

/** Called by the evaluation job before it reads anything: usage stored from now on asks again. */
export async function takeAlertEvaluationRequest(
  database: Database,
  scope: TenantScope,
  customerId: string,
): Promise<void> {
  await database
    .deleteFrom("alert_evaluation_requests")
    .where("environment_id", "=", scope.environmentId)
    .where("customer_id", "=", customerId)
    .execute();
}

/** New usage: the spend and usage rules of the customers whose events were stored. */
export const evaluateAlertsAfterIngestion = subscribe(
  UsageIngested,
  "alerts.evaluate_after_ingestion",
  (context, event) => requestAlertEvaluationsAfterIngestion(context, event.data.customer_external_ids),
);

/** Credits used by an invoice: the customer's credit balance rules. */
export const evaluateAlertsAfterCreditBurn = subscribe(
  CreditsBurned,
  "alerts.evaluate_after_credit_burn",
  (context, event) =>
    requestCreditAlertEvaluation(context.database, context, {
      customerId: event.data.customer_id,
      invoiceId: event.data.invoice_id,
    }),
);
