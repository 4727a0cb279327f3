// The HTTP tax provider against a real HTTP server on 127.0.0.1, started by
// the test: what Fairbill sends, what it makes of good answers, and the error
// it gives for every kind of bad one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { FairbillError } from "../platform/errors.ts";
import { setOutgoingRequestPolicy } from "../platform/outgoing-requests/target-policy.ts";
import { type TaxRequest, taxQuoteFor } from "./taxes.ts";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const suite = appForFile({ allowPrivateTargets: true });
let server: Server;
let baseUrl: string;
let handler: Handler;
const received: { authorization: string | undefined; contentType: string | undefined; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body: JSON.parse(body),
      });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const secret = "test-provider-secret-42";

function answer(status: number, body: string, contentType = "application/json"): Handler {
  return (_request, _body, response) => {
    response.writeHead(status, { "content-type": contentType });
    response.end(body);
  };
}

async function useProvider(
  tenant: TestTenant,
  options: { path?: string; timeoutMs?: number; url?: string } = {},
) {
  const response = await suite.testApp.app.inject({
    method: "PUT",
    url: "/v1/tax-settings",
    headers: { authorization: `Bearer ${tenant.admin.key}` },
    payload: {
      tax_provider: {
        type: "http",
        url: options.url ?? `${baseUrl}${options.path ?? "/quote"}`,
        secret,
        ...(options.timeoutMs === undefined ? {} : { timeout_ms: options.timeoutMs }),
      },
    },
  });
  expect(response.statusCode).toBe(200);
}

function requestFor(customerId: string): TaxRequest {
  return {
    seller: { country: "DE", region: null, taxId: "DE123456789" },
    customer: { id: customerId, country: "FR", region: null, taxIds: ["FR40303265045"] },
    currency: "EUR",
    issuedAt: new Date("2026-03-01T00:00:00Z"),
  };
}

async function quote(tenant: TestTenant, customerId = "cus_not_stored") {
  const context = tenant.context();
  return taxQuoteFor(context.database, context, requestFor(customerId));
}

async function failure(tenant: TestTenant): Promise<FairbillError> {
  const error = await quote(tenant).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FairbillError);
  expect((error as FairbillError).code).toBe("tax_provider_failed");
  expect((error as FairbillError).status).toBe(502);
  return error as FairbillError;
}

describe("the HTTP tax provider", () => {
  it("posts the request as JSON with the secret and reads the quote back", async () => {
    const tenant = await suite.testApp.newTenant();
    await useProvider(tenant);
    handler = answer(
      200,
      JSON.stringify({
        percent: "8.875",
        inclusive: false,
        components: [
          { name: "New York State", percent: "4", jurisdiction: "US-NY" },
          { name: "New York City", percent: "4.875", jurisdiction: "US-NY-NYC" },
        ],
        note: "Calculated by the test provider",
        provider_transaction_id: "kept by the provider, ignored by Fairbill",
      }),
    );
    received.length = 0;
    const result = await quote(tenant, "cus_wire");
    expect(received).toEqual([
      {
        authorization: `Bearer ${secret}`,
        contentType: "application/json",
        body: {
          seller: { country: "DE", region: null, tax_id: "DE123456789" },
          customer: { id: "cus_wire", country: "FR", region: null, tax_ids: ["FR40303265045"] },
          currency: "EUR",
          issued_at: "2026-03-01T00:00:00.000Z",
        },
      },
    ]);
    expect({
      ...result,
      percent: result.percent.toString(),
      components: result.components.map((component) => ({
        ...component,
        percent: component.percent.toString(),
      })),
    }).toEqual({
      percent: "8.875",
      inclusive: false,
      reverseCharge: false,
      components: [
        { name: "New York State", percent: "4", jurisdiction: "US-NY" },
        { name: "New York City", percent: "4.875", jurisdiction: "US-NY-NYC" },
      ],
      exemptionReason: null,
      note: "Calculated by the test provider",
    });
  });

  it("reads a reverse charge answer with only the fields it needs", async () => {
    const tenant = await suite.testApp.newTenant();
    await useProvider(tenant);
    handler = answer(200, JSON.stringify({ percent: "0", reverse_charge: true, note: "Autoliquidation" }));
    const result = await quote(tenant);
    expect(result.percent.isZero()).toBe(true);
    expect(result).toMatchObject({
      reverseCharge: true,
      inclusive: false,
      components: [],
      note: "Autoliquidation",
    });
  });

  it("is not asked for a customer with an exemption", async () => {
    const tenant = await suite.testApp.newTenant();
    await useProvider(tenant);
    const created = await createCustomer(tenant.admin, { external_id: "charity", country: "FR" });
    await tenant.admin.post(`/v1/customers/${created.id}/tax-exemption`, {
      reason: "Registered charity",
    });
    handler = answer(500, "should not be called");
    received.length = 0;
    const result = await quote(tenant, created.id);
    expect(received).toEqual([]);
    expect(result.exemptionReason).toBe("Registered charity");
  });

  it.each([
    ["an HTTP error", answer(500, "internal error", "text/plain"), "answered HTTP 500"],
    [
      "a body that is not JSON",
      answer(200, "<html>tax</html>", "text/html"),
      "answered with a body that is not JSON",
    ],
    [
      "a number where a decimal string belongs, and a missing name",
      answer(200, JSON.stringify({ percent: 19, components: [{ percent: "19", jurisdiction: "DE" }] })),
      "answered with a quote Fairbill cannot read: $.percent must be a string; $.components[0].name is required",
    ],
    [
      "components that do not add up",
      answer(
        200,
        JSON.stringify({ percent: "19", components: [{ name: "VAT", percent: "16", jurisdiction: "DE" }] }),
      ),
      "answered components that add up to 16 percent, not the 19 it quoted",
    ],
    [
      "a percent above 100",
      answer(200, JSON.stringify({ percent: "250" })),
      "answered a percent of 250, more than 100",
    ],
    [
      "a reverse charge with tax",
      answer(200, JSON.stringify({ percent: "19", reverse_charge: true })),
      "answered a reverse charge with a percent of 19; a reverse charge is 0",
    ],
    [
      "an answer that is too large",
      answer(200, JSON.stringify({ percent: "1", note: "x".repeat(70_000) })),
      "answered with more than 65536 bytes",
    ],
  ])("fails clearly on %s", async (_case, badHandler, problem) => {
    const tenant = await suite.testApp.newTenant();
    await useProvider(tenant);
    handler = badHandler;
    const error = await failure(tenant);
    expect(error.detail).toBe(`The tax provider at ${baseUrl}/quote ${problem}.`);
  });

  it("gives up after its timeout", async () => {
    const tenant = await suite.testApp.newTenant();
    await useProvider(tenant, { timeoutMs: 200 });
    handler = (_request, _body, response) => {
      const timer = setTimeout(
        () => answer(200, JSON.stringify({ percent: "19" }))(_request, _body, response),
        2_000,
      );
      response.on("close", () => clearTimeout(timer));
    };
    const started = Date.now();
    const error = await failure(tenant);
    expect(error.detail).toBe(`The tax provider at ${baseUrl}/quote did not answer within 200 ms.`);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("says so when nothing listens", async () => {
    const tenant = await suite.testApp.newTenant();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await useProvider(tenant, { url: `http://127.0.0.1:${port}/quote` });
    const error = await failure(tenant);
    expect(error.detail).toBe(
      `The tax provider at http://127.0.0.1:${port}/quote could not be reached (ECONNREFUSED).`,
    );
  });

  it("is never called at an internal address: refused when saved, and when sent (issue 18, finding 4)", async () => {
    const tenant = await suite.testApp.newTenant();
    await useProvider(tenant);
    handler = answer(200, JSON.stringify({ percent: "19" }));
    setOutgoingRequestPolicy({ allowPrivateTargets: false });
    try {
      for (const url of [
        "http://169.254.169.254/latest/meta-data/",
        `${baseUrl}/quote`,
        "http://[::1]:5432/",
      ]) {
        const saved = await tenant.admin.put("/v1/tax-settings", {
          tax_provider: { type: "http", url, secret },
        });
        expect(saved.status).toBe(400);
        expect(saved.body.errors).toEqual([expect.objectContaining({ path: "$.tax_provider.url" })]);
      }
      // The URL saved while this machine was allowed is refused when the quote is asked for, the secret unsent.
      const before = received.length;
      const error = await failure(tenant);
      expect(error.detail).toMatch(/could not be reached \(.*must not point at .*loopback/);
      expect(received).toHaveLength(before);
    } finally {
      setOutgoingRequestPolicy({ allowPrivateTargets: true });
    }
  });
});
