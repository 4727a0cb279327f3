// A live contract's revenue (ASC 606 steps 4 and 5): its invoices read from
// the books, its prepaid commit terms from contracts, the standalone selling
// prices configured per product or plan charge (the list price when none is
// set), and the billing core's contractRevenueSchedule for the allocation, the
// schedule month by month and the contract's journal. GET
// /v1/contracts/{id}/revenue-schedule answers it.
import { contractBalances, getContract } from "../contracts/index.ts";
import {
  type ContractCommitTerm,
  type ContractFeeLine,
  type ContractRevenueInvoice,
  type ContractRevenueSchedule,
  contractRevenueSchedule,
  currencyFor,
  Decimal,
  formatAmount,
  type RevenueEntry,
  sumDecimals,
} from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { BookInvoice, BookLine } from "./books.ts";
import type { ContractRevenueScheduleView } from "./contract-revenue-schemas.ts";
import { loadBooks } from "./load-books.ts";

const feeKinds = new Set(["fixed", "quantity_change", "proration_credit"]);

/** A commit term's obligation id: the commit's id and the day its term starts. */
function commitObligationId(commitId: string, termStart: number): string {
  return `commit:${commitId}:${new Date(termStart).toISOString().slice(0, 10)}`;
}

/** A fee's obligation: the product its charge sells, else the charge. */
function feeObligationId(line: BookLine): string {
  return line.product ?? `charge:${line.chargeId ?? line.description}`;
}

function feeLine(line: BookLine, issuedAt: number): ContractFeeLine {
  return {
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

/**
 * An invoice as the contract sees it: its lines of the contract's
 * subscriptions, and what it brought in for them net of tax (the invoice's
 * total less tax when it bills nothing else; else those lines less the
 * commits' draws).
 */
function contractInvoice(invoice: BookInvoice, subscriptionIds: ReadonlySet<string>): ContractRevenueInvoice {
  const lines = invoice.lines.filter(
    (line) => line.subscriptionId !== null && subscriptionIds.has(line.subscriptionId),
  );
  const draws = invoice.commitDraws.map((draw) => ({
    obligationId: commitObligationId(draw.commitId, draw.termStart),
    amount: draw.amount,
  }));
  const net =
    lines.length === invoice.lines.length
      ? invoice.total.minus(invoice.tax)
      : sumDecimals(lines.map((line) => line.amount)).minus(sumDecimals(draws.map((draw) => draw.amount)));
  return {
    at: invoice.issuedAt,
    net,
    fees: lines.filter((line) => feeKinds.has(line.kind)).map((line) => feeLine(line, invoice.issuedAt)),
    commitLines: sumDecimals(lines.filter((line) => line.kind === "commit").map((line) => line.amount)),
    usage: lines
      .filter((line) => !feeKinds.has(line.kind) && line.kind !== "commit")
      .map((line) => ({ amount: line.amount, end: line.periodEnd ?? invoice.issuedAt + 1 })),
    draws,
  };
}

export type ContractRevenue = {
  contractId: string;
  currency: string;
  timeZone: string;
  schedule: ContractRevenueSchedule;
};

/** The contract's allocation, revenue schedule and journal as its finalized invoices stand now. */
export async function contractRevenue(context: RequestContext, contractId: string): Promise<ContractRevenue> {
  const contract = await getContract(context, contractId);
  const balances = await contractBalances(context, contractId);
  const books = await loadBooks(context.database, context);
  const subscriptionIds = new Set([contract.subscription_id]);
  const invoices = books.invoices
    .filter(
      (invoice) =>
        invoice.voidedAt === null &&
        invoice.lines.some(
          (line) => line.subscriptionId !== null && subscriptionIds.has(line.subscriptionId),
        ),
    )
    .map((invoice) => contractInvoice(invoice, subscriptionIds));
  const commits: ContractCommitTerm[] = balances.balances
    .filter((balance) => balance.type === "prepaid")
    .map((balance) => {
      const termStart = Date.parse(balance.term_start);
      return {
        obligationId: commitObligationId(balance.id, termStart),
        face: new Decimal(balance.granted),
        expiresAt: Date.parse(balance.term_end),
      };
    });
  return {
    contractId: contract.id,
    currency: contract.currency,
    timeZone: books.timeZone,
    schedule: contractRevenueSchedule({
      invoices,
      commits,
      currency: currencyFor(contract.currency),
      timeZone: books.timeZone,
    }),
  };
}

/** The contract's revenue on the API: amounts in the currency's minor unit, the schedule summed by month, obligation and kind. */
export function presentContractRevenue(revenue: ContractRevenue): ContractRevenueScheduleView {
  const currency = currencyFor(revenue.currency);
  const money = (amount: Decimal) => formatAmount(amount, currency);
  const { allocation, entries, journal, variable } = revenue.schedule;
  const months = new Map<
    string,
    { month: string; obligation_id: string; kind: RevenueEntry["kind"]; amounts: Decimal[] }
  >();
  for (const entry of entries) {
    const key = `${entry.month}|${entry.obligationId}|${entry.kind}`;
    const month = months.get(key) ?? {
      month: entry.month,
      obligation_id: entry.obligationId,
      kind: entry.kind,
      amounts: [],
    };
    month.amounts.push(entry.amount);
    months.set(key, month);
  }
  return {
    contract_id: revenue.contractId,
    currency: revenue.currency,
    timezone: revenue.timeZone,
    transaction_price: money(allocation.transactionPrice),
    variable_consideration: money(variable),
    obligations: allocation.obligations.map((obligation) => ({
      id: obligation.id,
      kind: obligation.id.startsWith("commit:") ? ("commit" as const) : ("fee" as const),
      contract_price: money(obligation.contractPrice),
      standalone_selling_price: money(obligation.standaloneSellingPrice),
      standalone_selling_price_source: obligation.standaloneSellingPriceSource,
      allocated: money(obligation.allocated),
      reallocated: money(obligation.reallocated),
    })),
    schedule: [...months.values()]
      .sort((left, right) => left.month.localeCompare(right.month))
      .map(({ amounts, ...month }) => ({ ...month, amount: money(sumDecimals(amounts)) })),
    journal: journal.map((month) => ({
      month: month.month,
      invoiced: money(month.invoiced),
      recognized: money(month.recognized),
      deferred_revenue: money(month.deferredRevenue),
      unbilled_receivables: money(month.unbilledReceivables),
      balanced: sumDecimals(month.lines.map((line) => line.debit)).equals(
        sumDecimals(month.lines.map((line) => line.credit)),
      ),
      lines: month.lines.map((line) => ({
        account: line.account,
        debit: money(line.debit),
        credit: money(line.credit),
      })),
    })),
  };
}
