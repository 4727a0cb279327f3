// Roles mean what they say. Walks every operation of the OpenAPI document
// (GET /openapi.json) with a key of every role and compares who is refused
// (403 forbidden) with two tables: the permission table of
// src/platform/auth/roles.ts (through the permission each operation documents
// as its security scope), and the reviewed list below of what finance,
// ingest, viewer and billing_ops may and may not change. An operation that
// names no permission is open to anyone signed in, whatever their role (their
// own account), and the walk checks that too. No operation is skipped without
// a reason: the public ones are listed with theirs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Permission, permissions, type Role, roleAllows, roles } from "../../src/platform/auth/roles.ts";
import {
  type ApiClient,
  startTestAppWithTenant,
  type TestApp,
  type TestTenant,
} from "../support/test-app.ts";

/** Operations that take no key and no session, each with why. */
const publicOperations: Record<string, string> = {
  getHealth: "a load balancer's probe, public",
  getReadiness: "a load balancer's probe, public",
  getPortalProfile: "the customer portal, signed in with a portal link's token instead of a key",
  getPortalUsage: "the customer portal, signed in with a portal link's token instead of a key",
  getPortalUpcomingInvoice: "the customer portal, signed in with a portal link's token instead of a key",
  getPortalCreditBalances: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalAllowances: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalInvoices: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalChildren: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalChildInvoices: "the customer portal, signed in with a portal link's token instead of a key",
  getPortalInvoicePdf: "the customer portal, signed in with a portal link's token instead of a key",
  payPortalInvoice: "the customer portal, signed in with a portal link's token instead of a key",
  getPortalStatement: "the customer portal, signed in with a portal link's token instead of a key",
  getPortalStatementPdf: "the customer portal, signed in with a portal link's token instead of a key",
  getPortalBillingDetails: "the customer portal, signed in with a portal link's token instead of a key",
  updatePortalBillingDetails: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalPaymentMethods: "the customer portal, signed in with a portal link's token instead of a key",
  addPortalPaymentMethod: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalSpendAlerts: "the customer portal, signed in with a portal link's token instead of a key",
  createPortalSpendAlert: "the customer portal, signed in with a portal link's token instead of a key",
  deletePortalSpendAlert: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalPlanOptions: "the customer portal, signed in with a portal link's token instead of a key",
  changePortalSubscriptionPlan: "the customer portal, signed in with a portal link's token instead of a key",
  cancelPortalSubscription: "the customer portal, signed in with a portal link's token instead of a key",
  listPortalWallets: "the customer portal, signed in with a portal link's token instead of a key",
  topUpPortalWallet: "the customer portal, signed in with a portal link's token instead of a key",
  getPartnerViewProfile: "a partner's statements, signed in with a statement link's token instead of a key",
  listPartnerViewStatements:
    "a partner's statements, signed in with a statement link's token instead of a key",
  getPartnerViewStatementCsv:
    "a partner's statements, signed in with a statement link's token instead of a key",
  getPartnerViewStatementPdf:
    "a partner's statements, signed in with a statement link's token instead of a key",
  receiveStripeWebhook: "Stripe's webhook, checked by its signature instead of a key",
  signIn: "signing in: the caller has no key or session yet",
  requestPasswordReset: "a forgotten password: the caller cannot sign in",
  resetPassword: "a forgotten password, with the emailed link's token",
  verifyEmail: "an email address confirmed with the emailed link's token",
  acceptInvitation: "an invitation accepted with the emailed link's token, before the account exists",
  createFirstAdmin: "the first admin, with the one-time link the first start printed",
  startSsoSignIn: "signing in through the organization's identity provider, before anyone is signed in",
  finishSsoSignIn: "where the identity provider sends the browser back, checked by its state and PKCE",
};

/** Operations sent as POST that only compute an answer and record nothing: reading is enough. */
const readsSentAsPost = new Set([
  "simulateScenario",
  "previewSubscriptionPlanChange",
  "previewSubscriptionQuantityChange",
  "previewEmailTemplate",
]);

/** What finance changes: payments, refunds, credit notes, taxes, periods, the journal, the close. */
const financeWrites = [
  "recordPayment",
  "refundPayment",
  "collectInvoice",
  "collectInvoices",
  "markInvoiceUncollectible",
  "createCreditNote",
  "openDispute",
  "addDisputeNote",
  "resolveDispute",
  "createTaxRate",
  "updateTaxRate",
  "updateTaxSettings",
  "updateInvoicingSettings",
  "updateFinanceSettings",
  "setStandaloneSellingPrice",
  "removeStandaloneSellingPrice",
  "enterExchangeRate",
  "fetchExchangeRate",
  "createJournalExport",
  "lockPeriod",
  "putIntegrationMapping",
  "queueIntegrationInvoiceSync",
  "queueIntegrationJournalSync",
  "queueIntegrationCrmSync",
  "retryIntegrationSync",
  "skipIntegrationSync",
  "queueWarehouseExport",
];

/** What only an admin does: people, keys, secrets, webhooks, settings, single sign-on. */
const adminOnly = [
  "createIntegrationConnection",
  "authorizeIntegrationConnection",
  "createWarehouseDestination",
  "listUsers",
  "getUser",
  "updateUser",
  "createServiceAccount",
  "createServiceAccountApiKey",
  "createInvitation",
  "listInvitations",
  "revokeInvitation",
  "getSignInSettings",
  "updateSignInSettings",
  "createApiKey",
  "listApiKeys",
  "getApiKey",
  "rotateApiKey",
  "revokeApiKey",
  "rotatePortalSecret",
  "updatePortalFramePolicy",
  "updatePaymentSettings",
  "updateApprovalPolicy",
  "approveApprovalPolicyChange",
  "rejectApprovalPolicyChange",
  "createWebhookEndpoint",
  "updateWebhookEndpoint",
  "deleteWebhookEndpoint",
  "rotateWebhookEndpointSecret",
  "redeliverWebhook",
  "getSsoConnection",
  "saveSsoConnection",
  "deleteSsoConnection",
];

/** All an ingest key may do. */
const ingestOperations = ["ingestEvent", "ingestEventBatch"];

/**
 * Who may call an operation, as its security requirement says: a key or
 * session with a permission (its scope), anyone signed in (the document's
 * default requirement, no scope), or anyone (no requirement).
 */
type Access = { permission: Permission } | "signed-in" | "public";

type Operation = { operationId: string; method: string; path: string; access: Access };

type Outcome = { operation: Operation; role: Role; status: number; code: string | undefined };

let testApp: TestApp;
let tenant: TestTenant;
let operations: Operation[];
let outcomes: Outcome[];

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant({ tenantName: "Roles" }));
  operations = documentedOperations((await tenant.admin.get("/openapi.json")).body);
  const clients = Object.fromEntries(
    await Promise.all(roles.map(async (role) => [role, await tenant.client(role)] as const)),
  ) as Record<Role, ApiClient>;
  outcomes = [];
  for (const operation of operations) {
    if (operation.access === "public") continue;
    for (const role of roles) {
      const response = await call(clients[role], operation);
      outcomes.push({ operation, role, status: response.status, code: response.body?.code });
    }
  }
}, 600_000); // a thousand calls on a busy machine
afterAll(async () => testApp?.close());

describe("the permission of every operation", () => {
  it("is public only where the list says why", () => {
    const unlisted = operations
      .filter((operation) => operation.access === "public" && !(operation.operationId in publicOperations))
      .map((operation) => `${operation.method} ${operation.path} (${operation.operationId})`);
    expect(unlisted, "name a permission, or list the operation in publicOperations with a reason").toEqual(
      [],
    );
    const listedButGuarded = operations
      .filter((operation) => operation.access !== "public" && operation.operationId in publicOperations)
      .map((operation) => operation.operationId);
    expect(listedButGuarded).toEqual([]);
    const known = new Set(operations.map((operation) => operation.operationId));
    expect(Object.keys(publicOperations).filter((operationId) => !known.has(operationId))).toEqual([]);
  });

  it("refuses a key with 403 exactly when the role table denies its role the permission", () => {
    const mismatches = outcomes
      .filter(({ operation, role, ...outcome }) => expectedAllowed(operation, role) === isRefusal(outcome))
      .map(
        ({ operation, role, status, code }) =>
          `${operation.operationId} (${describeAccess(operation.access)}) as ${role}: ${status} ${code ?? ""}`,
      );
    expect(mismatches).toEqual([]);
    expect(outcomes.length).toBe(
      operations.filter((operation) => operation.access !== "public").length * roles.length,
    );
  });

  it("uses every permission of the table on some operation", () => {
    const used = new Set(
      operations.flatMap((operation) =>
        typeof operation.access === "object" ? [operation.access.permission] : [],
      ),
    );
    expect(permissions.filter((permission) => !used.has(permission))).toEqual([]);
  });
});

describe("what each role may do", () => {
  it("lets an admin do everything", () => {
    expect(refused("admin")).toEqual([]);
  });

  it("lets finance change payments, refunds, credit notes, taxes, periods and the journal, and nothing else", () => {
    expect(changes("finance").sort()).toEqual([...financeWrites].sort());
  });

  it("refuses billing_ops only finance's changes and the admin's", () => {
    expect(refused("billing_ops").sort()).toEqual([...financeWrites, ...adminOnly].sort());
  });

  it("lets an ingest key send events and nothing else", () => {
    expect(allowed("ingest").sort()).toEqual([...ingestOperations].sort());
  });

  it("lets a viewer read and change nothing", () => {
    expect(changes("viewer")).toEqual([]);
  });
});

describe("refusals that were once allowed", () => {
  it("refuses a finance key a credit grant, a coupon, a subscription, an invoice void, a template and the test clock", async () => {
    const finance = await tenant.client("finance");
    const customer = await tenant.admin.post("/v1/customers", { external_id: "finance-refusals" });
    expect(customer.status).toBe(201);
    const grant = await finance.post(`/v1/customers/${customer.body.id}/credit-grants`, {
      amount: "1000000.00",
      currency: "USD",
      category: "promotional",
    });
    expect(grant.status).toBe(403);
    expect(grant.body.detail).toContain("billing:write");
    for (const [path, body] of [
      ["/v1/coupons", { code: "ALL-FREE", name: "Free", percent_off: "100", duration: "forever" }],
      ["/v1/subscriptions", { customer_id: customer.body.id, plan: "anything" }],
      ["/v1/invoices/inv_anything/void", {}],
      ["/v1/email-templates", { kind: "invoice_finalized", subject: "Hi", body: "Hi" }],
      ["/v1/test-clock/advance", { by: "P1M" }],
    ] as const) {
      expect((await finance.post(path, body)).status, path).toBe(403);
    }
  });

  it("refuses an ingest key a void, an amendment, a backfill and reading events or usage", async () => {
    const ingest = await tenant.client("ingest");
    const sent = await ingest.post("/v1/events", { id: "ingest-own", customer: "someone", name: "api_call" });
    expect(sent.status).toBe(201);
    const voided = await ingest.post("/v1/events/ingest-own/void", { reason: "not mine to void" });
    expect(voided.status).toBe(403);
    expect(voided.body.detail).toContain("events:manage");
    expect((await ingest.post("/v1/events/ingest-own/amend", {})).status).toBe(403);
    expect((await ingest.post("/v1/events/backfill", { events: [] })).status).toBe(403);
    expect((await ingest.get("/v1/events")).status).toBe(403);
    expect((await ingest.get("/v1/events/ingest-own")).status).toBe(403);
    expect((await ingest.get("/v1/usage?customer=someone")).status).toBe(403);
    const billingOps = await tenant.client("billing_ops");
    expect((await billingOps.post("/v1/events/ingest-own/void", { reason: "sent twice" })).status).toBe(200);
  });
});

/** The permission check's refusal (other 403s, such as four-eyes, come after it and are not about the role). */
function isRefusal(outcome: { status: number; code: string | undefined }): boolean {
  return outcome.status === 403 && outcome.code === "forbidden";
}

function expectedAllowed(operation: Operation, role: Role): boolean {
  return typeof operation.access === "object" ? roleAllows(role, operation.access.permission) : true;
}

function describeAccess(access: Access): string {
  return typeof access === "object" ? access.permission : access;
}

/** The operations of the role's own work (not its own account's) that refuse it. */
function refused(role: Role): string[] {
  return outcomes
    .filter((outcome) => outcome.role === role && isRefusal(outcome))
    .map((outcome) => outcome.operation.operationId);
}

/** The operations of the role's work that it may call (its own account's aside). */
function allowed(role: Role): string[] {
  return outcomes
    .filter(
      (outcome) => outcome.role === role && !isRefusal(outcome) && outcome.operation.access !== "signed-in",
    )
    .map((outcome) => outcome.operation.operationId);
}

/** The operations a role may call that change something (its own account aside). */
function changes(role: Role): string[] {
  return outcomes
    .filter(
      ({ operation, ...outcome }) =>
        outcome.role === role &&
        !isRefusal(outcome) &&
        operation.access !== "signed-in" &&
        operation.method !== "GET" &&
        !readsSentAsPost.has(operation.operationId),
    )
    .map((outcome) => outcome.operation.operationId);
}

type DocumentOperation = { operationId?: string; security?: Record<string, string[]>[] };

/** Every operation of the document, with who may call it by its security requirement. */
function documentedOperations(document: { paths: Record<string, Record<string, DocumentOperation>> }) {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const scopes = new Set(operation.security?.flatMap((requirement) => Object.values(requirement).flat()));
      expect(scopes.size, `${method} ${path} names at most one permission`).toBeLessThanOrEqual(1);
      const [scope] = scopes;
      if (scope !== undefined) expect(permissions, `${method} ${path}`).toContain(scope);
      const access: Access =
        scope !== undefined
          ? { permission: scope as Permission }
          : operation.security === undefined
            ? "signed-in"
            : "public";
      found.push({
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        access,
      });
    }
  }
  return found;
}

/**
 * Calls an operation with placeholder path parameters and an empty body: the
 * permission is checked before the path or the body is, so the answer is 403
 * for a refused role and something else (404, 400, 200) for an allowed one.
 */
function call(client: ApiClient, operation: Operation) {
  const url = operation.path.replace(/\{[^}]+\}/g, "walk_placeholder");
  switch (operation.method) {
    case "GET":
      return client.get(url);
    case "DELETE":
      return client.delete(url);
    case "PATCH":
      return client.patch(url, {});
    case "PUT":
      return client.put(url, {});
    default:
      return client.post(url, {});
  }
}
