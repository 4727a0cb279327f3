// Webhooks in a real Chromium, with the job worker running as in `fairbill
// serve`. An admin adds an endpoint (a local HTTP server that fails its first
// request), copies its signing secret, sees the failed attempt in the
// delivery log, redelivers by hand and sees the attempt succeed; then
// disables the endpoint. Screenshots of each page go to test-results/screenshots/.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, phone, signIn, startConsoleHarness } from "./browser-harness.ts";

let harness: ConsoleHarness;
let admin: Page;
let receiver: Server;
let receiverUrl: string;
const received: { signature: string | undefined; body: string }[] = [];

beforeAll(async () => {
  // The receiver answers 500 to the first delivery and 200 to every later one.
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      received.push({ signature: request.headers["webhook-signature"] as string | undefined, body });
      response.statusCode = received.length === 1 ? 500 : 200;
      response.end(received.length === 1 ? "temporarily down" : "ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/fairbill`;
  harness = await startConsoleHarness({ background: true, allowPrivateTargets: true });
  admin = await harness.newPage(laptop);
  await signIn(admin, harness.baseUrl, harness.adminKey, "/webhooks");
});
afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

/** Presses Refresh on the delivery log until `text` shows, as an operator would. */
async function refreshUntil(target: Page, text: RegExp): Promise<void> {
  const log = target.getByRole("region", { name: "Delivery log" });
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if ((await log.getByText(text).count()) > 0) return;
    await log.getByRole("button", { name: "Refresh" }).click();
    await target.waitForTimeout(500);
  }
  throw new Error(`The delivery log never showed ${text}`);
}

describe("webhooks in the console", () => {
  it("adds an endpoint and shows its signing secret once", async () => {
    await heading(admin, "Webhooks");
    await admin.getByText("No endpoints yet.").waitFor();
    const form = admin.getByRole("region", { name: "Add an endpoint" });
    await form.getByLabel("URL").fill(receiverUrl);
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await form.getByText("choose at least one event type").waitFor();
    await form.getByLabel("subscription.created").check();
    await form.getByLabel("Description").fill("CRM sync");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secret = admin.getByRole("textbox", { name: "Signing secret" });
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    await harness.screenshot(admin, "webhooks");
    await admin.getByRole("button", { name: "I have saved it" }).click();
    await admin
      .getByRole("region", { name: "Webhook endpoints table" })
      .getByRole("link", { name: receiverUrl })
      .click();
    await heading(admin, "Webhook endpoint");
  });

  it("logs the failed attempt, and the redelivery that succeeds", async () => {
    const plan = (await harness.api("POST", "/v1/plans", {
      code: "basic",
      name: "Basic",
      version: {
        currency: "USD",
        interval: "month",
        charges: [{ id: "base", type: "fixed", amount: "9.00" }],
      },
    })) as { id: string };
    await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
    const customer = (await harness.api("POST", "/v1/customers", {
      external_id: "hooked",
      name: "Hooked Ltd",
    })) as {
      id: string;
    };
    await harness.api("POST", "/v1/subscriptions", { customer_id: customer.id, plan_id: plan.id });
    await refreshUntil(admin, /#1 failed: HTTP 500/);
    const delivery = admin
      .getByRole("region", { name: "Deliveries table" })
      .getByRole("row", { name: /subscription\.created/ });
    await delivery.getByRole("button", { name: "Redeliver subscription.created" }).click();
    await admin.getByText(/queued again/).waitFor();
    await refreshUntil(admin, /#2 \(by hand\) succeeded: HTTP 200/);
    expect(await delivery.textContent()).toContain("succeeded");
    expect(received).toHaveLength(2);
    expect(received[1]?.signature).toMatch(/^v1,/);
    expect(JSON.parse(received[1]!.body)).toMatchObject({ type: "subscription.created" });
    await harness.screenshot(admin, "webhook-deliveries");
  });

  it("disables the endpoint", async () => {
    const settings = admin.getByRole("region", { name: "Settings" });
    await settings.getByLabel("Enabled").uncheck();
    await settings.getByRole("button", { name: "Save settings" }).click();
    await admin.getByRole("main").getByText("Disabled", { exact: true }).first().waitFor();
    expect(await admin.getByRole("button", { name: /^Redeliver/ }).count()).toBe(0);
  });

  it("works at phone width", async () => {
    const phonePage = await harness.newPage(phone);
    await signIn(phonePage, harness.baseUrl, harness.adminKey, "/webhooks");
    await heading(phonePage, "Webhooks");
    await phonePage.getByRole("region", { name: "Webhook endpoints table" }).waitFor();
    await harness.screenshot(phonePage, "webhooks");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );
  });

  it("logged no errors on any page", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
