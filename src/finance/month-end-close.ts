// The month-end close: a checklist of what must be true before a month's
// books are closed (every bill run done, no draft left past its grace period,
// the reconciliation clean, the journal exported as it stands), then the lock
// that keeps anything dated in the month from changing afterwards.

import { type PeriodLock, periodLocks, lockPeriod as recordPeriodLock } from "../accounting-periods/index.ts";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import { hasRunInProgress } from "../billing-runs/index.ts";
import { draftsIssuedBefore } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { customersDueForBilling } from "../subscriptions/index.ts";
import { type AccountingPeriod, parsePeriod } from "./accounting-periods.ts";
import type { ChecklistItem, CloseChecklistView, LockPeriodInput, PeriodLockView } from "./close-schemas.ts";
import { fixAccountingTimeZone, readFinanceSettings } from "./finance-settings.ts";
import { reconcile } from "./reconciliation.ts";
import { journalFor } from "./revenue.ts";
import { keepUsageAccruals, usageAccruals } from "./usage-accruals.ts";

async function billRunsDone(context: RequestContext, period: AccountingPeriod): Promise<ChecklistItem> {
  const running = await hasRunInProgress(context.database, context);
  const due = await customersDueForBilling(context.database, context, new Date(period.end), 5);
  const problems = [
    ...(running ? ["a bill run is in progress"] : []),
    ...due.map((customerId) => `customer ${customerId} has an invoice due by the end of the month`),
  ];
  return {
    key: "bill_runs_done",
    title: "All bill runs done",
    passed: problems.length === 0,
    detail:
      problems.length === 0
        ? `Every invoice due by ${new Date(period.end).toISOString()} has been issued.`
        : `Billing is not done: ${problems.join("; ")}.`,
  };
}

/** Drafts dated in the month: past their grace period (never finalized), or still in it. */
async function drafts(context: RequestContext, period: AccountingPeriod): Promise<ChecklistItem[]> {
  // Invoicing's drafts, each with the end of its grace period (the customer's own, or the environment's).
  const drafts = await draftsIssuedBefore(context.database, context, new Date(period.end));
  const now = context.clock.now().getTime();
  const pastGrace: string[] = [];
  const inGrace: string[] = [];
  for (const draft of drafts) {
    const graceEnds = draft.graceEndsAt.getTime();
    (graceEnds <= now ? pastGrace : inGrace).push(
      `${draft.id} (grace ends ${new Date(graceEnds).toISOString()})`,
    );
  }
  return [
    {
      key: "no_draft_past_grace",
      title: "No draft past its grace period",
      passed: pastGrace.length === 0,
      detail:
        pastGrace.length === 0
          ? "No draft dated in or before the month is past its grace period."
          : `Finalize or recompute these drafts: ${pastGrace.join(", ")}.`,
    },
    {
      key: "no_draft_in_grace",
      title: "No draft waiting out its grace period",
      passed: inGrace.length === 0,
      detail:
        inGrace.length === 0
          ? "No draft dated in or before the month is still in its grace period."
          : `A draft dated in a locked month can no longer be finalized; wait for (or end) the grace period of ${inGrace.join(", ")}.`,
    },
  ];
}

async function reconciliationClean(
  context: RequestContext,
  period: AccountingPeriod,
): Promise<ChecklistItem> {
  const report = await reconcile(context.database, context, period, { now: context.clock.now() });
  const accrued = report.usage.differences.filter((difference) => difference.cause === "not_yet_billed");
  const usage = report.usage.differences.length - accrued.length;
  const receivables = report.receivables.differences.length;
  const accruedEvents = accrued.reduce((sum, difference) => sum + difference.events, 0);
  return {
    key: "reconciliation_clean",
    title: "Reconciliation clean",
    passed: report.clean,
    detail: report.clean
      ? accruedEvents === 0
        ? `Every one of the month's ${report.usage.events_ingested} events is billed, and every invoice agrees with its payments and credit notes.`
        : `Every one of the month's ${report.usage.events_ingested} events is billed or, for ${accruedEvents} whose period is invoiced later, accrued as unbilled receivables; every invoice agrees with its payments and credit notes.`
      : `${usage} usage difference(s) and ${receivables} receivable difference(s) are left; GET /v1/reconciliation?period=${period.key} lists them.`,
  };
}

async function exportsGenerated(context: RequestContext, period: AccountingPeriod): Promise<ChecklistItem> {
  const journal = await journalFor(context, period);
  const latest = await context.database
    .selectFrom("finance_journal_exports")
    .select(["id", "digest"])
    .where(inTenant(context))
    .where("period", "=", period.key)
    .orderBy("id", "desc")
    .executeTakeFirst();
  const upToDate = latest !== undefined && latest.digest === journal.digest;
  return {
    key: "exports_generated",
    title: "Journal exported",
    passed: upToDate && journal.balanced,
    detail: !journal.balanced
      ? "The month's journal does not balance."
      : latest === undefined
        ? `No journal export of ${period.key} yet: POST /v1/journal-exports.`
        : upToDate
          ? `Journal export ${latest.id} holds the month's books as they stand.`
          : `The books changed after journal export ${latest.id}; export the month again.`,
  };
}

function presentLock(lock: PeriodLock): PeriodLockView {
  return {
    id: lock.id,
    period: lock.period,
    timezone: lock.timeZone,
    period_start: new Date(lock.start).toISOString(),
    period_end: new Date(lock.end).toISOString(),
    locked_at: new Date(lock.lockedAt).toISOString(),
    locked_by: lock.lockedBy,
    reason: lock.reason,
    checklist: lock.checklist as ChecklistItem[],
  };
}

async function checklistOf(context: RequestContext, period: AccountingPeriod): Promise<ChecklistItem[]> {
  return [
    await billRunsDone(context, period),
    ...(await drafts(context, period)),
    await reconciliationClean(context, period),
    await exportsGenerated(context, period),
  ];
}

async function periodOf(context: RequestContext, text: string, path: string): Promise<AccountingPeriod> {
  const { timeZone } = await readFinanceSettings(context.database, context);
  return parsePeriod(text, timeZone, path);
}

export async function closeChecklist(
  context: RequestContext,
  periodText: string,
): Promise<CloseChecklistView> {
  const period = await periodOf(context, periodText, "query.period");
  const lock = (await periodLocks(context.database, context)).find(
    (candidate) => candidate.period === period.key,
  );
  const items = await checklistOf(context, period);
  return {
    period: period.key,
    timezone: period.timeZone,
    ended: period.end <= context.clock.now().getTime(),
    ready: items.every((item) => item.passed),
    items,
    lock: lock === undefined ? null : presentLock(lock),
  };
}

export async function listPeriodLocks(context: RequestContext): Promise<{ data: PeriodLockView[] }> {
  return { data: (await periodLocks(context.database, context)).map(presentLock) };
}

/**
 * Closes a month. Refused before the month has ended, and while the
 * checklist has an open item unless `override_checklist` is given with a
 * reason (recorded with the lock and in the audit log).
 */
export async function lockPeriod(context: RequestContext, input: LockPeriodInput): Promise<PeriodLockView> {
  const period = await periodOf(context, input.period, "$.period");
  const now = context.clock.now();
  if (input.override_checklist === true && (input.reason === undefined || input.reason.trim() === "")) {
    throw validationFailed([{ path: "$.reason", message: "is required to lock with open checklist items" }]);
  }
  if (period.end > now.getTime()) {
    throw conflict(
      "period_not_ended",
      `Period ${period.key} ends on ${new Date(period.end).toISOString()}; only an ended month can be closed.`,
      [{ path: "$.period", message: "has not ended yet" }],
    );
  }
  const items = await checklistOf(context, period);
  const open = items.filter((item) => !item.passed);
  if (open.length > 0 && input.override_checklist !== true) {
    throw conflict(
      "close_checklist_incomplete",
      `Period ${period.key} cannot be closed yet: ${open.map((item) => item.title.toLowerCase()).join(", ")}.`,
      open.map((item) => ({ path: `checklist.${item.key}`, message: item.detail })),
    );
  }
  // The month's usage accrued as it stands now is kept with the lock: later usage or prices never change it.
  const accruals = (
    await usageAccruals(context.database, context, {
      timeZone: period.timeZone,
      closedMonths: (await periodLocks(context.database, context)).map((lock) => lock.period),
      now: now.getTime(),
    })
  ).filter((accrual) => accrual.lockedAt === null && accrual.period === period.key);
  return context.database.transaction().execute(async (transaction) => {
    const id = newId("periodLock", now);
    const recorded = await recordPeriodLock(transaction, context, {
      id,
      period: period.key,
      start: period.start,
      end: period.end,
      timeZone: period.timeZone,
      lockedAt: now,
      lockedBy: describeActor(context.actor).id,
      reason: input.reason ?? null,
      checklist: items,
    });
    if (recorded === undefined) throw conflict("period_locked", `Period ${period.key} is already closed.`);
    await keepUsageAccruals(transaction, context, accruals, now);
    await fixAccountingTimeZone(transaction, context, now);
    const lock = presentLock(recorded);
    await recordAuditEvent(transaction, context, {
      action: "period.locked",
      objectType: "period_lock",
      objectId: id,
      before: null,
      after: { ...lock, checklist_overridden: open.map((item) => item.key) },
    });
    return lock;
  });
}
