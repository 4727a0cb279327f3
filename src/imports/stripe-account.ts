// Reads a Stripe account's billing records through Stripe's official SDK, a
// page of 100 at a time: billing meters, products, prices (with their tiers),
// coupons, customers (with their tax ids) and subscriptions of every status
// (with their discounts), and invoices (the finalized ones are history). Only reads: the importer never writes to Stripe.
import type Stripe from "stripe";
import { stripeClient } from "../payments/index.ts";

export type StripeAccount = {
  meters: Stripe.Billing.Meter[];
  products: Stripe.Product[];
  prices: Stripe.Price[];
  coupons: Stripe.Coupon[];
  customers: Stripe.Customer[];
  subscriptions: Stripe.Subscription[];
  invoices: Stripe.Invoice[];
};

export type StripeConnection = { secretKey: string; apiBaseUrl: string | null };

async function all<Item>(list: AsyncIterable<Item>): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of list) items.push(item);
  return items;
}

/** Every billing record of the account, `onRead` told the running count as pages arrive. */
export async function readStripeAccount(
  connection: StripeConnection,
  onRead: (kind: string, count: number) => void = () => {},
): Promise<StripeAccount> {
  const stripe = stripeClient(connection);
  const read = async <Item>(kind: string, list: AsyncIterable<Item>): Promise<Item[]> => {
    const items = await all(list);
    onRead(kind, items.length);
    return items;
  };
  const page = { limit: 100 };
  return {
    meters: await read("meters", stripe.billing.meters.list(page)),
    products: await read("products", stripe.products.list(page)),
    prices: await read("prices", stripe.prices.list({ ...page, expand: ["data.tiers"] })),
    coupons: await read("coupons", stripe.coupons.list(page)),
    customers: await read("customers", stripe.customers.list({ ...page, expand: ["data.tax_ids"] })),
    subscriptions: await read(
      "subscriptions",
      stripe.subscriptions.list({ ...page, status: "all", expand: ["data.discounts"] }),
    ),
    invoices: await read("invoices", stripe.invoices.list(page)),
  };
}
