// Local HTTP servers that speak the part of two tax engines' APIs Fairbill
// uses, reached through the engines' official SDKs (stripe, avatax):
//
// - Stripe Tax: POST /v1/tax/calculations, /v1/tax/transactions/create_from_calculation
//   and /v1/tax/transactions/create_reversal; form-encoded requests, JSON
//   answers, idempotency keys that replay the first answer.
// - AvaTax: POST /api/v2/transactions/create, /api/v2/transactions/createoradjust,
//   /api/v2/companies/{company}/transactions/{code}/void, GET of a transaction
//   by code, and POST /api/v2/addresses/resolve; basic authentication.
//
// Both locate a US address by its state and a five-digit postal code (an
// address without one cannot be located), an EU address by its country; the
// rates are a small table of real ones. Each keeps what was recorded, so a
// test can count records and reversals. `failNext(n)` answers the next n
// calls with HTTP 500.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeServer, listenLocally } from "./local-server.ts";

type Jurisdiction = {
  country: string;
  state?: string;
  taxes: { name: string; type: string; rate: string }[];
};

const jurisdictions: Jurisdiction[] = [
  {
    country: "US",
    state: "NY",
    taxes: [
      { name: "NY STATE TAX", type: "sales_tax", rate: "4" },
      { name: "NY CITY TAX", type: "sales_tax", rate: "4.5" },
      { name: "NY SPECIAL TAX", type: "sales_tax", rate: "0.375" },
    ],
  },
  { country: "US", state: "CA", taxes: [{ name: "CA STATE TAX", type: "sales_tax", rate: "7.25" }] },
  { country: "DE", taxes: [{ name: "VAT", type: "vat", rate: "19" }] },
];

type Located = { ok: true; jurisdiction: Jurisdiction | undefined } | { ok: false; message: string };

function locate(address: { country?: string; state?: string; postal_code?: string }): Located {
  if (!address.country) return { ok: false, message: "The address has no country." };
  if (address.country === "US") {
    if (!address.postal_code || !/^[0-9]{5}(-[0-9]{4})?$/.test(address.postal_code)) {
      return { ok: false, message: "A US address needs a valid five-digit postal code." };
    }
    return {
      ok: true,
      jurisdiction: jurisdictions.find((entry) => entry.country === "US" && entry.state === address.state),
    };
  }
  return { ok: true, jurisdiction: jurisdictions.find((entry) => entry.country === address.country) };
}

function sumRates(jurisdiction: Jurisdiction | undefined): number {
  return (jurisdiction?.taxes ?? []).reduce((sum, tax) => sum + Number(tax.rate), 0);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export type LocalStripeTax = {
  url: string;
  secretKey: string;
  /** Tax transactions recorded, by reference (the invoice number), with their reversals. */
  transactions: { id: string; reference: string; amount: number; tax: number; reversed: boolean }[];
  calls: { path: string; idempotencyKey: string | undefined }[];
  failNext(count: number): void;
  close(): Promise<void>;
};

export async function startLocalStripeTax(): Promise<LocalStripeTax> {
  const secretKey = "sk_test_local_stripe_tax";
  const calculations = new Map<string, { lines: { amount: number; reference: string }[]; rate: number }>();
  const transactions: LocalStripeTax["transactions"] = [];
  const calls: LocalStripeTax["calls"] = [];
  const answered = new Map<string, { status: number; body: unknown }>();
  let failures = 0;
  let sequence = 0;

  function calculate(form: URLSearchParams): { status: number; body: unknown } {
    const address = {
      country: form.get("customer_details[address][country]") ?? undefined,
      state: form.get("customer_details[address][state]") ?? undefined,
      postal_code: form.get("customer_details[address][postal_code]") ?? undefined,
    };
    const located = locate(address);
    if (!located.ok) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "customer_tax_location_invalid",
            message: located.message,
            param: "customer_details[address]",
          },
        },
      };
    }
    const lines: { amount: number; reference: string }[] = [];
    for (let index = 0; form.has(`line_items[${index}][amount]`); index++) {
      lines.push({
        amount: Number(form.get(`line_items[${index}][amount]`)),
        reference: form.get(`line_items[${index}][reference]`) ?? "",
      });
    }
    const euBusiness =
      address.country !== undefined &&
      address.country !== "US" &&
      form.get("customer_details[tax_ids][0][value]");
    const rate = euBusiness ? 0 : sumRates(located.jurisdiction);
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const id = `taxcalc_${++sequence}`;
    calculations.set(id, { lines, rate });
    const breakdown = euBusiness
      ? [
          {
            amount: 0,
            inclusive: false,
            taxable_amount: total,
            taxability_reason: "reverse_charge",
            tax_rate_details: {
              country: address.country,
              state: null,
              percentage_decimal: "0.0",
              tax_type: "vat",
            },
          },
        ]
      : (located.jurisdiction?.taxes ?? []).map((tax) => ({
          amount: Math.round((total * Number(tax.rate)) / 100),
          inclusive: false,
          taxable_amount: total,
          taxability_reason: "standard_rated",
          tax_rate_details: {
            country: address.country,
            state: address.state ?? null,
            percentage_decimal: tax.rate,
            tax_type: tax.type,
          },
        }));
    return {
      status: 200,
      body: {
        id,
        object: "tax.calculation",
        currency: form.get("currency"),
        amount_total: total + Math.round((total * rate) / 100),
        tax_amount_exclusive: Math.round((total * rate) / 100),
        tax_amount_inclusive: 0,
        tax_breakdown: breakdown,
        livemode: false,
      },
    };
  }

  function route(path: string, form: URLSearchParams): { status: number; body: unknown } {
    if (path === "/v1/tax/calculations") return calculate(form);
    if (path === "/v1/tax/transactions/create_from_calculation") {
      const calculation = calculations.get(form.get("calculation") ?? "");
      if (calculation === undefined) {
        return {
          status: 404,
          body: { error: { type: "invalid_request_error", message: "No such calculation" } },
        };
      }
      const amount = calculation.lines.reduce((sum, line) => sum + line.amount, 0);
      const transaction = {
        id: `tax_${++sequence}`,
        reference: form.get("reference") ?? "",
        amount,
        tax: Math.round((amount * calculation.rate) / 100),
        reversed: false,
      };
      transactions.push(transaction);
      return { status: 200, body: { ...transaction, object: "tax.transaction", type: "transaction" } };
    }
    if (path === "/v1/tax/transactions/create_reversal") {
      const original = transactions.find(
        (transaction) => transaction.id === form.get("original_transaction"),
      );
      if (original === undefined || original.reversed) {
        return { status: 400, body: { error: { type: "invalid_request_error", message: "Cannot reverse" } } };
      }
      original.reversed = true;
      return {
        status: 200,
        body: {
          id: `tax_${++sequence}`,
          object: "tax.transaction",
          type: "reversal",
          reference: form.get("reference"),
        },
      };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `No route ${path}` } } };
  }

  const server = createServer((request, response) => {
    void (async () => {
      const form = new URLSearchParams(await readBody(request));
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      const idempotencyKey = request.headers["idempotency-key"] as string | undefined;
      calls.push({ path, idempotencyKey });
      if (request.headers.authorization !== `Bearer ${secretKey}`) {
        send(response, 401, {
          error: { type: "invalid_request_error", message: "Invalid API Key provided." },
        });
        return;
      }
      if (failures > 0) {
        failures--;
        send(response, 500, {
          error: { type: "api_error", message: "Something went wrong on Stripe's end." },
        });
        return;
      }
      const replay = idempotencyKey === undefined ? undefined : answered.get(`${path}|${idempotencyKey}`);
      const answer = replay ?? route(path, form);
      if (idempotencyKey !== undefined && answer.status < 500)
        answered.set(`${path}|${idempotencyKey}`, answer);
      send(response, answer.status, answer.body);
    })();
  });
  const url = await listenLocally(server);
  return {
    url,
    secretKey,
    transactions,
    calls,
    failNext: (count) => {
      failures = count;
    },
    close: () => closeServer(server),
  };
}

export type LocalAvaTax = {
  url: string;
  accountId: string;
  licenseKey: string;
  companyCode: string;
  /** Committed sales invoices by code (the invoice number). */
  documents: Map<
    string,
    { amount: number; tax: number; status: "Committed" | "Cancelled"; adjustments: number }
  >;
  /** Sales orders (quotes) asked for: AvaTax records none of them. */
  quotes: number;
  failNext(count: number): void;
  close(): Promise<void>;
};

export async function startLocalAvaTax(): Promise<LocalAvaTax> {
  const accountId = "2000123456";
  const licenseKey = "LOCALAVATAXLICENSE";
  const companyCode = "FAIRBILLCO";
  const documents: LocalAvaTax["documents"] = new Map();
  let quotes = 0;
  let failures = 0;
  const authorization = `Basic ${Buffer.from(`${accountId}:${licenseKey}`).toString("base64")}`;

  type AvaAddress = { line1?: string; city?: string; region?: string; postalCode?: string; country?: string };
  type CreateModel = {
    code?: string;
    type?: number | string;
    companyCode?: string;
    addresses?: { shipTo?: AvaAddress; shipFrom?: AvaAddress };
    lines: { number?: string; amount: number }[];
    commit?: boolean;
  };
  const locateAva = (address: AvaAddress = {}) =>
    locate({
      ...(address.country ? { country: address.country } : {}),
      ...(address.region ? { state: address.region } : {}),
      ...(address.postalCode ? { postal_code: address.postalCode } : {}),
    });
  const error = (status: number, code: string, message: string) => ({
    status,
    body: {
      error: { code, message, target: "IncorrectData", details: [{ code, message, severity: "Error" }] },
    },
  });

  function transactionOf(model: CreateModel): { status: number; body: unknown } {
    const located = locateAva(model.addresses?.shipTo);
    if (!located.ok) return error(400, "InvalidAddress", located.message);
    const amount = model.lines.reduce((sum, line) => sum + Number(line.amount), 0);
    const taxes = located.jurisdiction?.taxes ?? [];
    const summary = taxes.map((tax) => ({
      country: located.jurisdiction?.country,
      region: located.jurisdiction?.state ?? located.jurisdiction?.country,
      taxName: tax.name,
      rate: Number(tax.rate) / 100,
      taxable: amount,
      tax: Math.round(amount * Number(tax.rate)) / 100,
    }));
    const tax = summary.reduce((sum, entry) => sum + entry.tax, 0);
    const isInvoice = model.type === 1 || model.type === "SalesInvoice";
    if (isInvoice && model.code) {
      const existing = documents.get(model.code);
      if (existing?.status === "Cancelled") return error(400, "CannotModifyLockedTransaction", "Voided");
      documents.set(model.code, {
        amount,
        tax,
        status: "Committed",
        adjustments: existing === undefined ? 0 : existing.adjustments + 1,
      });
    } else {
      quotes++;
    }
    return {
      status: 201,
      body: {
        id: documents.size,
        code: model.code ?? `order-${quotes}`,
        totalAmount: amount,
        totalTax: tax,
        summary,
      },
    };
  }

  async function route(
    method: string,
    path: string,
    body: string,
  ): Promise<{ status: number; body: unknown }> {
    if (method === "POST" && path === "/api/v2/transactions/create") {
      return transactionOf(JSON.parse(body) as CreateModel);
    }
    if (method === "POST" && path === "/api/v2/transactions/createoradjust") {
      return transactionOf(
        (JSON.parse(body) as { createTransactionModel: CreateModel }).createTransactionModel,
      );
    }
    const voidMatch = /^\/api\/v2\/companies\/([^/]+)\/transactions\/([^/]+)\/void$/.exec(path);
    if (method === "POST" && voidMatch) {
      const document = documents.get(decodeURIComponent(voidMatch[2] ?? ""));
      if (document === undefined) return error(404, "EntityNotFoundError", "No such transaction");
      if (document.status === "Cancelled")
        return error(400, "CannotModifyLockedTransaction", "Already voided");
      document.status = "Cancelled";
      return { status: 200, body: { code: voidMatch[2], status: "Cancelled" } };
    }
    const getMatch = /^\/api\/v2\/companies\/([^/]+)\/transactions\/([^/]+)$/.exec(path);
    if (method === "GET" && getMatch) {
      const document = documents.get(decodeURIComponent(getMatch[2] ?? ""));
      if (document === undefined) return error(404, "EntityNotFoundError", "No such transaction");
      return { status: 200, body: { code: getMatch[2], status: document.status } };
    }
    if (method === "POST" && path === "/api/v2/addresses/resolve") {
      const address = JSON.parse(body) as AvaAddress;
      const located = locateAva(address);
      return {
        status: 200,
        body: located.ok
          ? {
              address,
              validatedAddresses: [{ ...address, line1: address.line1?.toUpperCase() }],
              messages: [],
            }
          : {
              address,
              messages: [{ severity: "Error", summary: located.message, details: "Check the postal code" }],
            },
      };
    }
    return error(404, "NotFound", `No route ${method} ${path}`);
  }

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      if (request.headers.authorization !== authorization) {
        send(response, 401, { error: { code: "AuthenticationException", message: "Authentication failed" } });
        return;
      }
      if (failures > 0) {
        failures--;
        send(response, 500, { error: { code: "ServerError", message: "AvaTax is unavailable" } });
        return;
      }
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      const answer = await route(request.method ?? "GET", path, body);
      send(response, answer.status, answer.body);
    })();
  });
  const url = await listenLocally(server);
  return {
    url,
    accountId,
    licenseKey,
    companyCode,
    documents,
    get quotes() {
      return quotes;
    },
    failNext: (count) => {
      failures = count;
    },
    close: () => closeServer(server),
  };
}
