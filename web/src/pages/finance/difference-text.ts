// Short names for the causes and categories the reconciliation reports; the
// API's own description of each difference says the rest.
import type { DifferenceCategory } from "../../api/resources.ts";

const causeLabels = new Map<string, string>([
  ["unknown_customer", "Unknown customer"],
  ["no_meter", "No meter matches"],
  ["no_subscription", "No subscription"],
  ["after_cancellation", "After cancellation"],
  ["meter_not_priced", "Meter not priced"],
  ["late_after_finalization", "Late, after finalization"],
  ["count_mismatch", "Count mismatch"],
  ["in_trial", "In trial"],
  ["paused", "Paused"],
  ["invoice_voided", "Invoice voided"],
  ["awaiting_finalization", "Awaiting finalization"],
  ["not_yet_billed", "Not yet billed"],
]);

export const categoryLabels: Record<DifferenceCategory, string> = {
  leakage: "Leakage",
  mismatch: "Mismatch",
  by_design: "By design",
  pending: "Pending",
};

/** "unknown_customer" reads "Unknown customer"; a cause the console does not know yet reads as its words. */
export function causeLabel(cause: string): string {
  const known = causeLabels.get(cause);
  if (known) return known;
  const words = cause.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function categoryBadgeClass(category: DifferenceCategory): string {
  if (category === "leakage" || category === "mismatch") return "badge badge-warning";
  if (category === "by_design") return "badge badge-muted";
  return "badge";
}
