// A version-2 scenario's contract (docs/scenario-format-v2.md, section 5): its
// schema, the rules that tie it to the plans, the subscription and the
// changes (V26–V29), and its conversion to the billing core's Contract.
import { Type } from "typebox";
import {
  type Commit,
  type Contract,
  type ContractPhase,
  Decimal,
  dimensionValue,
  formatInstant,
  type Instant,
  type PriceReplacement,
  parseInstant,
  type RateCardEntry,
} from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import {
  Code,
  checkRolloverCap,
  describeValue,
  discriminatedUnion,
  isPlainObject,
  type JsonPath,
  listUniqueBy,
  Price,
  type Rule,
  type RuleRun,
  Tiers,
  toCoreRollover,
  toCoreTiers,
  withRules,
} from "../pricing/index.ts";
import {
  Instant as InstantField,
  MinorUnitAmount,
  Percent,
  PlanReference,
  type ScenarioContext,
} from "./scenario-fields.ts";

const LINE_KINDS_PAID = ["usage", "usage_in_advance", "fixed", "quantity_change", "minimum_true_up"] as const;

/** A prepaid commit's rules: instalments with `invoice: instalments` only, a cap with `capped` only. */
const prepaidCommitRule: Rule<ScenarioContext> = (value, path, run) => {
  if (!isPlainObject(value)) return;
  const instalments = value.invoice === "instalments";
  if (instalments && value.instalments === undefined) {
    run.report([...path, "instalments"], 'is required when "invoice" is "instalments"');
  } else if (!instalments && value.instalments !== undefined) {
    run.report([...path, "instalments"], 'only a commit with "invoice": "instalments" takes instalments');
  }
  checkRolloverCap(value, path, run);
};

const PrepaidCommit = withRules(
  Type.Object(
    {
      id: Code,
      type: Type.Literal("prepaid"),
      amount: MinorUnitAmount,
      invoice: Type.Optional(StringEnum(["upfront", "instalments"])),
      instalments: Type.Optional(Type.Integer({ minimum: 2, maximum: 120 })),
      applies_to: Type.Optional(
        Type.Array(StringEnum([...LINE_KINDS_PAID]), { minItems: 1, uniqueItems: true }),
      ),
      priority: Type.Optional(Type.Integer({ minimum: 0 })),
      rollover: Type.Optional(StringEnum(["none", "full", "capped"])),
      rollover_cap: Type.Optional(MinorUnitAmount),
    },
    { additionalProperties: false },
  ),
  prepaidCommitRule,
);

const PostpaidCommit = Type.Object(
  { id: Code, type: Type.Literal("postpaid"), amount: MinorUnitAmount },
  { additionalProperties: false },
);

const Phase = Type.Object({ start: InstantField, plan: PlanReference }, { additionalProperties: false });

export const RateCardEntrySchema = Type.Object(
  {
    plan: PlanReference,
    charge: Code,
    match: Type.Optional(
      Type.Union([Type.Literal("default"), Type.Record(Type.String(), Type.String({ minLength: 1 }))]),
    ),
    from: Type.Optional(InstantField),
    until: Type.Optional(InstantField),
    amount: Type.Optional(Price),
    unit_price: Type.Optional(Price),
    package_price: Type.Optional(Price),
    tiers: Type.Optional(Tiers),
    rate: Type.Optional(Price),
    fixed_fee: Type.Optional(Price),
    discount_percent: Type.Optional(Percent),
  },
  { additionalProperties: false },
);

const REPLACEMENT_FIELDS = ["amount", "unit_price", "package_price", "tiers", "rate", "fixed_fee"] as const;

/** A prepaid or postpaid commit (V29–V32). */
export const CommitSchema = discriminatedUnion("type", [PrepaidCommit, PostpaidCommit]);

/** The contract of a version-2 scenario (section 5). */
export const ScenarioContract = Type.Object(
  {
    start: InstantField,
    end: InstantField,
    renewal: Type.Optional(StringEnum(["none", "auto"])),
    phases: Type.Optional(Type.Array(Phase, { minItems: 1, maxItems: 100 })),
    rate_card: Type.Optional(Type.Array(RateCardEntrySchema, { maxItems: 1000 })),
    commits: Type.Optional(
      listUniqueBy(CommitSchema, "id", "commit id", {
        maxItems: 100,
      }),
    ),
  },
  { additionalProperties: false },
);

type ContractShape = {
  start?: unknown;
  end?: unknown;
  phases?: unknown;
  rate_card?: unknown;
};

function instantOfField(value: unknown): Instant | undefined {
  return typeof value === "string" ? parseInstant(value) : undefined;
}

type PlanShape = { code?: unknown; charges?: unknown };
type ChargeShape = { id?: unknown; type?: unknown; model?: unknown; dimensions?: unknown; prices?: unknown };

function chargeOf(
  plans: readonly PlanShape[],
  planCode: unknown,
  chargeId: unknown,
): ChargeShape | undefined {
  const plan = plans.find((candidate) => candidate.code === planCode);
  const charges = plan !== undefined && Array.isArray(plan.charges) ? plan.charges.filter(isPlainObject) : [];
  return charges.find((charge) => charge.id === chargeId) as ChargeShape | undefined;
}

/** A rate card entry: a charge of its plan; a match only on a dimensional charge, naming its dimensions; a discount or prices that fit. */
function checkRateCardEntry(
  entry: Record<string, unknown>,
  path: JsonPath,
  plans: readonly PlanShape[],
  run: RuleRun<ScenarioContext>,
): void {
  if (!run.isValid([...path, "plan"]) || !run.isValid([...path, "charge"])) return;
  const charge = chargeOf(plans, entry.plan, entry.charge);
  if (charge === undefined) {
    run.report(
      [...path, "charge"],
      `plan ${describeValue(entry.plan)} has no charge ${describeValue(entry.charge)}`,
    );
    return;
  }
  const replaced = REPLACEMENT_FIELDS.filter((field) => entry[field] !== undefined);
  const discounted = entry.discount_percent !== undefined;
  if (replaced.length === 0 && !discounted) {
    run.report(path, "gives neither prices to replace the charge's nor a discount_percent");
  } else if (replaced.length > 0 && discounted) {
    run.report(path, "gives both prices and a discount_percent: an entry does one or the other");
  }
  const dimensions = Array.isArray(charge.dimensions) ? (charge.dimensions as unknown[]) : undefined;
  if (entry.match !== undefined) {
    if (dimensions === undefined) {
      run.report([...path, "match"], `charge ${describeValue(entry.charge)} has no dimensions to match`);
    } else if (isPlainObject(entry.match)) {
      const keys = Object.keys(entry.match).sort();
      const wanted = dimensions.map(String).sort();
      if (keys.length !== wanted.length || keys.some((key, index) => key !== wanted[index])) {
        run.report([...path, "match"], `must name exactly the charge's dimensions (${wanted.join(", ")})`);
      }
    }
  } else if (dimensions !== undefined && replaced.length > 0) {
    run.report(
      path,
      `replaces prices of dimensional charge ${describeValue(entry.charge)} without a match: name the combination (or "default") whose price it replaces`,
    );
  }
  if (replaced.length === 0) return;
  const model =
    charge.type === "fixed" ? "fixed" : dimensions === undefined ? String(charge.model) : undefined;
  if (model === undefined) return;
  const allowed: Record<string, readonly string[]> = {
    fixed: ["amount"],
    per_unit: ["unit_price"],
    package: ["package_price"],
    graduated: ["tiers"],
    volume: ["tiers"],
    percentage: ["rate", "fixed_fee"],
  };
  for (const field of replaced) {
    if (!(allowed[model] ?? []).includes(field)) {
      run.report(
        [...path, field],
        `is not a price of charge ${describeValue(entry.charge)} (model ${model})`,
      );
    }
  }
}

/**
 * The contract fits the rest of the document (V26–V28): the subscription
 * starts at the contract's start on the first phase's plan; phases start at
 * the contract's start and then increase; no change falls on a phase's
 * instant; the term ends after it starts; rate card entries name charges of
 * their plans and fit them.
 */
export const contractFitsScenario: Rule<ScenarioContext> = (value, path, run) => {
  if (!isPlainObject(value) || !isPlainObject(value.contract)) return;
  const contract = value.contract as ContractShape;
  const contractPath = [...path, "contract"];
  const start = instantOfField(contract.start);
  const end = instantOfField(contract.end);
  if (start !== undefined && end !== undefined && end <= start) {
    run.report([...contractPath, "end"], `must be after the contract's start (${formatInstant(start)})`);
  }
  const subscription = isPlainObject(value.subscription) ? value.subscription : {};
  const subscriptionStart = instantOfField(subscription.start);
  if (start !== undefined && subscriptionStart !== undefined && subscriptionStart !== start) {
    run.report(
      [...path, "subscription", "start"],
      `must be the contract's start (${formatInstant(start)}), not ${formatInstant(subscriptionStart)}`,
    );
  }
  const phases = Array.isArray(contract.phases) ? contract.phases : [];
  const firstPhase = phases[0];
  if (
    isPlainObject(firstPhase) &&
    typeof firstPhase.plan === "string" &&
    subscription.plan !== firstPhase.plan
  ) {
    run.report(
      [...path, "subscription", "plan"],
      `must be the first phase's plan ${describeValue(firstPhase.plan)}, not ${describeValue(subscription.plan)}`,
    );
  }
  const phaseInstants = new Set<Instant>();
  let previous: Instant | undefined;
  phases.forEach((phase, index) => {
    const at = isPlainObject(phase) ? instantOfField(phase.start) : undefined;
    if (at === undefined) return;
    const phasePath = [...contractPath, "phases", index];
    if (index === 0 && start !== undefined && at !== start) {
      run.report(
        [...phasePath, "start"],
        `the first phase starts at the contract's start (${formatInstant(start)})`,
      );
    } else if (previous !== undefined && at <= previous) {
      run.report(
        phasePath,
        `starts at ${formatInstant(at)}, not after the phase before it (${formatInstant(previous)}): phases come in increasing start`,
      );
    }
    phaseInstants.add(at);
    previous = previous === undefined ? at : Math.max(previous, at);
  });
  (Array.isArray(value.changes) ? value.changes : []).forEach((change, index) => {
    const at = isPlainObject(change) ? instantOfField(change.at) : undefined;
    if (at !== undefined && phaseInstants.has(at)) {
      run.report(
        [...path, "changes", index],
        `falls on a phase's start (${formatInstant(at)}): a change may not coincide with a ramp step`,
      );
    }
  });
  const plans = (Array.isArray(value.plans) ? value.plans.filter(isPlainObject) : []) as PlanShape[];
  (Array.isArray(contract.rate_card) ? contract.rate_card : []).forEach((entry, index) => {
    if (isPlainObject(entry)) checkRateCardEntry(entry, [...contractPath, "rate_card", index], plans, run);
  });
};

/** The document's contract, as its schema and rules have checked it. */
export type ContractDocument = {
  start: string;
  end: string;
  renewal?: "none" | "auto";
  /**
   * Not a scenario's field: a live contract's amendment sets it when it stops
   * the renewal of a contract that has renewed (`renewal` is then `none`):
   * the first term's end, whose length its terms keep up to `end`.
   */
  first_term_end?: string;
  phases?: { start: string; plan: string }[];
  rate_card?: {
    plan: string;
    charge: string;
    match?: "default" | Record<string, string>;
    from?: string;
    until?: string;
    amount?: string;
    unit_price?: string;
    package_price?: string;
    tiers?: Parameters<typeof toCoreTiers>[0];
    rate?: string;
    fixed_fee?: string;
    discount_percent?: string;
  }[];
  commits?: (
    | {
        id: string;
        type: "prepaid";
        amount: string;
        invoice?: "upfront" | "instalments";
        instalments?: number;
        applies_to?: (typeof LINE_KINDS_PAID)[number][];
        priority?: number;
        rollover?: "none" | "full" | "capped";
        rollover_cap?: string;
      }
    | { id: string; type: "postpaid"; amount: string }
  )[];
};

function checkedInstant(text: string): Instant {
  const instant = parseInstant(text);
  if (instant === undefined) throw new Error(`unchecked timestamp ${text}`);
  return instant;
}

function toCommit(commit: NonNullable<ContractDocument["commits"]>[number]): Commit {
  if (commit.type === "postpaid")
    return { type: "postpaid", id: commit.id, amount: new Decimal(commit.amount) };
  return {
    type: "prepaid",
    id: commit.id,
    amount: new Decimal(commit.amount),
    invoicing:
      commit.invoice === "instalments"
        ? { type: "instalments", count: commit.instalments ?? 2 }
        : { type: "upfront" },
    appliesTo: commit.applies_to ?? [...LINE_KINDS_PAID],
    priority: commit.priority ?? 1,
    rollover: toCoreRollover(commit.rollover, commit.rollover_cap),
  };
}

function toPriceReplacement(entry: NonNullable<ContractDocument["rate_card"]>[number]): PriceReplacement {
  const decimal = (text: string | undefined) => (text === undefined ? undefined : new Decimal(text));
  const prices: Record<string, unknown> = {
    amount: decimal(entry.amount),
    unitPrice: decimal(entry.unit_price),
    packagePrice: decimal(entry.package_price),
    tiers: entry.tiers === undefined ? undefined : toCoreTiers(entry.tiers),
    rate: decimal(entry.rate),
    fixedFee: decimal(entry.fixed_fee),
  };
  return Object.fromEntries(
    Object.entries(prices).filter(([, field]) => field !== undefined),
  ) as PriceReplacement;
}

/** The billing core's contract; `dimensionsOf` gives a plan's charge's dimension names, in order. */
export function toCoreContract(
  contract: ContractDocument,
  dimensionsOf: (planCode: string, chargeId: string) => readonly string[],
): Contract {
  const start = checkedInstant(contract.start);
  const phases: ContractPhase[] = (contract.phases ?? []).map((phase) => ({
    start: checkedInstant(phase.start),
    planCode: phase.plan,
  }));
  const rateCard: RateCardEntry[] = (contract.rate_card ?? []).map((entry) => {
    const { match } = entry;
    const values =
      match === undefined || match === "default"
        ? match
        : dimensionsOf(entry.plan, entry.charge).map((name) => dimensionValue(match[name]) ?? "");
    return {
      planCode: entry.plan,
      chargeId: entry.charge,
      ...(values === undefined ? {} : { match: values }),
      from: entry.from === undefined ? start : checkedInstant(entry.from),
      ...(entry.until === undefined ? {} : { until: checkedInstant(entry.until) }),
      change:
        entry.discount_percent === undefined
          ? { type: "replacement", prices: toPriceReplacement(entry) }
          : { type: "discount", percent: new Decimal(entry.discount_percent) },
    };
  });
  return {
    start,
    end: checkedInstant(contract.end),
    renewal: contract.renewal ?? "none",
    ...(contract.first_term_end === undefined
      ? {}
      : { firstTermEnd: checkedInstant(contract.first_term_end) }),
    phases,
    rateCard,
    commits: (contract.commits ?? []).map(toCommit),
  };
}
