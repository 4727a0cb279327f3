// An invoice line's explanation in words, for the PDF and HTML documents:
// where the amount came from (meter, event count, tiers, proration, price
// version), read from the line's stored details. How a charge model reached
// its price is said by the model's own explanation (src/pricing).
import { priceInWords } from "../pricing/index.ts";

type Details = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function prorationText(details: Details): string | null {
  const proration = details.proration as { days?: number; full_days?: number } | undefined;
  if (proration === undefined || (proration.days === 1 && proration.full_days === 1)) return null;
  return `Prorated ${proration.days}/${proration.full_days} days`;
}

export function explainLine(kind: string, details: Details): string[] {
  const lines: string[] = [];
  if (kind === "usage") {
    lines.push(
      `Meter ${text(details.meter)} (${text(details.aggregation)}): ${text(details.event_count)} events, quantity ${text(details.quantity)}`,
    );
    if (details.price !== undefined) lines.push(...priceInWords(details.price as Details));
  }
  if (kind === "minimum_true_up") {
    lines.push(
      `Minimum commitment ${text(details.prorated_minimum)}; charges came to ${text(details.charges)}`,
    );
  }
  const proration = prorationText(details);
  if (proration !== null) lines.push(proration);
  const version = details.price_version as { version?: number } | undefined;
  if (version?.version !== undefined)
    lines.push(`Plan ${text(details.plan)}, price version ${version.version}`);
  return lines;
}
