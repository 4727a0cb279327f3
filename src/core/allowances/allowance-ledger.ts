// Allowances of pricing units (scenario format v2, section 4): each plan
// segment's grant, the draws of the charges priced in a unit, and what rolls
// over or expires when a period ends. The ledger follows the segments of a
// schedule in time order.
import type { PlanSegment } from "../billing-schedule.ts";
import { type Allowance, type Catalog, type PlanVersion, pricingUnitOf } from "../catalog.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, minDecimal, sumDecimals, ZERO } from "../decimal.ts";
import type { InvoiceLine } from "../invoicing/invoice-line.ts";
import type { AllowanceSummary } from "../invoicing/invoice-totals.ts";
import { roundToMinorUnit } from "../money.ts";
import { prorate, prorationFactor } from "../proration.ts";

/** Units rolled over from one period, spent oldest first. */
type RolledLot = {
  /** Index of the billing period that granted them. */
  readonly grantedIn: number;
  remaining: Decimal;
  /** The index of the period at whose end they expire; absent: never. */
  readonly expiresAtEndOf?: number;
};

/** One allowance's units over a segment. */
type AllowanceAccount = {
  readonly allowance: Allowance;
  readonly decimals: number;
  readonly granted: Decimal;
  readonly rolledOver: Decimal;
  grantLeft: Decimal;
  lots: RolledLot[];
  used: Decimal;
};

/** The amount in a unit rounded to its decimals, ties away from zero. */
function inUnit(amount: Decimal, decimals: number): Decimal {
  return amount.toDecimalPlaces(decimals);
}

/**
 * The allowances of a subscription's segments, segment after segment. Create
 * one per schedule and hand it each segment in time order: `open` at the
 * segment's start, `draw` its lines, `close` at its end.
 */
export class AllowanceLedger {
  private periodIndex = -1;
  private lastPeriodStart: number | undefined;
  private planCode: string | undefined;
  private accounts: AllowanceAccount[] = [];
  /** Lots carried to the next segment, by unit, when it continues the same plan. */
  private carried = new Map<string, RolledLot[]>();

  private readonly catalog: Catalog;
  private readonly timeZone: string;

  constructor(catalog: Catalog, timeZone: string) {
    this.catalog = catalog;
    this.timeZone = timeZone;
  }

  /**
   * Opens a segment: a new period grants the plan's allowances (prorated for
   * a partial period, V22), and brings in what rolled over when the plan is
   * the one that rolled it; a plan change starts the new plan's allowances
   * with the grant of the rest of the period.
   */
  open(segment: PlanSegment, plan: PlanVersion): void {
    if (segment.period.start !== this.lastPeriodStart) {
      this.periodIndex++;
      this.lastPeriodStart = segment.period.start;
    }
    const samePlan = this.planCode === plan.code;
    this.planCode = plan.code;
    const carried = samePlan ? this.carried : new Map<string, RolledLot[]>();
    this.carried = new Map();
    const factor = prorationFactor(
      { from: segment.start, to: segment.period.end },
      segment.period,
      this.timeZone,
    );
    this.accounts = (plan.allowances ?? []).map((allowance) => {
      const { decimals } = pricingUnitOf(this.catalog, allowance.unit);
      const granted = inUnit(
        allowance.prorate ? prorate(allowance.amount, factor) : allowance.amount,
        decimals,
      );
      const lots = carried.get(allowance.unit) ?? [];
      return {
        allowance,
        decimals,
        granted,
        rolledOver: sumDecimals(lots.map((lot) => lot.remaining)),
        grantLeft: granted,
        lots,
        used: ZERO,
      };
    });
  }

  /**
   * The segment's lines with the usage priced in a unit paid by its
   * allowance (V23): in line order, each draws on units rolled over (oldest
   * first), then the period's grant; its amount is the rest, its overage,
   * worth `overage × rate` in the currency.
   */
  draw(lines: readonly InvoiceLine[], currency: Currency): InvoiceLine[] {
    return lines.map((line) => {
      if (line.allowance === undefined) return line;
      const unit = pricingUnitOf(this.catalog, line.allowance.unit);
      const account = this.accounts.find((candidate) => candidate.allowance.unit === unit.code);
      let wanted = line.allowance.unitCost;
      let applied = ZERO;
      if (account !== undefined && wanted.greaterThan(ZERO)) {
        for (const lot of account.lots) {
          const part = minDecimal(lot.remaining, wanted);
          lot.remaining = lot.remaining.minus(part);
          wanted = wanted.minus(part);
          applied = applied.plus(part);
        }
        const part = minDecimal(account.grantLeft, wanted);
        account.grantLeft = account.grantLeft.minus(part);
        wanted = wanted.minus(part);
        applied = applied.plus(part);
        account.used = account.used.plus(applied);
      }
      const overage = line.allowance.unitCost.minus(applied);
      return {
        ...line,
        amount: roundToMinorUnit(overage.times(unit.rate), currency),
        allowance: { ...line.allowance, applied },
      };
    });
  }

  /**
   * Closes the segment: when the next segment continues the same plan into a
   * new period, what is left of this period's grant rolls over as the
   * allowance says and rolled units past their last period expire (V24);
   * otherwise (a plan change, the end of the subscription) every unit left
   * expires. Returns what the invoice at the segment's end shows (V25).
   */
  close(continuesInNextPeriod: boolean): AllowanceSummary[] {
    return this.accounts.map((account) => {
      const { allowance, decimals } = account;
      let expired = ZERO;
      const kept: RolledLot[] = [];
      if (!continuesInNextPeriod) {
        expired = account.grantLeft.plus(sumDecimals(account.lots.map((lot) => lot.remaining)));
      } else {
        for (const lot of account.lots) {
          if (lot.expiresAtEndOf !== undefined && lot.expiresAtEndOf <= this.periodIndex) {
            expired = expired.plus(lot.remaining);
          } else if (lot.remaining.greaterThan(ZERO)) {
            kept.push(lot);
          }
        }
        const rolled =
          allowance.rollover.type === "full"
            ? account.grantLeft
            : allowance.rollover.type === "capped"
              ? minDecimal(account.grantLeft, allowance.rollover.cap)
              : ZERO;
        expired = expired.plus(account.grantLeft.minus(rolled));
        if (rolled.greaterThan(ZERO)) {
          kept.push({
            grantedIn: this.periodIndex,
            remaining: rolled,
            ...(allowance.rolloverExpiresAfter === undefined
              ? {}
              : { expiresAtEndOf: this.periodIndex + allowance.rolloverExpiresAfter }),
          });
        }
        this.carried.set(allowance.unit, kept);
      }
      return {
        unit: allowance.unit,
        decimals,
        granted: account.granted,
        rolledOver: account.rolledOver,
        used: account.used,
        expired,
        balance: sumDecimals(kept.map((lot) => lot.remaining)),
      };
    });
  }
}
