// An invoice's status as a badge.
import type { InvoiceStatus } from "../../api/resources.ts";

export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  draft: "Draft",
  open: "Open",
  paid: "Paid",
  partially_paid: "Partially paid",
  uncollectible: "Uncollectible",
  void: "Void",
};

const badgeClasses: Record<InvoiceStatus, string> = {
  draft: "badge badge-muted",
  open: "badge badge-warning",
  paid: "badge badge-success",
  partially_paid: "badge badge-warning",
  uncollectible: "badge badge-muted",
  void: "badge badge-muted",
};

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return <span className={badgeClasses[status]}>{invoiceStatusLabels[status]}</span>;
}
