// The seller's tax records kept by a tax engine (Stripe Tax, AvaTax): each
// finalized invoice recorded once, and reversed once when it is voided.
//
// Invoicing hands over a finalized invoice's figures (queueTaxRecording) and
// a voided invoice's id (queueTaxReversal) inside its own transaction: a row
// in tax_transactions and a job, so the call to the engine happens after the
// commit, and only if it commits. The jobs call the engine with idempotency
// keys made from the invoice, so a retry never records twice; a void that
// comes before the record was made cancels it, and a record that finds its
// invoice voided meanwhile reverses what it just made.
import { sql } from "kysely";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { errorMessage } from "../platform/errors.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import type { TaxableInvoice } from "./tax-quote.ts";
import { taxProviderSettingsOf } from "./tax-settings.ts";
import { taxEngineOf } from "./taxes.ts";

const recordJobKind = "taxes.record_invoice";
const reverseJobKind = "taxes.reverse_invoice";

/** Whether the environment's tax provider keeps records of invoices (Stripe Tax, AvaTax). */
export async function usesTaxEngine(database: Database, scope: TenantScope): Promise<boolean> {
  const { provider } = await taxProviderSettingsOf(database, scope);
  return provider.type === "stripe_tax" || provider.type === "avalara";
}

/** Records a finalized invoice with the environment's tax engine, after the caller's commit; nothing without one. */
export async function queueTaxRecording(
  transaction: Database,
  scope: TenantScope,
  invoice: TaxableInvoice,
): Promise<void> {
  const { provider } = await taxProviderSettingsOf(transaction, scope);
  if (provider.type !== "stripe_tax" && provider.type !== "avalara") return;
  const inserted = await transaction
    .insertInto("tax_transactions")
    .values({
      invoice_id: invoice.id,
      environment_id: scope.environmentId,
      organization_id: scope.organizationId,
      provider_type: provider.type,
      invoice: JSON.stringify(invoice),
      state: "pending",
    })
    .onConflict((conflicting) => conflicting.columns(["environment_id", "invoice_id"]).doNothing())
    .returning("invoice_id")
    .executeTakeFirst();
  if (inserted === undefined) return;
  await enqueueTaxJob(transaction, scope, recordJobKind, invoice.id);
}

/** Reverses the record of a voided invoice, after the caller's commit; nothing when it was never recorded. */
export async function queueTaxReversal(
  transaction: Database,
  scope: TenantScope,
  invoiceId: string,
): Promise<void> {
  const row = await transaction
    .selectFrom("tax_transactions")
    .select("state")
    .where(inTenant(scope))
    .where("invoice_id", "=", invoiceId)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) return;
  if (row.state === "pending") {
    // Not recorded yet: the record job finds it cancelled (and reverses it, should its call have gone out).
    await setState(transaction, scope, invoiceId, { state: "cancelled" });
    return;
  }
  if (row.state !== "recorded") return;
  await setState(transaction, scope, invoiceId, { state: "void_pending" });
  await enqueueTaxJob(transaction, scope, reverseJobKind, invoiceId);
}

export type TaxTransactionView = {
  invoice_id: string;
  provider: "stripe_tax" | "avalara";
  state: "pending" | "recorded" | "void_pending" | "voided" | "cancelled";
  external_id: string | null;
  attempts: number;
  last_error: string | null;
  recorded_at: string | null;
  voided_at: string | null;
};

/** The record of an invoice with the tax engine, if it has one. */
export async function taxTransactionOf(
  database: Database,
  scope: TenantScope,
  invoiceId: string,
): Promise<TaxTransactionView | undefined> {
  const row = await selectInTenant(database, scope, "tax_transactions")
    .where("invoice_id", "=", invoiceId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    invoice_id: row.invoice_id,
    provider: row.provider_type,
    state: row.state,
    external_id: row.external_id,
    attempts: row.attempts,
    last_error: row.last_error,
    recorded_at: row.recorded_at?.toISOString() ?? null,
    voided_at: row.voided_at?.toISOString() ?? null,
  };
}

/** The jobs that talk to the tax engine, for the job worker. */
export function taxJobHandlers(options: { database: Database }): Record<string, JobHandler> {
  const { database } = options;
  return {
    [recordJobKind]: {
      retryDelaysSeconds: [15, 60, 300, 900, 3600],
      handle: async (job) => {
        const { scope, invoiceId } = jobTarget(job);
        await attempt(database, scope, invoiceId, async (engine, row) => {
          if (row.state !== "pending" && row.state !== "cancelled") return;
          const externalId = await engine.record(row.invoice);
          const now = new Date();
          const recorded = await database
            .updateTable("tax_transactions")
            .set({
              state: "recorded",
              external_id: externalId,
              recorded_at: now,
              last_error: null,
              updated_at: now,
            })
            .where(inTenant(scope))
            .where("invoice_id", "=", invoiceId)
            .where("state", "=", "pending")
            .returning("invoice_id")
            .executeTakeFirst();
          if (recorded !== undefined) return;
          // Voided while the record was being made: take it back at once.
          await engine.reverse(row.invoice, externalId);
          await setState(database, scope, invoiceId, {
            state: "voided",
            external_id: externalId,
            voided_at: new Date(),
            last_error: null,
          });
        });
      },
    },
    [reverseJobKind]: {
      retryDelaysSeconds: [15, 60, 300, 900, 3600],
      handle: async (job) => {
        const { scope, invoiceId } = jobTarget(job);
        await attempt(database, scope, invoiceId, async (engine, row) => {
          if (row.state !== "void_pending" || row.external_id === null) return;
          await engine.reverse(row.invoice, row.external_id);
          await setState(database, scope, invoiceId, {
            state: "voided",
            voided_at: new Date(),
            last_error: null,
          });
        });
      },
    },
  };
}

type TaxTransactionRow = {
  state: TaxTransactionView["state"];
  external_id: string | null;
  invoice: TaxableInvoice;
};

/** One call to the engine for an invoice's record; a failure is counted and kept, and the job retries. */
async function attempt(
  database: Database,
  scope: TenantScope,
  invoiceId: string,
  work: (engine: NonNullable<ReturnType<typeof taxEngineOf>>, row: TaxTransactionRow) => Promise<void>,
): Promise<void> {
  const row = await database
    .selectFrom("tax_transactions")
    .select(["state", "external_id", "invoice"])
    .where(inTenant(scope))
    .where("invoice_id", "=", invoiceId)
    .executeTakeFirst();
  if (row === undefined) return;
  const { provider } = await taxProviderSettingsOf(database, scope);
  const engine = taxEngineOf(provider);
  if (engine === undefined) {
    await recordFailure(database, scope, invoiceId, "the environment no longer uses a tax engine");
    return;
  }
  try {
    await work(engine, row as TaxTransactionRow);
  } catch (error) {
    await recordFailure(database, scope, invoiceId, errorMessage(error));
    throw error;
  }
}

async function recordFailure(database: Database, scope: TenantScope, invoiceId: string, message: string) {
  await database
    .updateTable("tax_transactions")
    .set({ attempts: sql`attempts + 1`, last_error: message.slice(0, 2000), updated_at: new Date() })
    .where(inTenant(scope))
    .where("invoice_id", "=", invoiceId)
    .execute();
}

async function setState(
  database: Database,
  scope: TenantScope,
  invoiceId: string,
  change: {
    state: TaxTransactionView["state"];
    external_id?: string;
    voided_at?: Date;
    last_error?: null;
  },
): Promise<void> {
  await database
    .updateTable("tax_transactions")
    .set({ ...change, updated_at: new Date() })
    .where(inTenant(scope))
    .where("invoice_id", "=", invoiceId)
    .execute();
}

async function enqueueTaxJob(transaction: Database, scope: TenantScope, kind: string, invoiceId: string) {
  await enqueueJob(transaction, {
    kind,
    payload: { invoiceId },
    scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
    uniqueKey: `${kind}:${scope.environmentId}:${invoiceId}`,
  });
}

function jobTarget(job: Parameters<JobHandler["handle"]>[0]): { scope: TenantScope; invoiceId: string } {
  if (job.scope === null) throw new Error(`A ${job.kind} job must name its environment.`);
  const payload = job.payload as { invoiceId?: unknown } | null;
  if (typeof payload?.invoiceId !== "string") throw new Error(`A ${job.kind} job must name its invoice.`);
  return { scope: job.scope, invoiceId: payload.invoiceId };
}
