// Turns an invoice line's `details` (what the engine computed it from) into
// sentences an operator reads: the meter and event count, each tier, the
// proration factor. Unknown shapes fall back to the raw values, so a new kind
// of detail is shown rather than lost.

import type { LineDetails, SimulatedLine } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";

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

function priceSentences(price: Record<string, unknown>, format: Format): string[] {
  const model = text(price.model);
  switch (model) {
    case "per_unit": {
      const free = text(price.free_units);
      return [
        `Per unit: ${format.quantity(text(price.billable_units))} billable units × ${format.money(text(price.unit_price))}` +
          (free !== "" && free !== "0" ? ` after ${format.quantity(free)} free units` : ""),
      ];
    }
    case "package":
      return [
        `Package: ${format.quantity(text(price.billable_units))} billable units in packages of ` +
          `${format.quantity(text(price.package_size))} → ${format.quantity(text(price.packages))} × ` +
          format.money(text(price.package_price)),
      ];
    case "graduated":
    case "volume": {
      const tiers = Array.isArray(price.tiers) ? price.tiers.map(record) : [];
      const used = tiers.filter((tier) => text(tier.units) !== "0" || text(tier.amount) !== "0");
      if (used.length === 0) return [];
      return [
        model === "graduated" ? "Graduated tiers:" : "Volume pricing (every unit at the reached tier):",
        ...used.map((tier) => {
          const upTo = tier.up_to === null ? "and above" : `to ${format.quantity(text(tier.up_to))}`;
          const flatFee = text(tier.flat_fee);
          return (
            `Tier ${text(tier.tier)} (${format.quantity(text(tier.from))} ${upTo}): ` +
            `${format.quantity(text(tier.units))} × ${format.money(text(tier.unit_price))}` +
            (flatFee !== "" && flatFee !== "0" ? ` + ${format.money(flatFee)} flat` : "") +
            ` = ${format.money(text(tier.amount))}`
          );
        }),
      ];
    }
    case "percentage": {
      const limits = [
        price.per_transaction_min ? `at least ${format.money(text(price.per_transaction_min))}` : "",
        price.per_transaction_max ? `at most ${format.money(text(price.per_transaction_max))}` : "",
      ].filter(Boolean);
      return [
        `${text(price.rate)}% + ${format.money(text(price.fixed_fee))} per transaction on ` +
          `${text(price.transactions)} transactions` +
          (limits.length > 0 ? ` (${limits.join(", ")} each)` : ""),
      ];
    }
    default:
      return [];
  }
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
    default:
      return Object.entries(details).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  }
}
