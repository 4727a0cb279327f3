// The webhook contracts: every event type a domain declares is in the OpenAPI
// document's webhooks, the document describes what a receiver really gets,
// and a payload that breaks its declared schema is caught (the test app
// checks every event each test file published when it closes).
import { readFile } from "node:fs/promises";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { WebhookReceiver } from "../../test/support/webhook-receiver.ts";
import { webhookEvents } from "../app.ts";
import { customerUpdated } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { webhookPayloadErrors } from "./webhook-document.ts";
import { publishEvent } from "./webhook-events.ts";

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

// biome-ignore lint/suspicious/noExplicitAny: the document is JSON the test walks.
type Json = any;

let document: Json;
const receiver = new WebhookReceiver();

const suite = testAppForFile({
  tenantName: "Webhook document",
  allowPrivateTargets: true,
});
beforeAll(async () => {
  document = (await suite.tenant.admin.get("/openapi.json")).body;
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

/** Every `$ref` in a JSON value. */
function referencesIn(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === "$ref" && typeof child === "string" ? [child] : referencesIn(child),
  );
}

/** A validator of a delivery's body for `type`, from the document alone (its references resolved in it). */
function documentedBody(type: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const body = document.webhooks[type].post.requestBody.content["application/json"].schema;
  return ajv.compile({ ...body, components: document.components });
}

describe("the webhooks of the OpenAPI document", () => {
  it("list every declared event type, and the endpoints' filters accept exactly those", async () => {
    expect(webhookEvents.types.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(document.webhooks)).toEqual(webhookEvents.types);
    expect((await suite.tenant.admin.get("/v1/webhook-event-types")).body.data).toEqual(webhookEvents.types);
    for (const event of webhookEvents.events) {
      const post = document.webhooks[event.type].post;
      expect(post.description).toBe(event.description);
      const body = post.requestBody.content["application/json"].schema;
      expect(body.required).toEqual(["id", "type", "timestamp", "data"]);
      expect(body.properties.type.const).toBe(event.type);
      // The payload is a named component schema, the object's own.
      expect(body.properties.data).toEqual({
        $ref: `#/components/schemas/${(event.payload as { title: string }).title}`,
      });
    }
    const unknown = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: receiver.url("/nothing"),
      event_types: ["invoice.paid", "invoice.exploded"],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: "$.event_types[1]", message: expect.any(String) }]);
  });

  it("refer only to component schemas it has, naming each object once", () => {
    const references = referencesIn(document);
    expect(references.length).toBeGreaterThan(webhookEvents.types.length);
    for (const reference of references) {
      // A schema (`#/components/schemas/Invoice`) or a shared error response (`#/components/responses/NotFound`).
      const [, kind, name] = reference.match(/^#\/components\/(schemas|responses)\/(.+)$/) ?? [];
      expect(kind, reference).toBeDefined();
      expect(document.components[kind as string][name as string], reference).toBeDefined();
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        "Invoice",
        "CreditNote",
        "Payment",
        "Refund",
        "Customer",
        "Subscription",
        "CreditGrant",
        "AlertTrigger",
        "AlertRule",
      ]),
    );
    // The same object is described once and referred to elsewhere: the failed payment's invoice is the Invoice.
    expect(document.components.schemas.InvoicePaymentFailed.allOf[0]).toEqual({
      $ref: "#/components/schemas/Invoice",
    });
  });

  it("describe the body a receiver gets, signed, with the object as the API shows it", async () => {
    const endpoint = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: receiver.url("/documented"),
      event_types: ["customer.created"],
    });
    const customer = await createCustomer(suite.tenant.admin, {
      external_id: "documented",
      billing_address: { line1: "Main 1", city: "Berlin", country: "DE" },
      metadata: { plan: "pro" },
    });
    await suite.testApp.runJobs();
    const [request] = receiver.to("/documented");
    if (request === undefined) throw new Error("Nothing was delivered.");
    const [event] = receiver.verified("/documented", endpoint.body.secret);
    expect(event).toEqual({
      id: request.headers["webhook-id"],
      type: "customer.created",
      timestamp: expect.any(String),
      data: customer,
    });
    const validate = documentedBody("customer.created");
    expect(validate(JSON.parse(request.body)), JSON.stringify(validate.errors)).toBe(true);
    expect(documentedBody("customer.updated")(JSON.parse(request.body))).toBe(false);
  });
});

describe("the README's event catalogue", () => {
  it("has a row for every declared event type, in the document's order", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const rows = [...readme.matchAll(/^ {2}\| `([a-z_]+\.[a-z_]+)` \|/gm)].map((match) => match[1]);
    expect(rows).toEqual(webhookEvents.types);
  });
});

describe("a payload's declared schema", () => {
  it("refuses a payload that is not the object its type carries, and a type nobody declared", () => {
    expect(webhookPayloadErrors(webhookEvents, "invoice.finalized", { id: "inv_1" })).toEqual(
      expect.arrayContaining([{ path: "$.lines", message: "is required" }]),
    );
    expect(webhookPayloadErrors(webhookEvents, "invoice.exploded", {})).toEqual([
      { path: "$", message: "invoice.exploded is not a declared webhook event type" },
    ]);
  });

  it("types the publisher: a payload of another shape does not compile", () => {
    // Never called: the type check is the test (tsc fails on an unused @ts-expect-error).
    const wrong = (transaction: Database, context: RequestContext) =>
      // @ts-expect-error a customer.updated event carries a customer, not an invoice summary
      publishEvent(transaction, context, customerUpdated, { id: "inv_1", amount_due: "10.00" });
    expect(wrong).toBeTypeOf("function");
  });
});
