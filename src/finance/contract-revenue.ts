// A live contract's revenue (ASC 606 steps 4 and 5): its invoices read from
// the books, its prepaid commit terms from contracts, the standalone selling
// prices configured per product or plan charge (the list price when none is
// set), and the billing core's contractRevenueSchedule for the allocation, the
// schedule month by month and the contract's journal. GET
// /v1/contracts/{id}/revenue-schedule answers it.
import { getContract } from "../contracts/index.ts";
import {
  type ContractRevenueSchedule,
  contractRevenueSchedule,
  currencyFor,
  type Decimal,
  formatAmount,
  type RevenueEntry,
  sumDecimals,
  ZERO,
} from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { ContractRevenueScheduleView } from "./contract-revenue-schemas.ts";
import { loadBooks } from "./load-books.ts";
import { recognizeRevenue } from "./revenue-recognition.ts";

export type ContractRevenue = {
  contractId: string;
  currency: string;
  timeZone: string;
  schedule: ContractRevenueSchedule;
};

/**
 * The contract's allocation, revenue schedule and journal as its finalized
 * invoices and credit notes stand now: the very schedule the general journal
 * books (revenue-recognition.ts). A contract nothing has been invoiced for
 * yet has an empty one.
 */
export async function contractRevenue(context: RequestContext, contractId: string): Promise<ContractRevenue> {
  const contract = await getContract(context, contractId);
  const books = await loadBooks(context.database, context, undefined, { now: context.clock.now() });
  const recognized = recognizeRevenue(books).contracts.get(contract.id);
  return {
    contractId: contract.id,
    currency: contract.currency,
    timeZone: books.timeZone,
    schedule:
      recognized?.schedule ??
      contractRevenueSchedule({
        invoices: [],
        commits: [],
        currency: currencyFor(contract.currency),
        timeZone: books.timeZone,
      }),
  };
}

/** The contract's revenue on the API: amounts in the currency's minor unit, the schedule summed by month, obligation and kind. */
export function presentContractRevenue(revenue: ContractRevenue): ContractRevenueScheduleView {
  const currency = currencyFor(revenue.currency);
  const money = (amount: Decimal) => formatAmount(amount, currency);
  const { allocation, credited, entries, journal, variable } = revenue.schedule;
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
    credited: money(sumDecimals([...credited.values()])),
    obligations: allocation.obligations.map((obligation) => ({
      id: obligation.id,
      kind: obligation.id.startsWith("commit:") ? ("commit" as const) : ("fee" as const),
      contract_price: money(obligation.contractPrice),
      standalone_selling_price: money(obligation.standaloneSellingPrice),
      standalone_selling_price_source: obligation.standaloneSellingPriceSource,
      allocated: money(obligation.allocated),
      reallocated: money(obligation.reallocated),
      credited: money(credited.get(obligation.id) ?? ZERO),
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
