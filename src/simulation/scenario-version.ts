// Which version of the scenario format a document is written in, and what
// that changes before and after it is checked: a version-2 document's
// dimensional charges are tagged for the schema (src/pricing's
// tagDimensionalCharges); a version-1 document that uses a version-2 field is
// told so at that field ("needs version 2") rather than "unknown field".
import type { TSchema } from "typebox";
import {
  type Checked,
  formatPath,
  isPlainObject,
  type JsonPath,
  tagDimensionalCharges,
} from "../pricing/index.ts";

const NEEDS_VERSION_2 = 'needs version 2 of the scenario format (this document says "version": 1)';

export type ScenarioVersion = {
  readonly number: 1 | 2;
  /** The document as its version's schema checks it. */
  readonly document: unknown;
  /** The check's outcome, with what the version adds to it. */
  finish<Schema extends TSchema>(checked: Checked<Schema>): Checked<Schema>;
};

/**
 * Where a document uses what version 2 adds (docs/scenario-format-v2.md, "The
 * new fields at a glance"), and the paths of the problems version 1 finds
 * there that this explains (a charge with dimensions has no model).
 */
/** Fields of a charge that version 2 adds. */
const CHARGE_FIELDS = [
  "dimensions",
  "prices",
  "default",
  "min_quantity",
  "max_quantity",
  "credit_on_decrease",
  "quantity_meter",
  "unit",
];

function version2Uses(document: unknown): { uses: JsonPath[]; explained: Set<string> } {
  const uses: JsonPath[] = [];
  const explained = new Set<string>();
  if (!isPlainObject(document)) return { uses, explained };
  (Array.isArray(document.plans) ? document.plans : []).forEach((plan: unknown, planIndex) => {
    if (!isPlainObject(plan)) return;
    if (Object.hasOwn(plan, "allowances")) uses.push(["plans", planIndex, "allowances"]);
    (Array.isArray(plan.charges) ? plan.charges : []).forEach((charge: unknown, chargeIndex) => {
      if (!isPlainObject(charge)) return;
      const chargePath = ["plans", planIndex, "charges", chargeIndex];
      for (const field of CHARGE_FIELDS) {
        if (Object.hasOwn(charge, field)) uses.push([...chargePath, field]);
      }
      if (Object.hasOwn(charge, "dimensions")) explained.add(formatPath([...chargePath, "model"]));
      if (charge.type === "usage" && charge.timing === "in_advance") uses.push([...chargePath, "timing"]);
    });
  });
  for (const field of ["instant_window_minutes", "contract", "pricing_units"]) {
    if (Object.hasOwn(document, field)) uses.push([field]);
  }
  (Array.isArray(document.events) ? document.events : []).forEach((event: unknown, index) => {
    if (isPlainObject(event) && Object.hasOwn(event, "received_at"))
      uses.push(["events", index, "received_at"]);
  });
  if (isPlainObject(document.subscription) && Object.hasOwn(document.subscription, "quantities")) {
    uses.push(["subscription", "quantities"]);
  }
  (Array.isArray(document.changes) ? document.changes : []).forEach((change: unknown, index) => {
    if (isPlainObject(change) && change.type === "change_quantity") {
      uses.push(["changes", index, "type"]);
      for (const field of ["charge", "quantity"]) explained.add(formatPath(["changes", index, field]));
    }
  });
  for (const path of uses) explained.add(formatPath(path));
  return { uses, explained };
}

/** A version-1 document: what it uses of version 2 is said to need version 2, at its path. */
function version1(header: unknown): ScenarioVersion {
  return {
    number: 1,
    document: header,
    finish(checked) {
      const { uses, explained } = version2Uses(header);
      if (uses.length === 0) return checked;
      const problems = checked.ok ? [] : checked.problems.filter((problem) => !explained.has(problem.path));
      return {
        ok: false,
        problems: [
          ...uses.map((path) => ({ path: formatPath(path), message: NEEDS_VERSION_2 })),
          ...problems,
        ],
      };
    },
  };
}

/** A version-2 document: dimensional charges tagged, a model written beside dimensions refused. */
function version2(header: Record<string, unknown>): ScenarioVersion {
  const modelsGiven: JsonPath[] = [];
  let document = header;
  if (Array.isArray(header.plans)) {
    let plans: unknown[] | undefined;
    header.plans.forEach((plan, index) => {
      if (!isPlainObject(plan)) return;
      const tagged = tagDimensionalCharges(plan.charges, ["plans", index, "charges"]);
      modelsGiven.push(...tagged.modelsGiven);
      if (tagged.charges === plan.charges) return;
      plans ??= [...(header.plans as unknown[])];
      plans[index] = { ...plan, charges: tagged.charges };
    });
    if (plans !== undefined) document = { ...header, plans };
  }
  return {
    number: 2,
    document,
    finish(checked) {
      if (modelsGiven.length === 0) return checked;
      const problems = modelsGiven.map((path) => ({
        path: formatPath(path),
        message: "a charge with dimensions has no model of its own: each of its prices names one",
      }));
      return { ok: false, problems: [...(checked.ok ? [] : checked.problems), ...problems] };
    },
  };
}

export function readScenarioVersion(header: unknown): ScenarioVersion {
  return isPlainObject(header) && header.version === 2 ? version2(header) : version1(header);
}
