import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import {
  type CommittedFee,
  committedMrr,
  endOfLocalMonth,
  monthsInInterval,
  mrrMovements,
  trailingAverage,
} from "./recurring-revenue.ts";

const at = (text: string) => Date.parse(text);

function fee(
  customerId: string,
  currency: string,
  timeZone: string,
  start: string,
  end: string,
  periodAmount: string,
  periodMonths = "1",
): CommittedFee {
  return {
    customerId,
    currency,
    timeZone,
    start: at(start),
    end: at(end),
    periodAmount: new Decimal(periodAmount),
    periodMonths: new Decimal(periodMonths),
    knownFrom: at(start),
    withdrawnAt: null,
  };
}

// A Berlin customer (UTC+1/+2) on Team at 100.00 a month from 5 January, upgraded to Team Plus at 150.00 on
// 15 February; its March is invoiced, its April not yet. A Los Angeles customer (UTC-8) at 300.00 a month
// from 1 January, with a forever 10 % coupon from February (270.00), gone after February.
const berlin = "Europe/Berlin";
const losAngeles = "America/Los_Angeles";
const fees: CommittedFee[] = [
  // 5-31 January in Berlin, invoiced prorated (87.10) but committed at 100.00 a month.
  fee("werkstatt", "EUR", berlin, "2026-01-04T23:00:00Z", "2026-01-31T23:00:00Z", "100.00"),
  fee("werkstatt", "EUR", berlin, "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z", "100.00"),
  // The upgrade: Team's unused 15-28 February credited, Team Plus from 15 February.
  fee("werkstatt", "EUR", berlin, "2026-02-14T23:00:00Z", "2026-02-28T23:00:00Z", "-100.00"),
  fee("werkstatt", "EUR", berlin, "2026-02-14T23:00:00Z", "2026-02-28T23:00:00Z", "150.00"),
  // Berlin's March: 1 March 00:00 CET to 1 April 00:00 CEST.
  fee("werkstatt", "EUR", berlin, "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", "150.00"),
  fee("harbor", "USD", losAngeles, "2026-01-01T08:00:00Z", "2026-02-01T08:00:00Z", "300.00"),
  fee("harbor", "USD", losAngeles, "2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z", "270.00"),
];

describe("committed MRR", () => {
  it("measures each customer's month in its own zone", () => {
    expect(new Date(endOfLocalMonth("2026-03", berlin)).toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect(new Date(endOfLocalMonth("2026-01", losAngeles)).toISOString()).toBe("2026-02-01T08:00:00.000Z");
    const byMonth = (month: string) =>
      Object.fromEntries([...committedMrr(fees, month)].map(([key, amount]) => [key, amount.toFixed(2)]));
    // January: Berlin at its full monthly 100.00 (not 87.10, nor 87.10 over 27/31 of a UTC month); LA 300.00.
    expect(byMonth("2026-01")).toEqual({ "werkstatt|EUR": "100.00", "harbor|USD": "300.00" });
    // February: Team 100.00 - 100.00 credited + Team Plus 150.00; LA's 300.00 less its forever 10 %.
    expect(byMonth("2026-02")).toEqual({ "werkstatt|EUR": "150.00", "harbor|USD": "270.00" });
    // March ends at 22:00 UTC in Berlin, inside the March fee: 150.00, though April is not invoiced yet
    // (measured at 23:59 UTC it would fall after the March fee and read 0). LA has no March fee: gone.
    expect(byMonth("2026-03")).toEqual({ "werkstatt|EUR": "150.00" });
  });

  it("moves from month to month: new, expansion, contraction, churn and reactivation", () => {
    const mrrOf = (month: string) => committedMrr(fees, month);
    const months = mrrMovements(mrrOf, [], ["2026-01", "2026-02", "2026-03"]).map((month) => [
      month.month,
      month.currency,
      month.starting.toFixed(2),
      month.movements.newBusiness.toFixed(2),
      month.movements.expansion.toFixed(2),
      month.movements.contraction.toFixed(2),
      month.movements.churn.toFixed(2),
      month.movements.reactivation.toFixed(2),
      month.ending.toFixed(2),
      month.customers,
    ]);
    expect(months).toEqual([
      ["2026-01", "EUR", "0.00", "100.00", "0.00", "0.00", "0.00", "0.00", "100.00", 1],
      ["2026-01", "USD", "0.00", "300.00", "0.00", "0.00", "0.00", "0.00", "300.00", 1],
      ["2026-02", "EUR", "100.00", "0.00", "50.00", "0.00", "0.00", "0.00", "150.00", 1],
      ["2026-02", "USD", "300.00", "0.00", "0.00", "-30.00", "0.00", "0.00", "270.00", 1],
      ["2026-03", "EUR", "150.00", "0.00", "0.00", "0.00", "0.00", "0.00", "150.00", 1],
      ["2026-03", "USD", "270.00", "0.00", "0.00", "0.00", "-270.00", "0.00", "0.00", 0],
    ]);
    // Back in April after a month at zero: a reactivation.
    const back = [
      ...fees,
      fee("harbor", "USD", losAngeles, "2026-04-01T07:00:00Z", "2026-05-01T07:00:00Z", "300.00"),
    ];
    const april = mrrMovements(
      (month) => committedMrr(back, month),
      ["2026-01", "2026-02", "2026-03"],
      ["2026-04"],
    );
    expect(april.find((month) => month.currency === "USD")?.movements.reactivation.toFixed(2)).toBe("300.00");
  });

  it("normalizes a year, a quarter and a week to a month", () => {
    expect(new Decimal("1200.00").dividedBy(monthsInInterval("year", 1)).toFixed(2)).toBe("100.00");
    expect(new Decimal("300.00").dividedBy(monthsInInterval("quarter", 1)).toFixed(2)).toBe("100.00");
    expect(new Decimal("120.00").dividedBy(monthsInInterval("week", 2)).toFixed(2)).toBe("260.00");
  });

  it("reads a locked month as at its lock: a fee invoiced later is not in it, a void counts from its date", () => {
    const late = {
      ...fee("harbor", "USD", losAngeles, "2026-03-01T08:00:00Z", "2026-04-01T07:00:00Z", "300.00"),
    };
    late.knownFrom = at("2026-04-02T00:00:00Z");
    const lockedAt = at("2026-04-01T12:00:00Z");
    expect(committedMrr([late], "2026-03", lockedAt).size).toBe(0);
    expect(committedMrr([late], "2026-03").get("harbor|USD")?.toFixed(2)).toBe("300.00");
    const voided = {
      ...late,
      knownFrom: at("2026-03-01T08:00:00Z"),
      withdrawnAt: at("2026-04-03T00:00:00Z"),
    };
    expect(committedMrr([voided], "2026-03", lockedAt).get("harbor|USD")?.toFixed(2)).toBe("300.00");
    expect(committedMrr([{ ...voided, withdrawnAt: at("2026-03-10T00:00:00Z") }], "2026-03").size).toBe(0);
  });

  it("averages usage revenue over a trailing window, a month without usage counting as zero", () => {
    const usage = new Map([
      ["2026-02", new Decimal("30.00")],
      ["2026-03", new Decimal("30.00")],
    ]);
    expect(trailingAverage(usage, ["2026-01", "2026-02", "2026-03"]).toFixed(2)).toBe("20.00");
  });
});
