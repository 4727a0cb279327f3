// A contract in the books: the lines of its subscriptions on each invoice
// (their share of the invoice's revenue), the credit notes and voids on them,
// and its commit terms, handed to the billing core's contractRevenueSchedule,
// whose entries revenue-recognition.ts books in the general journal in place
// of each line's own pattern. Pure: books in, core inputs out.
import {
  type ContractCommitTerm,
  type ContractCredit,
  type ContractFeeLine,
  type ContractRevenueInvoice,
  type Decimal,
  type Instant,
  sumDecimals,
} from "../core/index.ts";
import type { BookContract, BookInvoice, BookLine } from "./books.ts";

const feeKinds = new Set(["fixed", "quantity_change", "proration_credit"]);

/** A commit term's obligation id: the commit's id and the day its term starts. */
function commitObligationId(commitId: string, termStart: Instant): string {
  return `commit:${commitId}:${new Date(termStart).toISOString().slice(0, 10)}`;
}

/** A fee's obligation: the product its charge sells, else the charge. */
function feeObligationId(line: BookLine): string {
  return line.product ?? `charge:${line.chargeId ?? line.description}`;
}

/** The product an obligation's revenue is reported under: a fee's product; none for a charge, commit or usage. */
export function productOfObligation(obligationId: string): string | null {
  return obligationId === "usage" || obligationId.startsWith("charge:") || obligationId.startsWith("commit:")
    ? null
    : obligationId;
}

function feeLine(line: BookLine, issuedAt: number): ContractFeeLine {
  return {
    id: line.id,
    obligationId: feeObligationId(line),
    amount: line.amount,
    quantity: line.quantity,
    periodAmount: line.periodAmount ?? null,
    listPrice: line.listPrice ?? null,
    standaloneSellingPrice: line.standaloneSellingPrice ?? null,
    start: line.periodStart ?? issuedAt,
    end: line.periodEnd ?? issuedAt,
  };
}

/** The contract's lines of an invoice. */
export function contractLinesOf(invoice: BookInvoice, contract: BookContract): BookLine[] {
  return invoice.lines.filter(
    (line) => line.subscriptionId !== null && contract.subscriptionIds.includes(line.subscriptionId),
  );
}

/**
 * An invoice as the contract sees it: its lines of the contract's
 * subscriptions, `net` their share of what the invoice brought in (net of
 * tax), and what the contract's commits drew on it.
 */
export function contractInvoiceOf(
  invoice: BookInvoice,
  lines: readonly BookLine[],
  net: Decimal,
  contract: BookContract,
): ContractRevenueInvoice {
  const commitIds = new Set(contract.commitTerms.map((term) => term.commitId));
  return {
    at: invoice.issuedAt,
    finalizedAt: invoice.finalizedAt,
    voidedAt: invoice.voidedAt,
    net,
    fees: lines.filter((line) => feeKinds.has(line.kind)).map((line) => feeLine(line, invoice.issuedAt)),
    commitLines: sumDecimals(lines.filter((line) => line.kind === "commit").map((line) => line.amount)),
    usage: lines
      .filter((line) => !feeKinds.has(line.kind) && line.kind !== "commit")
      .map((line) => ({ amount: line.amount, end: line.periodEnd ?? invoice.issuedAt + 1 })),
    draws: invoice.commitDraws
      .filter((draw) => commitIds.has(draw.commitId))
      .map((draw) => ({
        obligationId: commitObligationId(draw.commitId, draw.termStart),
        amount: draw.amount,
      })),
  };
}

/** What a credit note (or a void) on one of the contract's lines lowers: a fee line, a commit term, or usage. */
export function creditTargetOf(line: BookLine): ContractCredit["target"] {
  if (feeKinds.has(line.kind)) return { type: "fee", lineId: line.id };
  if (line.kind === "commit" && line.chargeId !== null && line.periodStart !== null) {
    return { type: "commit", obligationId: commitObligationId(line.chargeId, line.periodStart) };
  }
  return { type: "usage" };
}

export function contractCommitTerms(contract: BookContract): ContractCommitTerm[] {
  return contract.commitTerms.map((term) => ({
    obligationId: commitObligationId(term.commitId, term.termStart),
    commitId: term.commitId,
    face: term.granted,
    rolledIn: term.rolledIn,
    expiresAt: term.termEnd,
    expired: term.expired,
  }));
}
