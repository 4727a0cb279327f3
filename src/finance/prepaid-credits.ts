// Prepaid credits as revenue: what a purchased grant cost the customer is
// deferred revenue; each use releases its share to the invoice that used it,
// and what expires (or is voided) unused is breakage. Shares are worked out
// on the running total of credits gone, rounded once per movement, so the
// releases and the breakage of a fully used grant add up to its deferred value
// to the cent.

import type { Currency } from "../core/index.ts";
import { Decimal, roundToMinorUnit, ZERO } from "../core/index.ts";
import type { BookGrant, BookGrantMovement } from "./books.ts";

export type GrantRelease = {
  movement: BookGrantMovement;
  /** Deferred revenue released by the movement (negative when a void gives credits back). */
  value: Decimal;
};

/** The deferred value each movement of the grant releases, in ledger order. */
export function grantReleases(grant: BookGrant, deferredValue: Decimal, currency: Currency): GrantRelease[] {
  if (grant.amount.isZero()) return [];
  const ratio = deferredValue.dividedBy(grant.amount);
  let gone = ZERO;
  let released = ZERO;
  return grant.movements.map((movement) => {
    gone = movement.kind === "void_reversal" ? gone.minus(movement.amount) : gone.plus(movement.amount);
    const releasedSoFar = roundToMinorUnit(ratio.times(gone), currency);
    const value = releasedSoFar.minus(released);
    released = releasedSoFar;
    return { movement, value: value.isZero() ? new Decimal(0) : value };
  });
}
