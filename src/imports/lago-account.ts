// Reads a Lago organization's billing records through Lago's official client
// (lago-javascript-client), page after page as `meta.next_page` leads:
// billable metrics, plans (with their charges and filters), coupons,
// customers, subscriptions (active and pending), wallets, applied coupons,
// and finalized invoices, each read again by id for its fees. Only reads: the
// importer never writes to Lago. Requests go through the guarded fetch, as
// every call to an address someone configured does.
import {
  type AppliedCouponObject,
  type BillableMetricObject,
  Client,
  type CouponObject,
  type CustomerObject,
  type FeeObject,
  type InvoiceObject,
  type PlanObject,
  type SubscriptionObject,
  type WalletObject,
} from "lago-javascript-client";
import { guardedFetch } from "../platform/outgoing-requests/guarded-connections.ts";

export type LagoInvoice = InvoiceObject & { fees: FeeObject[] };

export type LagoAccount = {
  billableMetrics: BillableMetricObject[];
  plans: PlanObject[];
  coupons: CouponObject[];
  customers: CustomerObject[];
  subscriptions: SubscriptionObject[];
  wallets: WalletObject[];
  appliedCoupons: AppliedCouponObject[];
  invoices: LagoInvoice[];
};

/** Where Lago answers (its address without /api/v1, such as https://api.getlago.com) and the key to ask with. */
export type LagoConnection = { apiUrl: string; apiKey: string };

type Page = { meta: { next_page?: number | null } };

const perPage = 100;

/** Lago's answer to a failed request (the client throws the response), in words a person acts on. */
function lagoFailure(error: unknown, what: string): Error {
  const status = (error as { status?: unknown }).status;
  if (status === 401) {
    return new Error(
      `Lago refused the API key (lago.api_key) with 401 Unauthorized while reading ${what}: ` +
        "give an API key of the organization (Lago's Developers settings, API keys)",
    );
  }
  if (typeof status === "number") {
    const detail = JSON.stringify((error as { error?: unknown }).error ?? null);
    return new Error(`Lago answered ${status} while reading ${what}: ${detail}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

async function everyPage<Answer extends Page, Item>(
  what: string,
  read: (page: number) => Promise<{ data: Answer }>,
  itemsOf: (answer: Answer) => Item[],
): Promise<Item[]> {
  const items: Item[] = [];
  let page: number | null | undefined = 1;
  while (page !== null && page !== undefined) {
    let answer: Answer;
    try {
      answer = (await read(page)).data;
    } catch (error) {
      throw lagoFailure(error, what);
    }
    items.push(...itemsOf(answer));
    page = answer.meta.next_page;
  }
  return items;
}

function lagoClient(connection: LagoConnection) {
  const baseUrl = `${connection.apiUrl.replace(/\/+$/, "")}/api/v1`;
  return Client(connection.apiKey, {
    baseUrl,
    // The client reads only JSON and sends only JSON (or nothing): the parts of the request that matter.
    customFetch: (...[input, init]: Parameters<typeof fetch>) =>
      guardedFetch(String(input), {
        method: init?.method ?? "GET",
        headers: init?.headers as Record<string, string>,
        body: (init?.body ?? null) as string | null,
      }),
  });
}

/** Every billing record of the organization, `onRead` told the running count as each kind arrives. */
export async function readLagoAccount(
  connection: LagoConnection,
  onRead: (kind: string, count: number) => void = () => {},
): Promise<LagoAccount> {
  const lago = lagoClient(connection);
  const read = async <Answer extends Page, Item>(
    kind: string,
    list: (page: number) => Promise<{ data: Answer }>,
    itemsOf: (answer: Answer) => Item[],
  ): Promise<Item[]> => {
    const items = await everyPage(kind, list, itemsOf);
    onRead(kind, items.length);
    return items;
  };
  const page = (number: number) => ({ page: number, per_page: perPage });
  const billableMetrics = await read(
    "billable metrics",
    (number) => lago.billableMetrics.findAllBillableMetrics(page(number)),
    (answer) => answer.billable_metrics,
  );
  const plans = await read(
    "plans",
    (number) => lago.plans.findAllPlans(page(number)),
    (answer) => answer.plans,
  );
  const coupons = await read(
    "coupons",
    (number) => lago.coupons.findAllCoupons(page(number)),
    (answer) => answer.coupons,
  );
  const customers = await read(
    "customers",
    (number) => lago.customers.findAllCustomers(page(number)),
    (answer) => answer.customers,
  );
  const subscriptions = await read(
    "subscriptions",
    (number) =>
      lago.subscriptions.findAllSubscriptions({ ...page(number), "status[]": ["active", "pending"] }),
    (answer) => answer.subscriptions,
  );
  const wallets = await read(
    "wallets",
    (number) => lago.wallets.findAllWallets(page(number)),
    (answer) => answer.wallets,
  );
  const appliedCoupons = await read(
    "applied coupons",
    (number) => lago.appliedCoupons.findAllAppliedCoupons({ ...page(number), status: "active" }),
    (answer) => answer.applied_coupons,
  );
  const invoiceList = await read(
    "invoices",
    (number) => lago.invoices.findAllInvoices({ ...page(number), "statuses[]": ["finalized"] }),
    (answer) => answer.invoices,
  );
  // The list leaves out each invoice's fees: its lines are read one invoice at a time.
  const invoices: LagoInvoice[] = [];
  for (const listed of invoiceList) {
    try {
      const { invoice } = (await lago.invoices.findInvoice(listed.lago_id)).data;
      invoices.push({ ...invoice, fees: invoice.fees ?? [] });
    } catch (error) {
      throw lagoFailure(error, `invoice ${listed.number}`);
    }
  }
  return { billableMetrics, plans, coupons, customers, subscriptions, wallets, appliedCoupons, invoices };
}
