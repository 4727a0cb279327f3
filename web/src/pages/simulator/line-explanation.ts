// Turns an invoice line's `details` (what the engine computed it from) into
// sentences an operator reads: the meter and event count, a dimensional
// charge's combination, each tier, the proration factor, a commit's instalment. Unknown shapes fall back to the raw values, so a new kind
// of detail is shown rather than lost.

import type { LineDetails, SimulatedLine } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { chargeModelViews } from "../catalog/charge-models.ts";

type Format = { money: (amount: string) => string; quantity: (quantity: string) => string };

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function prorationSentence(details: LineDetails): string | undefined {
  const proration = record(details.proration);
  const days = text(proration.days);
  const fullDays = text(proration.full_days);
  if (days === "" || fullDays === "" || days === fullDays) return undefined;
  return `prorated ${days} of ${fullDays} days`;
}

/** A dimensional charge's line: the combination it prices, and whether the charge's default priced it. */
function combinationSentence(details: LineDetails): string[] {
  const dimensions = record(details.dimensions);
  const names = Object.keys(dimensions);
  if (names.length === 0) return [];
  const values = names.map(
    (name) => `${name} ${dimensions[name] === null ? "(none)" : text(dimensions[name])}`,
  );
  return [
    `Combination ${values.join(", ")}` +
      (details.priced_by === "default" ? ": not listed, priced at the default" : ""),
  ];
}

/** How the charge's model reached its price, in its own words (charge-models.ts); nothing for a model the console does not know. */
function priceSentences(price: Record<string, unknown>, format: Format): string[] {
  const model = text(price.model);
  return Object.hasOwn(chargeModelViews, model)
    ? chargeModelViews[model as keyof typeof chargeModelViews].explain(price, format)
    : [];
}

export function explainLine(line: SimulatedLine, currency: string, locale?: string): string[] {
  const format: Format = {
    money: (amount) => formatMoney(amount, currency, locale),
    quantity: (quantity) => formatQuantity(quantity, locale),
  };
  const details = line.details;
  const plan = text(details.plan);
  const planPrefix = plan === "" ? "" : `Plan ${plan}: `;
  const proration = prorationSentence(details);
  switch (line.kind) {
    case "fixed":
      return [
        `${planPrefix}fixed ${format.money(text(details.full_amount))} ` +
          `${details.timing === "in_arrears" ? "in arrears" : "in advance"}` +
          (proration ? `, ${proration}` : ""),
      ];
    case "usage": {
      const events = text(details.event_count);
      return [
        `${planPrefix}meter ${text(details.meter)} (${text(details.aggregation)}) over ${events} ` +
          `${events === "1" ? "event" : "events"} = ${format.quantity(text(details.quantity))}`,
        ...combinationSentence(details),
        ...priceSentences(record(details.price), format),
      ];
    }
    case "proration_credit":
      return [
        `${planPrefix}credit for the unused part of ${format.money(text(details.full_amount))}` +
          (proration ? `, ${proration}` : ""),
      ];
    case "minimum_true_up":
      return [
        `${planPrefix}minimum commitment ${format.money(text(details.minimum_commitment))}` +
          (proration ? ` ${proration} to ${format.money(text(details.prorated_minimum))}` : "") +
          `; charges came to ${format.money(text(details.charges))}`,
      ];
    case "commit":
      if (details.instalment !== undefined)
        return [
          `${planPrefix}instalment ${text(details.instalment)} of ${text(details.instalments)} ` +
            `of a commitment of ${format.money(text(details.commitment))}`,
        ];
      return Object.entries(details).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
    default:
      return Object.entries(details).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  }
}
