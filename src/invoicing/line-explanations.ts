// An invoice line's explanation in words, for the PDF and HTML documents:
// where the amount came from (meter, event count, tiers, proration, price
// version), read from the line's stored details.
type Details = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function prorationText(details: Details): string | null {
  const proration = details.proration as { days?: number; full_days?: number } | undefined;
  if (proration === undefined || (proration.days === 1 && proration.full_days === 1)) return null;
  return `Prorated ${proration.days}/${proration.full_days} days`;
}

function priceText(price: Details): string[] {
  switch (price.model) {
    case "per_unit":
      return [
        `${text(price.billable_units)} billable units × ${text(price.unit_price)} (${text(price.free_units)} free)`,
      ];
    case "package":
      return [
        `${text(price.packages)} packages of ${text(price.package_size)} × ${text(price.package_price)} (${text(price.free_units)} free units)`,
      ];
    case "graduated":
    case "volume": {
      const tiers = (price.tiers as Details[] | undefined) ?? [];
      return tiers.map((tier) => {
        const range =
          tier.up_to === null
            ? `over ${text(tier.from)}`
            : text(tier.from) === "0"
              ? `up to ${text(tier.up_to)}`
              : `over ${text(tier.from)} up to ${text(tier.up_to)}`;
        const flat = text(tier.flat_fee) === "0" ? "" : ` + flat ${text(tier.flat_fee)}`;
        return `Tier ${text(tier.tier)} (${range}): ${text(tier.units)} × ${text(tier.unit_price)}${flat} = ${text(tier.amount)}`;
      });
    }
    case "percentage":
      return [
        `${text(price.transactions)} transactions at ${text(price.rate)}% + ${text(price.fixed_fee)} each` +
          (price.per_transaction_min === null ? "" : `, at least ${text(price.per_transaction_min)}`) +
          (price.per_transaction_max === null ? "" : `, at most ${text(price.per_transaction_max)}`),
      ];
    default:
      return [];
  }
}

export function explainLine(kind: string, details: Details): string[] {
  const lines: string[] = [];
  if (kind === "usage") {
    lines.push(
      `Meter ${text(details.meter)} (${text(details.aggregation)}): ${text(details.event_count)} events, quantity ${text(details.quantity)}`,
    );
    if (details.price !== undefined) lines.push(...priceText(details.price as Details));
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
