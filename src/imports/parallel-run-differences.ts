// The differences of a parallel run and their acceptance. Each line that
// differs has an id in its run (the invoice's position and the line's, such
// as 3.2). A person other than the one who asked for the run may accept a
// difference with a reason (four-eyes between persons, whatever keys or
// sessions either uses); the cut-over checklist counts a run whose every
// difference is accepted as matching. Accepting is audited.
import type { Selectable } from "kysely";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import { isSamePerson } from "../governance/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, FairbillError, notFound } from "../platform/errors.ts";
import type {
  ParallelRunDifference,
  ParallelRunLine,
  ParallelRunPageFilters,
} from "./parallel-run-schemas.ts";
import { findParallelRun, invoicePage, type ParallelRunInvoiceRow, presentInvoice } from "./parallel-runs.ts";
import type { ParallelRunAcceptanceTable } from "./tables.ts";

type AcceptanceRow = Selectable<ParallelRunAcceptanceTable>;

/** The lines of a compared invoice that differ, each with its id in the run. */
export function differingLines(row: ParallelRunInvoiceRow): { id: string; line: ParallelRunLine }[] {
  return (row.lines as ParallelRunLine[]).flatMap((line, index) =>
    line.cause === null ? [] : [{ id: `${row.position}.${index}`, line }],
  );
}

/** The accepted differences of a run, by difference id. */
export async function acceptancesOf(
  database: Database,
  scope: TenantScope,
  runId: string,
): Promise<Map<string, AcceptanceRow>> {
  const rows = await selectInTenant(database, scope, "parallel_run_acceptances")
    .where("parallel_run_id", "=", runId)
    .execute();
  return new Map(rows.map((row) => [row.difference_id, row]));
}

function presentAcceptance(row: AcceptanceRow | undefined): ParallelRunDifference["acceptance"] {
  if (row === undefined) return null;
  return {
    reason: row.reason,
    accepted_by: row.accepted_by_person_name ?? row.accepted_by,
    accepted_at: row.accepted_at.toISOString(),
  };
}

/** The differences of one compared invoice, with their acceptances. */
function presentDifferences(
  row: ParallelRunInvoiceRow,
  acceptances: Map<string, AcceptanceRow>,
): ParallelRunDifference[] {
  const invoice = presentInvoice(row);
  return differingLines(row).map(({ id, line }) => ({
    id,
    position: invoice.position,
    customer_id: invoice.customer_id,
    customer_external_id: invoice.customer_external_id,
    old_invoice_number: invoice.old_invoice_number,
    period_start: invoice.period_start,
    period_end: invoice.period_end,
    currency: invoice.currency,
    charge_code: line.charge_code,
    cause: line.cause ?? "amount",
    old: line.old,
    fairbill: line.fairbill,
    difference: line.difference,
    acceptance: presentAcceptance(acceptances.get(id)),
  }));
}

/** Every line that differs, with its likely cause, amount and acceptance, a page of differing invoices at a time. */
export async function listParallelRunDifferences(
  context: RequestContext,
  runId: string,
  query: ParallelRunPageFilters,
): Promise<{ data: ParallelRunDifference[]; next_cursor: string | null }> {
  const { rows, nextCursor } = await invoicePage(context, runId, {
    matches: false,
    limit: query.limit,
    cursor: query.cursor,
  });
  const acceptances = await acceptancesOf(context.database, context, runId);
  return { data: rows.flatMap((row) => presentDifferences(row, acceptances)), next_cursor: nextCursor };
}

/** The difference of the run with this id, or a 404 naming it. */
async function findDifference(
  context: RequestContext,
  runId: string,
  differenceId: string,
): Promise<ParallelRunInvoiceRow> {
  const position = /^([0-9]{1,9})\.([0-9]{1,4})$/.exec(differenceId)?.[1];
  const row =
    position === undefined
      ? undefined
      : await selectInTenant(context.database, context, "parallel_run_invoices")
          .where("parallel_run_id", "=", runId)
          .where("position", "=", Number(position))
          .executeTakeFirst();
  if (row === undefined || !differingLines(row).some((entry) => entry.id === differenceId))
    throw notFound(`difference of parallel run ${runId}`, differenceId);
  return row;
}

/** Accepts one difference of a completed run with a reason, as a person other than the one who asked for the run. */
export async function acceptDifference(
  context: RequestContext,
  runId: string,
  differenceId: string,
  reason: string,
): Promise<ParallelRunDifference> {
  const run = await findParallelRun(context, runId);
  if (run.status !== "completed")
    throw conflict(
      "parallel_run_not_completed",
      `Parallel run ${runId} is ${run.status}: only a completed run's differences can be accepted.`,
    );
  const row = await findDifference(context, runId, differenceId);
  const accepter = describeActor(context.actor);
  if (isSamePerson({ personId: run.created_by_person_id, actorId: run.created_by }, accepter)) {
    throw new FairbillError({
      code: "accepter_ran_the_run",
      status: 403,
      detail: `${accepter.person?.name ?? accepter.id} asked for parallel run ${runId} and cannot accept its differences, with any key or session: another person must.`,
    });
  }
  const now = context.clock.now();
  await context.database.transaction().execute(async (transaction) => {
    const inserted = await transaction
      .insertInto("parallel_run_acceptances")
      .values({
        parallel_run_id: runId,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        difference_id: differenceId,
        reason,
        accepted_by: accepter.id,
        accepted_by_person_id: accepter.person?.id ?? null,
        accepted_by_person_name: accepter.person?.name ?? null,
        accepted_at: now,
      })
      .onConflict((conflicting) => conflicting.columns(["parallel_run_id", "difference_id"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined)
      throw conflict(
        "difference_already_accepted",
        `Difference ${differenceId} of parallel run ${runId} is accepted already.`,
      );
    await recordAuditEvent(
      transaction,
      { ...context, reason },
      {
        action: "parallel_run.difference_accepted",
        objectType: "parallel_run",
        objectId: runId,
        before: null,
        after: { difference_id: differenceId, reason },
      },
    );
  });
  const accepted = presentDifferences(row, await acceptancesOf(context.database, context, runId)).find(
    (difference) => difference.id === differenceId,
  );
  if (accepted === undefined) throw new Error(`Difference ${differenceId} vanished while it was accepted.`);
  return accepted;
}
