// Stripe Tax as the environment's tax engine, through Stripe's official SDK.
//
// Quote (at draft): a tax calculation for the customer's address and tax ids
// on one reference line; the rates of its breakdown are the quote, and the
// engine in src/core computes the invoice's tax with them, as with every
// provider. Record (at finalization): a calculation of the invoice's own net
// lines, made a tax transaction under the invoice's number, so Stripe's tax
// reports hold it. Reverse (at void): a full reversal of that transaction.
// Each call carries an idempotency key made from the invoice's id, so a retry
// after a crash or a timeout never records twice.
import Stripe from "stripe";
import { Decimal, sumDecimals, toMinorUnits, ZERO } from "../core/index.ts";
import { errorMessage, FairbillError } from "../platform/errors.ts";
import { stripeClient } from "../platform/outgoing-requests/stripe-client.ts";
import type {
  AddressValidation,
  PostalAddress,
  TaxableInvoice,
  TaxEngine,
  TaxQuote,
  TaxRequest,
} from "./tax-quote.ts";
import { reverseChargeNote } from "./tax-quote.ts";

/** The net amount of the one line a quote asks about: 100.00 in the currency's minor unit. */
const referenceLineMinorUnits = 10_000;

export function stripeTaxEngine(settings: { secretKey: string; apiBaseUrl: string | null }): TaxEngine {
  const stripe = stripeClient(settings);

  return {
    async quote(request: TaxRequest): Promise<TaxQuote> {
      const address = addressOf(request);
      const calculation = await call("quote the tax", () =>
        stripe.tax.calculations.create({
          currency: request.currency.toLowerCase(),
          line_items: [{ amount: referenceLineMinorUnits, reference: "rate", tax_behavior: "exclusive" }],
          customer_details: {
            address: stripeAddress(address),
            address_source: "billing",
            tax_ids: stripeTaxIds(request.customer.typedTaxIds ?? []),
          },
          tax_date: Math.floor(request.issuedAt.getTime() / 1000),
        }),
      );
      return quoteOf(calculation);
    },

    async record(invoice: TaxableInvoice): Promise<string> {
      const calculation = await call("calculate the invoice's tax for its record", () =>
        stripe.tax.calculations.create(
          {
            currency: invoice.currency.toLowerCase(),
            line_items: netLines(invoice).map((line) => ({
              amount: toMinorUnits(new Decimal(line.amount), invoice.currency),
              reference: line.reference,
              tax_behavior: "exclusive" as const,
            })),
            customer_details: {
              address: stripeAddress(invoice.customer.address ?? {}),
              address_source: "billing",
              tax_ids: stripeTaxIds(invoice.customer.taxIds),
            },
            tax_date: Math.floor(new Date(invoice.issuedAt).getTime() / 1000),
          },
          { idempotencyKey: `fairbill-tax-calculation-${invoice.id}` },
        ),
      );
      if (calculation.id === null) throw failed("record the invoice", "gave a calculation without an id");
      const transaction = await call("record the invoice", () =>
        stripe.tax.transactions.createFromCalculation(
          { calculation: calculation.id as string, reference: invoice.number },
          { idempotencyKey: `fairbill-tax-record-${invoice.id}` },
        ),
      );
      return transaction.id;
    },

    async reverse(invoice: TaxableInvoice, externalId: string): Promise<void> {
      await call("reverse the voided invoice", () =>
        stripe.tax.transactions.createReversal(
          { mode: "full", original_transaction: externalId, reference: `${invoice.number}-void` },
          { idempotencyKey: `fairbill-tax-reversal-${invoice.id}` },
        ),
      );
    },

    async validateAddress(address: PostalAddress): Promise<AddressValidation> {
      try {
        await stripe.tax.calculations.create({
          currency: "usd",
          line_items: [{ amount: referenceLineMinorUnits, reference: "address", tax_behavior: "exclusive" }],
          customer_details: { address: stripeAddress(address), address_source: "billing" },
        });
        return { valid: true, resolved: null, messages: [] };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          return { valid: false, resolved: null, messages: [error.message] };
        }
        throw unavailable("check the address", error);
      }
    },
  };
}

/** The invoice's lines as Stripe takes them (none negative): its lines, else its taxable amount as one line. */
function netLines(invoice: TaxableInvoice): TaxableInvoice["lines"] {
  if (invoice.lines.every((line) => !new Decimal(line.amount).isNegative())) return invoice.lines;
  return [
    {
      reference: `invoice-${invoice.number}`,
      description: `Invoice ${invoice.number}`,
      amount: invoice.taxableAmount,
    },
  ];
}

function quoteOf(calculation: Stripe.Tax.Calculation): TaxQuote {
  const breakdown = calculation.tax_breakdown ?? [];
  const reverseCharge = breakdown.some((entry) => entry.taxability_reason === "reverse_charge");
  const components = breakdown
    .filter((entry) => new Decimal(entry.tax_rate_details.percentage_decimal).greaterThan(ZERO))
    .map((entry) => ({
      name: taxName(entry.tax_rate_details.tax_type),
      percent: new Decimal(entry.tax_rate_details.percentage_decimal),
      jurisdiction: [entry.tax_rate_details.country, entry.tax_rate_details.state].filter(Boolean).join("-"),
    }));
  const percent = reverseCharge ? ZERO : sumDecimals(components.map((component) => component.percent));
  return {
    percent,
    inclusive: false,
    reverseCharge,
    components: reverseCharge ? [] : components,
    exemptionReason: null,
    note: reverseCharge ? reverseChargeNote : null,
  };
}

function taxName(taxType: string | null): string {
  switch (taxType) {
    case "vat":
      return "VAT";
    case "gst":
      return "GST";
    case "hst":
      return "HST";
    case "pst":
      return "PST";
    case "qst":
      return "QST";
    case "sales_tax":
      return "Sales tax";
    default:
      return taxType === null ? "Tax" : taxType.replaceAll("_", " ");
  }
}

function addressOf(request: TaxRequest): PostalAddress {
  const address = request.customer.address ?? {};
  return {
    ...address,
    ...(request.customer.country ? { country: request.customer.country } : {}),
    ...(request.customer.region ? { state: request.customer.region } : {}),
  };
}

function stripeAddress(address: PostalAddress): Stripe.Tax.CalculationCreateParams.CustomerDetails.Address {
  return {
    country: address.country ?? "",
    ...(address.line1 ? { line1: address.line1 } : {}),
    ...(address.line2 ? { line2: address.line2 } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(address.postal_code ? { postal_code: address.postal_code } : {}),
    ...(address.state ? { state: address.state } : {}),
  };
}

function stripeTaxIds(
  taxIds: readonly { type: string; value: string }[],
): Stripe.Tax.CalculationCreateParams.CustomerDetails.TaxId[] {
  return taxIds.map((taxId) => ({
    type: taxId.type as Stripe.Tax.CalculationCreateParams.CustomerDetails.TaxId.Type,
    value: taxId.value,
  }));
}

async function call<Result>(what: string, work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof Stripe.errors.StripeInvalidRequestError &&
      error.code === "customer_tax_location_invalid"
    ) {
      throw new FairbillError({
        code: "tax_address_invalid",
        status: 422,
        detail: `Stripe Tax could not locate the customer's address for tax (${error.message}); correct $.billing_address.`,
      });
    }
    throw unavailable(what, error);
  }
}

function unavailable(what: string, error: unknown): FairbillError {
  const message = errorMessage(error);
  return failed(what, `failed (${message})`);
}

function failed(what: string, problem: string): FairbillError {
  return new FairbillError({
    code: "tax_provider_failed",
    status: 502,
    detail: `Stripe Tax was asked to ${what} and ${problem}. Trying again is safe: the call is idempotent.`,
  });
}
