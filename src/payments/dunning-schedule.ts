// When each step of an invoice's dunning falls, from its campaign: reminders
// a number of days before and after the due date, retries a number of days
// after the first failed payment, and the final action at the last of those
// (the last retry, or the last reminder after the due date, whichever is
// later), if the invoice is still unpaid then. A day is 24 hours on the
// environment's clock. Pure: the caller stores the steps.
import type { DunningStepKind } from "./tables.ts";

const millisecondsPerDay = 86_400_000;

export type PlannedStep = { kind: DunningStepKind; dayNumber: number; dueAt: Date };

function daysFrom(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * millisecondsPerDay);
}

/** The reminders of an invoice due at `dueAt` that are still ahead at `now`. */
export function reminderSteps(
  campaign: { daysBeforeDue: readonly number[]; daysAfterDue: readonly number[] },
  dueAt: Date,
  now: Date,
): PlannedStep[] {
  const steps: PlannedStep[] = [
    ...campaign.daysBeforeDue.map((days) => ({
      kind: "reminder_before_due" as const,
      dayNumber: days,
      dueAt: daysFrom(dueAt, -days),
    })),
    ...campaign.daysAfterDue.map((days) => ({
      kind: "reminder_after_due" as const,
      dayNumber: days,
      dueAt: daysFrom(dueAt, days),
    })),
  ];
  return steps.filter((step) => step.dueAt.getTime() >= now.getTime());
}

/** The retries after a first failed payment at `firstFailedAt`. */
export function retrySteps(retryScheduleDays: readonly number[], firstFailedAt: Date): PlannedStep[] {
  return retryScheduleDays.map((days) => ({
    kind: "retry",
    dayNumber: days,
    dueAt: daysFrom(firstFailedAt, days),
  }));
}

/** When the final action falls among these steps: at the last retry or reminder after the due date; null with neither. */
export function finalActionDueAt(steps: readonly Pick<PlannedStep, "kind" | "dueAt">[]): Date | null {
  let latest: Date | null = null;
  for (const step of steps) {
    if (step.kind !== "retry" && step.kind !== "reminder_after_due") continue;
    if (latest === null || step.dueAt > latest) latest = step.dueAt;
  }
  return latest;
}

const kindOrder: Record<DunningStepKind, number> = {
  reminder_before_due: 0,
  retry: 1,
  reminder_after_due: 2,
  final_action: 3,
};

/**
 * The order steps run in: by time, and at one instant the retry before the
 * reminder (a retry that succeeds makes the reminder moot), the final action last.
 */
export function compareSteps(
  left: Pick<PlannedStep, "kind" | "dueAt">,
  right: Pick<PlannedStep, "kind" | "dueAt">,
): number {
  return left.dueAt.getTime() - right.dueAt.getTime() || kindOrder[left.kind] - kindOrder[right.kind];
}
