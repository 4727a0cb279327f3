// What the browser tests stand on: the console built (only if stale), the
// whole app listening on a free port with a fresh test database and the
// console served, an organization with an admin key, and Debian's Chromium
// driven by playwright-core. Every page's console errors and uncaught
// exceptions are collected so that a test can assert there were none.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { buildApplication } from "../../src/app.ts";
import type { EmailSettings } from "../../src/notifications/index.ts";
import { createOrganization, type Organization } from "../../src/organizations/index.ts";
import { createServiceAccountKey } from "../../src/people/index.ts";
import type { Role } from "../../src/platform/auth/roles.ts";
import { systemClock } from "../../src/platform/clock.ts";
import type { RequestContext } from "../../src/platform/context.ts";
import type { DatabaseHandle } from "../../src/platform/database/database.ts";
import type { FairbillApp } from "../../src/platform/http/server.ts";
import { systemContextOf } from "../support/test-app.ts";
import { openTestDatabase } from "../support/test-database.ts";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const chromiumPath = "/usr/bin/chromium";
const screenshotDirectory = join(root, "test-results", "screenshots");

export const laptop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

/**
 * Waits until no part of the page is still loading. A locator, not a string
 * predicate: the console's Content-Security-Policy forbids evaluating strings.
 */
export async function settled(target: Page): Promise<void> {
  await target.locator(".state-loading").first().waitFor({ state: "detached" });
}

// Network refusals the tests provoke on purpose (a bad form, a revoked key)
// are logged by Chromium as "Failed to load resource"; those are the API's
// answers, not faults of the console. Anything else is.
const expectedRefusal = /^Failed to load resource: the server responded with a status of 4\d\d/;

export type ConsoleHarness = {
  baseUrl: string;
  organization: Organization;
  context: RequestContext;
  adminKey: string;
  /** Calls the API with the admin key, as a client would; returns the parsed body or throws. */
  api(method: "GET" | "POST" | "PUT" | "PATCH", path: string, body?: unknown): Promise<unknown>;
  newKey(role: Role, name?: string): Promise<{ id: string; secret: string }>;
  /** A fresh browser context (its own sessionStorage) at the given size, with error collection. */
  newPage(viewport: { width: number; height: number }): Promise<Page>;
  /** Errors the pages logged or threw, other than expected API refusals. */
  consoleErrors: string[];
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
};

function buildConsoleIfStale(): void {
  const result = spawnSync(process.execPath, [join(root, "scripts", "build-web.ts"), "--if-stale"], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Building the console failed:\n${result.stdout}${result.stderr}`);
}

export type HarnessOptions = {
  /** Run the job worker beside the API, as `fairbill serve` does (webhook deliveries, emails). */
  background?: boolean;
  /** Where the worker sends emails (a test SMTP server, see test/support/mail.ts). */
  email?: EmailSettings;
  /** Let webhooks reach a receiver the test runs on this machine. */
  allowPrivateTargets?: boolean;
};

export async function startConsoleHarness(options: HarnessOptions = {}): Promise<ConsoleHarness> {
  buildConsoleIfStale();
  const handle: DatabaseHandle = await openTestDatabase();
  let app: FairbillApp | undefined;
  let browser: Browser | undefined;
  try {
    app = await buildApplication({
      handle,
      console: { directory: join(root, "web", "dist") },
      ...(options.background ? { background: true } : {}),
      ...(options.allowPrivateTargets ? { allowPrivateTargets: true } : {}),
      ...(options.email ? { email: options.email } : {}),
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const organization = await createOrganization(handle.database, "Browser test organization", systemClock);
    const context = systemContextOf(organization, handle.database, { actorName: "browser-test" });
    const newKey = async (role: Role, name = `${role} browser key`) => {
      const { apiKey, secret } = await createServiceAccountKey(context, { name, role });
      return { id: apiKey.id, secret };
    };
    const admin = await newKey("admin", "Browser test admin");

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    mkdirSync(screenshotDirectory, { recursive: true });

    const consoleErrors: string[] = [];
    const contexts: BrowserContext[] = [];
    const openBrowser = browser;
    const openApp = app;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      organization,
      context,
      adminKey: admin.secret,
      api: async (method, path, body) => {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${admin.secret}`,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
        return text === "" ? undefined : JSON.parse(text);
      },
      newKey,
      consoleErrors,
      newPage: async (viewport) => {
        const browserContext = await openBrowser.newContext({ viewport, locale: "en-US", timezoneId: "UTC" });
        contexts.push(browserContext);
        const page = await browserContext.newPage();
        page.on("console", (message) => {
          if (message.type() === "error" && !expectedRefusal.test(message.text())) {
            consoleErrors.push(`${page.url()}: ${message.text()}`);
          }
        });
        page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
        return page;
      },
      screenshot: async (page, name) => {
        const size = page.viewportSize();
        const suffix = size ? `${size.width}x${size.height}` : "page";
        await page.screenshot({ path: join(screenshotDirectory, `${name}-${suffix}.png`), fullPage: true });
      },
      close: async () => {
        for (const browserContext of contexts) await browserContext.close().catch(() => {});
        await openBrowser.close();
        await openApp.close();
        await handle.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await app?.close().catch(() => {});
    await handle.close();
    throw error;
  }
}

/** Signs a page in with a key through the sign-in form. */
export async function signIn(page: Page, baseUrl: string, apiKey: string, path = "/"): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Sign in with the key" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
