// An amendment's changes applied to a contract's terms (plans by code, as
// stored), from its effective instant: a negotiated price added or changed
// (a rate card entry from that instant; the one it replaces ends there) or
// removed (ended there), a ramp step added or moved, the term's end or
// renewal changed (once the contract has renewed, its terms begun stay as
// they were), a commit added or its amount changed, a subscription added. No
// date of a change lies before the effective instant, so nothing already
// invoiced is priced again. Also what each change did, in words.
import { changeContractTerm } from "../core/index.ts";
import type { FieldError } from "../platform/errors.ts";
import type { ContractDocument } from "../simulation/index.ts";
import type { AmendmentChangeInput } from "./contract-amendment-schemas.ts";

type RateCardEntry = NonNullable<ContractDocument["rate_card"]>[number];
type CommitTerms = NonNullable<ContractDocument["commits"]>[number];

/** A commit the amendment adds (`from` null) or whose amount it changes. */
export type CommitChange = {
  changeIndex: number;
  commit: CommitTerms;
  from: string | null;
};

export type AppliedChanges = {
  terms: ContractDocument;
  described: string[];
  /** Changes that cannot be made from this instant (answered 422, each at its field). */
  refusals: FieldError[];
  /** The change that made each rate card entry, by the entry's index in the new terms. */
  rateCardOrigins: Map<number, number>;
  commitChanges: CommitChange[];
  addedSubscriptions: { changeIndex: number; subscriptionId: string }[];
};

const PRICE_FIELDS = [
  "amount",
  "unit_price",
  "package_price",
  "rate",
  "fixed_fee",
  "discount_percent",
] as const;

function iso(instant: number): string {
  return new Date(instant).toISOString();
}

function matchKey(match: RateCardEntry["match"]): string {
  if (match === undefined) return "";
  if (match === "default") return "default";
  return JSON.stringify(Object.entries(match).sort(([left], [right]) => left.localeCompare(right)));
}

function isDiscount(entry: RateCardEntry): boolean {
  return entry.discount_percent !== undefined;
}

function sameCharge(left: Pick<RateCardEntry, "plan" | "charge" | "match">, right: RateCardEntry): boolean {
  return (
    left.plan === right.plan && left.charge === right.charge && matchKey(left.match) === matchKey(right.match)
  );
}

function inForceAt(entry: RateCardEntry, instant: number, contractStart: number): boolean {
  const from = entry.from === undefined ? contractStart : Date.parse(entry.from);
  return from <= instant && (entry.until === undefined || Date.parse(entry.until) > instant);
}

function chargeName(entry: Pick<RateCardEntry, "plan" | "charge" | "match">): string {
  const match =
    entry.match === undefined
      ? ""
      : entry.match === "default"
        ? " (default combination)"
        : ` (${Object.entries(entry.match)
            .map(([name, value]) => `${name}=${value}`)
            .join(", ")})`;
  return `${entry.plan}/${entry.charge}${match}`;
}

function pricesOf(entry: RateCardEntry): string {
  if (entry.discount_percent !== undefined) return `${entry.discount_percent}% off`;
  const fields = PRICE_FIELDS.filter((field) => entry[field] !== undefined).map(
    (field) => `${field} ${entry[field]}`,
  );
  if (entry.tiers !== undefined) fields.push(`tiers ${JSON.stringify(entry.tiers)}`);
  return fields.join(", ");
}

/** The terms after `changes`, from `effectiveAt`; problems are reported, never thrown. */
export function applyChanges(
  before: ContractDocument,
  changes: readonly AmendmentChangeInput[],
  effectiveAt: number,
  timeZone: string,
): AppliedChanges {
  const contractStart = Date.parse(before.start);
  const at = iso(effectiveAt);
  let rateCard: RateCardEntry[] = [...(before.rate_card ?? [])];
  const rateCardOrigins = new Map<number, number>();
  let phases = [...(before.phases ?? [])];
  let commits = [...(before.commits ?? [])];
  let end = before.end;
  let renewal = before.renewal;
  let firstTermEnd = before.first_term_end;
  const described: string[] = [];
  const refusals: FieldError[] = [];
  const commitChanges: CommitChange[] = [];
  const addedSubscriptions: AppliedChanges["addedSubscriptions"] = [];
  const notBefore = (instant: string, path: string, what: string): boolean => {
    if (Date.parse(instant) >= effectiveAt) return true;
    refusals.push({
      path,
      message: `${what} (${instant}) is before effective_at (${at}): an amendment changes nothing before it`,
    });
    return false;
  };

  changes.forEach((change, index) => {
    const path = `$.changes[${index}]`;
    switch (change.type) {
      case "set_rate": {
        const entry = change.entry as RateCardEntry;
        if (entry.from !== undefined || entry.until !== undefined) {
          refusals.push({
            path: `${path}.entry.${entry.from !== undefined ? "from" : "until"}`,
            message: "is set by the amendment: the entry is in force from effective_at",
          });
          return;
        }
        const replaced = rateCard.filter(
          (candidate) =>
            sameCharge(entry, candidate) &&
            isDiscount(candidate) === isDiscount(entry) &&
            inForceAt(candidate, effectiveAt, contractStart),
        );
        rateCard = rateCard.flatMap((candidate) => {
          if (!replaced.includes(candidate)) return [candidate];
          const from = candidate.from === undefined ? contractStart : Date.parse(candidate.from);
          return from === effectiveAt ? [] : [{ ...candidate, until: at }];
        });
        rateCard.push({ ...entry, from: at });
        rateCardOrigins.set(rateCard.length - 1, index);
        const was = replaced.length === 0 ? "the plan's list price" : replaced.map(pricesOf).join("; ");
        described.push(
          `Negotiated price of ${chargeName(entry)} set to ${pricesOf(entry)} from ${at} (was ${was})`,
        );
        return;
      }
      case "remove_rate": {
        const ending = rateCard.filter(
          (candidate) => sameCharge(change, candidate) && inForceAt(candidate, effectiveAt, contractStart),
        );
        if (ending.length === 0) {
          refusals.push({
            path,
            message: `no negotiated price of ${chargeName(change)} is in force at ${at}`,
          });
          return;
        }
        rateCard = rateCard.flatMap((candidate) => {
          if (!ending.includes(candidate)) return [candidate];
          const from = candidate.from === undefined ? contractStart : Date.parse(candidate.from);
          return from === effectiveAt ? [] : [{ ...candidate, until: at }];
        });
        described.push(
          `Negotiated price of ${chargeName(change)} (${ending.map(pricesOf).join("; ")}) removed from ${at}: the list price applies`,
        );
        return;
      }
      case "add_phase": {
        if (!notBefore(change.start, `${path}.start`, "the phase's start")) return;
        if (phases.some((phase) => Date.parse(phase.start) === Date.parse(change.start))) {
          refusals.push({ path: `${path}.start`, message: `a phase already starts at ${change.start}` });
          return;
        }
        phases = [...phases, { start: iso(Date.parse(change.start)), plan: change.plan }].sort(
          (left, right) => Date.parse(left.start) - Date.parse(right.start),
        );
        described.push(`Ramp step added: plan ${change.plan} from ${iso(Date.parse(change.start))}`);
        return;
      }
      case "move_phase": {
        const position = phases.findIndex(
          (phase) => Date.parse(phase.start) === Date.parse(change.phase_start),
        );
        if (position < 0) {
          refusals.push({ path: `${path}.phase_start`, message: `no phase starts at ${change.phase_start}` });
          return;
        }
        if (position === 0) {
          refusals.push({
            path: `${path}.phase_start`,
            message: "the first phase starts at the contract's start and cannot move",
          });
          return;
        }
        if (!notBefore(change.phase_start, `${path}.phase_start`, "the phase's current start")) return;
        if (!notBefore(change.start, `${path}.start`, "the phase's new start")) return;
        const phase = phases[position]!;
        phases = phases
          .map((candidate, candidateIndex) =>
            candidateIndex === position ? { ...candidate, start: iso(Date.parse(change.start)) } : candidate,
          )
          .sort((left, right) => Date.parse(left.start) - Date.parse(right.start));
        described.push(
          `Ramp step to plan ${phase.plan} moved from ${iso(Date.parse(change.phase_start))} to ${iso(Date.parse(change.start))}`,
        );
        return;
      }
      case "change_term": {
        if (change.end === undefined && change.renewal === undefined) {
          refusals.push({ path, message: "gives neither a new end nor a renewal" });
          return;
        }
        if (change.end !== undefined && Date.parse(change.end) <= effectiveAt) {
          refusals.push({
            path: `${path}.end`,
            message: `must be after effective_at (${at}): the term cannot end before the amendment takes effect`,
          });
          return;
        }
        // Once the contract has renewed, its terms already begun (and the commits they hold) stay as they were.
        const changed = changeContractTerm(
          {
            start: contractStart,
            end: Date.parse(end),
            renewal: renewal ?? "none",
            ...(firstTermEnd === undefined ? {} : { firstTermEnd: Date.parse(firstTermEnd) }),
          },
          {
            ...(change.end === undefined ? {} : { end: Date.parse(change.end) }),
            ...(change.renewal === undefined ? {} : { renewal: change.renewal }),
          },
          effectiveAt,
          timeZone,
        );
        if (!changed.ok) {
          refusals.push({ path: `${path}.end`, message: changed.reason });
          return;
        }
        const kept = changed.termInProgress === undefined ? "" : " (its terms keep the first term's length)";
        if (change.end !== undefined) {
          described.push(`Term end moved from ${iso(Date.parse(end))} to ${iso(changed.term.end)}${kept}`);
        }
        if (change.renewal !== undefined) {
          const was = renewal ?? "none";
          if (changed.termInProgress !== undefined && change.end === undefined && was !== change.renewal) {
            described.push(
              change.renewal === "none"
                ? `Renewal stopped: the contract ends at the end of the term in progress, ${iso(changed.term.end)}${kept}`
                : `Renewal changed from none to auto: terms of the first term's length follow the term in progress (end is the first term's end again, ${iso(changed.term.end)})`,
            );
          } else {
            described.push(`Renewal changed from ${was} to ${change.renewal}`);
          }
        }
        end = iso(changed.term.end);
        renewal = changed.term.renewal;
        firstTermEnd = changed.term.firstTermEnd === undefined ? undefined : iso(changed.term.firstTermEnd);
        return;
      }
      case "set_commit": {
        const commit = change.commit as CommitTerms;
        const existing = commits.find((candidate) => candidate.id === commit.id);
        if (existing === undefined) {
          commits = [...commits, commit];
          commitChanges.push({ changeIndex: index, commit, from: null });
          described.push(
            `${commit.type === "prepaid" ? "Prepaid" : "Postpaid"} commit ${commit.id} of ${commit.amount} added from ${at}`,
          );
          return;
        }
        if (existing.type !== commit.type) {
          refusals.push({
            path: `${path}.commit.type`,
            message: `commit ${commit.id} is ${existing.type}: its type does not change`,
          });
          return;
        }
        const { amount: _newAmount, ...rest } = commit;
        const { amount: _oldAmount, ...existingRest } = existing;
        if (JSON.stringify(sortedKeys(rest)) !== JSON.stringify(sortedKeys(existingRest))) {
          refusals.push({
            path: `${path}.commit`,
            message: `only the amount of commit ${commit.id} can change; add a commit with a new id for other terms`,
          });
          return;
        }
        commits = commits.map((candidate) => (candidate.id === commit.id ? commit : candidate));
        commitChanges.push({ changeIndex: index, commit, from: existing.amount });
        described.push(
          `Commit ${commit.id} amount changed from ${existing.amount} to ${commit.amount} from ${at}`,
        );
        return;
      }
      case "add_subscription": {
        addedSubscriptions.push({ changeIndex: index, subscriptionId: change.subscription_id });
        described.push(`Subscription ${change.subscription_id} added to the contract from ${at}`);
        return;
      }
    }
  });

  const { first_term_end: _firstTermEnd, ...beforeTerms } = before;
  const terms: ContractDocument = {
    ...beforeTerms,
    end,
    ...(renewal === undefined ? {} : { renewal }),
    ...(firstTermEnd === undefined ? {} : { first_term_end: firstTermEnd }),
    ...(phases.length === 0 ? {} : { phases }),
    ...(rateCard.length === 0 ? {} : { rate_card: rateCard }),
    ...(commits.length === 0 ? {} : { commits }),
  };
  if (rateCard.length === 0) delete terms.rate_card;
  return { terms, described, refusals, rateCardOrigins, commitChanges, addedSubscriptions };
}

function sortedKeys(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).sort(([left], [right]) => left.localeCompare(right));
}
