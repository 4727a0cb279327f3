// Prepaid credits as revenue, on the books: the engine's
// prepaidCreditReleases over a grant's movements, each release paired with
// the movement that made it.

import type { Currency } from "../core/index.ts";
import { type Decimal, prepaidCreditReleases, ZERO } from "../core/index.ts";
import type { BookGrant, BookGrantMovement } from "./books.ts";

export type GrantRelease = {
  movement: BookGrantMovement;
  /** Deferred revenue released by the movement (negative when a void gives credits back). */
  value: Decimal;
};

/** The deferred value each movement of the grant releases, in ledger order. */
export function grantReleases(grant: BookGrant, deferredValue: Decimal, currency: Currency): GrantRelease[] {
  const values = prepaidCreditReleases({
    grantAmount: grant.amount,
    deferredValue,
    movements: grant.movements.map((movement) => ({
      amount: movement.amount,
      givesBack: movement.kind === "void_reversal",
      ...(movement.refunded === null ? {} : { returns: movement.refunded }),
    })),
    currency,
  });
  return values.map((value, index) => ({
    movement: grant.movements[index] as BookGrantMovement,
    value: value ?? ZERO,
  }));
}
