// What a grant's ledger says was used of it: its burns, less what voided
// invoices gave back. Expiries and voids are credits lost, not used.
import { type Decimal, maxDecimal, sumDecimals, ZERO } from "../decimal.ts";

export type GrantLedgerMovement = {
  kind: "increment" | "burn" | "expiry" | "void" | "void_reversal";
  /** As the ledger holds it: negative for what leaves the grant. */
  amount: Decimal;
};

/** The amount of a grant that invoices still hold: burns net of what voids gave back, never below zero. */
export function grantAmountUsed(movements: readonly GrantLedgerMovement[]): Decimal {
  const net = sumDecimals(
    movements
      .filter((movement) => movement.kind === "burn" || movement.kind === "void_reversal")
      .map((movement) => movement.amount),
  );
  return maxDecimal(ZERO, net.negated());
}
