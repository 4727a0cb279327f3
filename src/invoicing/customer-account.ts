// What a customer's account brings to an invoice besides its lines: coupons
// (with how many invoices each has counted), credit grants (with their
// balances), the customer balance and the tax that applies, as the engine's
// AccountTerms and AccountState. Settling an invoice with them and storing
// the state it returns is what keeps the live service equal to the simulator.

import type { PlanVersionRecord } from "../catalog/index.ts";
import {
  type AccountState,
  type AccountTerms,
  type AllowanceSummary,
  type CommitLedger,
  type ContractBilling,
  type Coupon,
  type Currency,
  currencyFor,
  Decimal,
  type EarlierProgressiveDiscounts,
  type Instant,
  type InvoiceLine,
  settleInvoice,
  ZERO,
} from "../core/index.ts";
import { type CouponRestriction, type CustomerCoupons, couponsForCustomers } from "../coupons/index.ts";
import {
  creditGrantsFor,
  creditGrantsForCustomers,
  customerBalanceOf,
  customerBalancesOf,
} from "../credits/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { type TaxQuote, type TaxRequest, taxQuoteFor, taxQuotesFor } from "../taxes/index.ts";
import { ledgerToDrawFrom } from "./contract-billing.ts";
import type { CustomerBilling, CustomerRow, SubscriptionBilling } from "./customer-billing.ts";
import type { InvoicingSettings } from "./invoicing-settings.ts";
import type { TaxDetails } from "./tables.ts";

export type CustomerAccount = {
  terms: AccountTerms;
  state: AccountState;
  tax: TaxQuote;
};

/**
 * Subscription lines settled by the engine against the customer's account as
 * it stands at `issuedAt` (coupons, credits, balance, tax): the bill run's
 * step, and a preview's.
 */
export async function settleSubscriptionLines(
  database: Database,
  scope: TenantScope,
  input: {
    billing: CustomerBilling;
    currency: string;
    issuedAt: Instant;
    settings: InvoicingSettings;
    /** The subscriptions the lines bill. */
    subscriptions: readonly SubscriptionBilling[];
    lines: InvoiceLine[];
    /** The allowances of the periods the lines close (V25). */
    allowances?: readonly AllowanceSummary[];
    /** The contract whose commits pay for the lines, with the balances the last finalized invoice left. */
    contract?: { billing: ContractBilling; ledger: CommitLedger | undefined } | undefined;
    /** What the progressive invoices of the periods the lines close took of the coupons (billing rule 28). */
    progressive?: EarlierProgressiveDiscounts | undefined;
  },
): Promise<{ account: CustomerAccount; settled: ReturnType<typeof settleInvoice> }> {
  const { billing, issuedAt } = input;
  const account = await loadCustomerAccount(database, scope, {
    customer: billing.customer,
    currency: input.currency,
    at: issuedAt,
    settings: input.settings,
    versions: billing.versions,
    subscriptionIds: input.subscriptions.map((entry) => entry.subscription.id),
    children: childrenBilled(input.subscriptions),
  });
  return { account, settled: settleLinesWith(account, input) };
}

/** Subscription lines settled by the engine against an account already read. */
export function settleLinesWith(
  account: CustomerAccount,
  input: {
    issuedAt: Instant;
    lines: InvoiceLine[];
    allowances?: readonly AllowanceSummary[];
    contract?: { billing: ContractBilling; ledger: CommitLedger | undefined } | undefined;
    progressive?: EarlierProgressiveDiscounts | undefined;
  },
): ReturnType<typeof settleInvoice> {
  const { contract } = input;
  return settleInvoice({
    issuedAt: input.issuedAt,
    lines: input.lines,
    terms: account.terms,
    state:
      contract === undefined
        ? account.state
        : { ...account.state, commitLedger: ledgerToDrawFrom(contract.billing, contract.ledger) },
    allowances: input.allowances?.length ? input.allowances : undefined,
    contract: contract?.billing,
    progressive: input.progressive,
  });
}

/** The region of a customer's address: the state or province, when given. */
function regionOf(customer: CustomerRow): string | null {
  return customer.billing_address?.state ?? null;
}

/** What an account is read for: one invoice of the customer. */
type AccountRequest = {
  customer: CustomerRow;
  currency: string;
  at: Instant;
  settings: InvoicingSettings;
  /** The plan versions the invoice's lines come from, to resolve coupons limited to plans. */
  versions: ReadonlyMap<string, PlanVersionRecord>;
  /** The subscriptions billed on the invoice, for coupons redeemed for one. */
  subscriptionIds: readonly string[];
  /**
   * The child accounts a parent's consolidated invoice bills, each with its
   * subscriptions billed there: their coupons discount those (billing rule 31).
   */
  children?: ReadonlyMap<string, readonly string[]>;
};

/** The child accounts billed among these subscriptions (on their parent's invoice), with their subscription ids. */
export function childrenBilled(subscriptions: readonly SubscriptionBilling[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const { subscription, billedFor } of subscriptions) {
    if (billedFor === undefined) continue;
    children.set(billedFor.id, [...(children.get(billedFor.id) ?? []), subscription.id]);
  }
  return children;
}

function taxRequestOf(input: AccountRequest): TaxRequest {
  const { customer } = input;
  return {
    seller: {
      country: input.settings.seller.country,
      region: input.settings.seller.region,
      taxId: input.settings.seller.taxId,
      address: input.settings.seller.address,
    },
    customer: {
      id: customer.id,
      country: customer.country ?? customer.billing_address?.country ?? null,
      region: regionOf(customer),
      taxIds: customer.tax_ids.map((taxId) => taxId.value),
      address: customer.billing_address,
      typedTaxIds: customer.tax_ids,
    },
    currency: input.currency,
    issuedAt: new Date(input.at),
  };
}

export async function loadCustomerAccount(
  database: Database,
  scope: TenantScope,
  input: AccountRequest,
): Promise<CustomerAccount> {
  const { customer, currency, at } = input;
  const [coupons, credits, balance, tax] = await Promise.all([
    couponsForCustomers(database, scope, [customer.id, ...(input.children?.keys() ?? [])], new Date(at)),
    creditGrantsFor(database, scope, customer.id, currency),
    customerBalanceOf(database, scope, customer.id, currency),
    taxQuoteFor(database, scope, taxRequestOf(input)),
  ]);
  return accountOf(input, { coupons, credits, balance, tax });
}

/**
 * loadCustomerAccount for many invoices (a bill run's chunk), at each
 * request's index: coupons, credit grants, balances and tax read with a few
 * queries for all of them.
 */
export async function loadCustomerAccounts(
  database: Database,
  scope: TenantScope,
  requests: readonly AccountRequest[],
): Promise<CustomerAccount[]> {
  const customerIds = [...new Set(requests.map((request) => request.customer.id))];
  const couponHolders = [
    ...new Set(requests.flatMap((request) => [request.customer.id, ...(request.children?.keys() ?? [])])),
  ];
  const couponsAt = new Map<Instant, Map<string, CustomerCoupons>>();
  for (const at of new Set(requests.map((request) => request.at))) {
    couponsAt.set(at, await couponsForCustomers(database, scope, couponHolders, new Date(at)));
  }
  const credits = await creditGrantsForCustomers(database, scope, customerIds);
  const balances = await customerBalancesOf(database, scope, customerIds);
  const taxes = await taxQuotesFor(database, scope, requests.map(taxRequestOf));
  return requests.map((request, index) =>
    accountOf(request, {
      coupons: couponsAt.get(request.at) ?? new Map(),
      credits: credits(request.customer.id, request.currency),
      balance: balances(request.customer.id, request.currency),
      tax: taxes[index] as TaxQuote,
    }),
  );
}

function accountOf(
  input: AccountRequest,
  loaded: {
    /** By customer: the coupons of the invoice's customer and of the children it bills. */
    coupons: ReadonlyMap<string, CustomerCoupons>;
    credits: Awaited<ReturnType<typeof creditGrantsFor>>;
    balance: Decimal;
    tax: TaxQuote;
  },
): CustomerAccount {
  const { currency } = input;
  const { credits, balance, tax } = loaded;
  const coupons = invoiceCoupons(input, loaded.coupons);
  const versionIdsOfPlan = new Map<string, string[]>();
  for (const version of input.versions.values()) {
    versionIdsOfPlan.set(version.planId, [...(versionIdsOfPlan.get(version.planId) ?? []), version.id]);
  }
  // A plan the invoice does not bill matches no line: a code no version has stands for it.
  const versionsOfPlans = (planIds: readonly string[]) =>
    planIds.flatMap((planId) => versionIdsOfPlan.get(planId) ?? [`${planId}:not-on-this-invoice`]);
  const applicableCoupons: Coupon[] = [];
  for (const { coupon, restriction, childSubscriptionIds } of coupons.entries) {
    if (restriction === undefined) {
      applicableCoupons.push(coupon);
      continue;
    }
    // A fixed coupon discounts invoices in its own currency only.
    if (restriction.currency !== null && restriction.currency !== currency) continue;
    const planCodes = versionsOfPlans(restriction.planIds);
    const { subscriptionId, meterCodes } = restriction;
    // Redeemed for one subscription: only when it is billed here, and then only its lines (the engine
    // tells them by the subscription they bill, since two subscriptions may be on the same plan).
    if (subscriptionId !== null && !input.subscriptionIds.includes(subscriptionId)) continue;
    // A child's coupon on its parent's invoice: only the child's lines (billing rule 31).
    const subscriptionIds = subscriptionId !== null ? [subscriptionId] : childSubscriptionIds;
    applicableCoupons.push(
      planCodes.length === 0 && meterCodes.length === 0 && subscriptionIds === undefined
        ? coupon
        : {
            ...coupon,
            appliesTo: {
              planCodes,
              meterCodes,
              ...(subscriptionIds === undefined ? {} : { subscriptionIds }),
            },
          },
    );
  }
  return {
    terms: {
      currency: currencyFor(currency),
      coupons: applicableCoupons,
      creditGrants: credits.grants,
      ...(tax.percent.isZero() ? {} : { tax: { percent: tax.percent, inclusive: tax.inclusive } }),
    },
    state: {
      couponInvoiceCounts: coupons.counts,
      grantBalances: credits.balances,
      customerBalance: new Decimal(balance),
    },
    tax,
  };
}

/**
 * The coupons an invoice applies, in order: its customer's, then those of each
 * child account it bills (a parent's consolidated invoice, billing rule 31),
 * each child's limited to the child's subscriptions billed there; with the
 * invoices each has counted.
 */
function invoiceCoupons(
  input: AccountRequest,
  byCustomer: ReadonlyMap<string, CustomerCoupons>,
): {
  entries: {
    coupon: Coupon;
    restriction: CouponRestriction | undefined;
    childSubscriptionIds?: readonly string[];
  }[];
  counts: Map<string, number>;
} {
  const holders: { customerId: string; childSubscriptionIds?: readonly string[] }[] = [
    { customerId: input.customer.id },
    ...[...(input.children ?? [])].map(([customerId, childSubscriptionIds]) => ({
      customerId,
      childSubscriptionIds,
    })),
  ];
  const entries: ReturnType<typeof invoiceCoupons>["entries"] = [];
  const counts = new Map<string, number>();
  for (const { customerId, childSubscriptionIds } of holders) {
    const held = byCustomer.get(customerId);
    if (held === undefined) continue;
    for (const coupon of held.coupons) {
      entries.push({
        coupon,
        restriction: held.restrictions.get(coupon.id),
        ...(childSubscriptionIds === undefined ? {} : { childSubscriptionIds }),
      });
    }
    for (const [redemptionId, count] of held.counts) counts.set(redemptionId, count);
  }
  return { entries, counts };
}

/**
 * The account as an invoice that carries tax only sees it (a one-off
 * invoice): no coupons, no credits, no customer balance.
 */
export function taxOnly(
  account: CustomerAccount,
  currency: Currency,
): { terms: AccountTerms; state: AccountState } {
  return {
    terms: {
      currency,
      coupons: [],
      creditGrants: [],
      ...(account.terms.tax ? { tax: account.terms.tax } : {}),
    },
    state: { couponInvoiceCounts: new Map(), grantBalances: new Map(), customerBalance: ZERO },
  };
}

export function taxDetailsOf(account: CustomerAccount): TaxDetails | null {
  const { tax } = account;
  if (tax.percent.isZero() && !tax.reverseCharge && tax.exemptionReason === null) return null;
  return {
    percent: tax.percent.toFixed(),
    inclusive: tax.inclusive,
    reverse_charge: tax.reverseCharge,
    components: tax.components.map((component) => ({
      name: component.name,
      percent: component.percent.toFixed(),
      jurisdiction: component.jurisdiction,
    })),
    exemption_reason: tax.exemptionReason,
    note: tax.note,
  };
}
