// Avalara AvaTax as the environment's tax engine, through Avalara's official
// SDK (`avatax`).
//
// Quote (at draft): a sales order (AvaTax keeps no record of it) for the
// customer's address on one reference line; the rates of its summary are the
// quote, and the engine in src/core computes the invoice's tax with them.
// Record (at finalization): a committed sales invoice whose code is the
// invoice's number, made with createOrAdjustTransaction so that recording the
// same invoice again adjusts the one record instead of adding a second.
// Reverse (at void): the transaction voided (DocVoided); voiding it again
// changes nothing. Addresses are resolved by AvaTax's address service.
import type { Agent as HttpsAgent } from "node:https";
import avataxModule from "avatax";
import { DocumentType, VoidReasonCode } from "avatax/lib/enums/index.js";
import { Decimal, sumDecimals, ZERO } from "../core/index.ts";
import { errorMessage, FairbillError } from "../platform/errors.ts";
import { guardedAgent } from "../platform/outgoing-requests/guarded-connections.ts";
import type {
  AddressValidation,
  PostalAddress,
  TaxableInvoice,
  TaxEngine,
  TaxQuote,
  TaxRequest,
} from "./tax-quote.ts";

// The package sets module.exports to its client class and types it as a default export:
// Node's default import is the class itself, TypeScript's is the module.
const AvaTaxClient = ((avataxModule as unknown as { default?: unknown }).default ??
  avataxModule) as typeof avataxModule.default;

export type AvalaraSettings = {
  /** The AvaTax server: https://sandbox-rest.avatax.com, https://rest.avatax.com, or a local one in tests. */
  url: string;
  accountId: string;
  licenseKey: string;
  companyCode: string;
  timeoutMilliseconds: number;
};

/** The net amount of the one line a quote asks about. */
const referenceLineAmount = 100;

type AvalaraAddress = {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
};

export function avalaraTaxEngine(settings: AvalaraSettings): TaxEngine {
  const client = new AvaTaxClient({
    appName: "Fairbill",
    appVersion: "1",
    machineName: "fairbill",
    environment: settings.url,
    timeout: settings.timeoutMilliseconds,
    // Typed as an https agent; an http one is what an http:// server (a local one in tests) needs.
    customHttpAgent: guardedAgent(
      new URL(settings.url).protocol === "http:" ? "http" : "https",
    ) as HttpsAgent,
  }).withSecurity({ username: settings.accountId, password: settings.licenseKey });

  // AvaTax locates a sale between where the seller ships from and where the customer is.
  const addresses = (seller: PostalAddress | null | undefined, customer: PostalAddress) => ({
    ...(seller ? { shipFrom: avalaraAddress(seller) } : {}),
    shipTo: avalaraAddress(customer),
  });

  return {
    async quote(request: TaxRequest): Promise<TaxQuote> {
      const order = await call("quote the tax", () =>
        client.createTransaction({
          model: {
            type: DocumentType.SalesOrder,
            companyCode: settings.companyCode,
            date: request.issuedAt,
            customerCode: request.customer.id,
            currencyCode: request.currency,
            addresses: addresses(request.seller.address, customerAddressOf(request)),
            lines: [{ number: "1", amount: referenceLineAmount }],
            commit: false,
          },
        }),
      );
      return quoteOf(order.summary ?? []);
    },

    async record(invoice: TaxableInvoice): Promise<string> {
      const transaction = await call("record the invoice", () =>
        client.createOrAdjustTransaction({
          model: {
            createTransactionModel: {
              code: invoice.number,
              type: DocumentType.SalesInvoice,
              companyCode: settings.companyCode,
              date: new Date(invoice.issuedAt),
              customerCode: invoice.customer.id,
              currencyCode: invoice.currency,
              addresses: addresses(invoice.sellerAddress, invoice.customer.address ?? {}),
              lines: invoice.lines.map((line, index) => ({
                number: String(index + 1),
                itemCode: line.reference,
                description: line.description.slice(0, 2048),
                amount: Number(line.amount),
              })),
              commit: true,
            },
          },
        }),
      );
      return transaction.code ?? invoice.number;
    },

    async reverse(invoice: TaxableInvoice, externalId: string): Promise<void> {
      try {
        await client.voidTransaction({
          companyCode: settings.companyCode,
          transactionCode: externalId,
          documentType: DocumentType.SalesInvoice,
          model: { code: VoidReasonCode.DocVoided },
        });
      } catch (error) {
        // Voided before (a retry after the answer was lost): nothing left to do.
        if (avalaraErrorCode(error) === "CannotModifyLockedTransaction" && (await isVoided(externalId)))
          return;
        throw unavailable(`void invoice ${invoice.number}`, error);
      }
    },

    async validateAddress(address: PostalAddress): Promise<AddressValidation> {
      const resolution = await call("check the address", () =>
        client.resolveAddressPost({ model: avalaraAddress(address) }),
      );
      const problems = (resolution.messages ?? []).filter((message) => message.severity === "Error");
      const resolved = resolution.validatedAddresses?.[0];
      return {
        valid: problems.length === 0,
        resolved:
          problems.length === 0 && resolved
            ? {
                ...(resolved.line1 ? { line1: resolved.line1 } : {}),
                ...(resolved.city ? { city: resolved.city } : {}),
                ...(resolved.region ? { state: resolved.region } : {}),
                ...(resolved.postalCode ? { postal_code: resolved.postalCode } : {}),
                ...(resolved.country ? { country: resolved.country } : {}),
              }
            : null,
        messages: problems.map((message) => [message.summary, message.details].filter(Boolean).join(": ")),
      };
    },
  };

  async function isVoided(code: string): Promise<boolean> {
    const transaction = await client.getTransactionByCode({
      companyCode: settings.companyCode,
      transactionCode: code,
    });
    return String(transaction.status) === "Cancelled";
  }
}

function quoteOf(summary: readonly { rate?: number; taxName?: string; country?: string; region?: string }[]) {
  const components = summary
    .filter((entry) => (entry.rate ?? 0) > 0)
    .map((entry) => ({
      name: entry.taxName ?? "Tax",
      // AvaTax gives rates as fractions (0.04 for 4%); the quote is in percent.
      percent: new Decimal(String(entry.rate)).times(100),
      jurisdiction: [entry.country, entry.region].filter(Boolean).join("-"),
    }));
  const quote: TaxQuote = {
    percent: components.length === 0 ? ZERO : sumDecimals(components.map((component) => component.percent)),
    inclusive: false,
    reverseCharge: false,
    components,
    exemptionReason: null,
    note: null,
  };
  return quote;
}

function customerAddressOf(request: TaxRequest): PostalAddress {
  return {
    ...(request.customer.address ?? {}),
    ...(request.customer.country ? { country: request.customer.country } : {}),
    ...(request.customer.region ? { state: request.customer.region } : {}),
  };
}

function avalaraAddress(address: PostalAddress): AvalaraAddress {
  return {
    ...(address.line1 ? { line1: address.line1 } : {}),
    ...(address.line2 ? { line2: address.line2 } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(address.state ? { region: address.state } : {}),
    ...(address.postal_code ? { postalCode: address.postal_code } : {}),
    ...(address.country ? { country: address.country } : {}),
  };
}

function avalaraErrorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

async function call<Result>(what: string, work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    const code = avalaraErrorCode(error);
    if (code === "AddressRangeError" || code === "AddressUnknownStreet" || code === "InvalidAddress") {
      throw new FairbillError({
        code: "tax_address_invalid",
        status: 422,
        detail: `AvaTax could not locate the customer's address for tax (${errorMessage(error)}); correct $.billing_address.`,
      });
    }
    throw unavailable(what, error);
  }
}

function unavailable(what: string, error: unknown): FairbillError {
  return new FairbillError({
    code: "tax_provider_failed",
    status: 502,
    detail: `AvaTax was asked to ${what} and failed (${errorMessage(error)}). Trying again is safe: the call is idempotent.`,
  });
}
