// People in a real Chromium, signed in with passwords: the first admin is
// made with the one-time link of the first start and invites a billing
// operator, a finance user and a second billing operator; each accepts the
// invitation from the email the test SMTP server received. The operator
// drafts a price change (a plan version) and submits it; the finance user
// sees it in the approval queue but cannot approve it; the second operator
// approves it; the audit log page names both operators.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstAdminLink } from "../../src/people/index.ts";
import { systemClock } from "../../src/platform/clock.ts";
import { removeDataDirectory, SmtpReceiver, temporaryDataDirectory } from "../support/mail.ts";
import { type ConsoleHarness, laptop, startConsoleHarness } from "./browser-harness.ts";

const password = "correct horse battery staple";
let harness: ConsoleHarness;
let smtp: SmtpReceiver;
let dataDirectory: string;
let admin: Page;

beforeAll(async () => {
  smtp = new SmtpReceiver();
  await smtp.start();
  dataDirectory = await temporaryDataDirectory("fairbill-people-browser");
  harness = await startConsoleHarness({
    background: true,
    email: { smtpUrl: smtp.url(), emailFrom: "Fairbill <people@localhost>", dataDirectory },
  });
  admin = await harness.newPage(laptop);
});
afterAll(async () => {
  await harness?.close();
  await smtp?.stop();
  await removeDataDirectory(dataDirectory);
});

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

async function signInWithPassword(target: Page, email: string): Promise<void> {
  await target.goto(harness.baseUrl);
  await heading(target, "Sign in to the Fairbill console");
  await target.getByLabel("Email (required)", { exact: true }).fill(email);
  await target.getByLabel("Password (required)", { exact: true }).fill(password);
  await target.getByRole("button", { name: "Sign in", exact: true }).click();
  await target.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The link of the latest email to `address`, on this server, once the worker has sent it. */
async function emailedLink(address: string): Promise<string> {
  for (;;) {
    const mail = smtp.received.findLast((received) =>
      received.envelope.rcptTo.some((to) => to.address === address),
    );
    const link = /https?:\/\/\S+?token=[A-Za-z0-9_-]+/.exec(mail?.mail.text ?? "")?.[0];
    if (link !== undefined) {
      const url = new URL(link);
      return `${harness.baseUrl}${url.pathname}${url.search}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function invite(name: string, email: string, role: string): Promise<void> {
  const form = admin.getByRole("region", { name: "Invite someone" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Send the invitation" }).click();
  await admin.getByText(`${name} was invited`).waitFor();
}

/** A new browser for an invitee: accepts the emailed invitation with a password, then signs in. */
async function accept(email: string): Promise<Page> {
  const page = await harness.newPage(laptop);
  await page.goto(await emailedLink(email));
  await heading(page, "Accept the invitation");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Accept and set the password" }).click();
  await page.getByText("Your account is ready.").waitFor();
  await signInWithPassword(page, email);
  return page;
}

const people = {
  operator: { name: "Grace Hopper", email: "grace@example.com", role: "billing_ops" },
  finance: { name: "Frances Allen", email: "frances@example.com", role: "finance" },
  approver: { name: "Barbara Liskov", email: "barbara@example.com", role: "billing_ops" },
};
const pages: Partial<Record<keyof typeof people, Page>> = {};

function pageOf(who: keyof typeof people): Page {
  const page = pages[who];
  if (page === undefined) throw new Error(`${who} has not signed in`);
  return page;
}

describe("people in the console", () => {
  it("creates the first admin with the one-time link and signs in with a password", async () => {
    const link = await firstAdminLink(
      harness.context.database,
      systemClock,
      harness.organization.id,
      harness.baseUrl,
    );
    expect(link).toBeDefined();
    await admin.goto(link ?? "");
    await heading(admin, "Create the first admin");
    await admin.getByLabel("Your name").fill("Ada Lovelace");
    await admin.getByLabel("Email").fill("ada@example.com");
    await admin.getByLabel("Password").fill(password);
    await admin.getByRole("button", { name: "Create the admin" }).click();
    await admin.getByText("Your admin account is ready.").waitFor();
    await signInWithPassword(admin, "ada@example.com");
    const banner = admin.getByRole("banner");
    await banner.getByRole("link", { name: "Ada Lovelace" }).waitFor();
    expect(await banner.getByText("Live environment").count()).toBe(1);
    await harness.screenshot(admin, "people-signed-in");
  });

  it("invites a billing operator, a finance user and a second operator, who accept by email", async () => {
    await admin.getByRole("navigation").getByRole("link", { name: "People" }).click();
    await heading(admin, "People");
    for (const person of Object.values(people)) await invite(person.name, person.email, person.role);
    const invitations = admin.getByRole("region", { name: "Invitations table" });
    await invitations.getByRole("row", { name: /Grace Hopper/ }).waitFor();
    await harness.screenshot(admin, "people-invitations");
    for (const who of Object.keys(people) as (keyof typeof people)[]) {
      pages[who] = await accept(people[who].email);
    }
    await admin.reload();
    const table = admin.getByRole("region", { name: "People table" });
    await table.getByRole("row", { name: /Barbara Liskov/ }).waitFor();
    expect(await table.getByRole("row", { name: /Frances Allen/ }).textContent()).toContain("Active");
  });

  it("lets the operator draft a price change and submit it; finance cannot approve it", async () => {
    const operator = pageOf("operator");
    await operator.goto(`${harness.baseUrl}/plans/new`);
    await heading(operator, "New plan");
    await operator.getByLabel("Plan code").fill("team");
    await operator.getByLabel("Plan name").fill("Team");
    await operator.getByRole("button", { name: "Add a fixed fee" }).click();
    const base = operator.getByRole("group", { name: /^Charge 1/ });
    await base.getByLabel("Charge id").fill("base");
    await base.getByLabel("Amount").fill("99.00");
    await operator.getByRole("button", { name: "Create plan" }).click();
    await heading(operator, "Team, version 1");
    await operator.getByRole("button", { name: "Submit for approval" }).click();
    const dialog = operator.getByRole("dialog", { name: "Submit version 1 for approval?" });
    await dialog.getByRole("button", { name: "Submit for approval" }).click();
    await operator.getByText("Version 1 was submitted for approval.").waitFor();

    const finance = pageOf("finance");
    await finance.goto(`${harness.baseUrl}/approvals`);
    await heading(finance, "Approvals");
    const row = finance
      .getByRole("region", { name: "Approval queue table" })
      .getByRole("row", { name: /Team version 1/ });
    await row.getByText("Grace Hopper").waitFor();
    expect(await row.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    await harness.screenshot(finance, "people-finance-queue");
  });

  it("lets a second billing operator approve it, and the audit log names both", async () => {
    const approver = pageOf("approver");
    await approver.goto(`${harness.baseUrl}/approvals`);
    await heading(approver, "Approvals");
    const row = approver
      .getByRole("region", { name: "Approval queue table" })
      .getByRole("row", { name: /Team version 1/ });
    await row.getByText("Grace Hopper").waitFor();
    await row.getByRole("button", { name: "Approve Team version 1" }).click();
    const dialog = approver.getByRole("dialog", { name: "Approve version 1?" });
    await dialog.getByRole("button", { name: "Approve and publish" }).click();
    await approver.getByText("Team version 1 was approved and is in effect.").waitFor();

    await admin.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
    await heading(admin, "Audit log");
    const log = admin.getByRole("region", { name: "Audit log table" });
    await log.getByText("Barbara Liskov").first().waitFor();
    await log.getByText("Grace Hopper").first().waitFor();
    await harness.screenshot(admin, "people-audit-log");
    expect(harness.consoleErrors).toEqual([]);
  });
});
