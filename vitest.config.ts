import { defineConfig } from "vitest/config";

// Four projects: the pure billing core (and the console's pure helpers, and
// every test that opens no database) runs once; everything that touches a
// database runs on the embedded PGlite, and what a server can do differently
// runs on PostgreSQL too (see postgresTests); the browser tests drive the
// console in Chromium.
const pureTests = [
  "src/core/**/*.test.ts",
  "src/pricing/**/*.test.ts",
  "src/simulation/**/*.test.ts",
  "src/invoicing/documents/**/*.test.ts",
  "src/single-sign-on/role-mapping.test.ts",
  "src/governance/approval-limits.test.ts",
  "src/cli/help.test.ts",
  "src/invoicing/stored-lines.test.ts",
  "src/cli/commands/keys-while-serving.test.ts",
  "src/platform/tracing.test.ts",
  "src/platform/color-contrast.test.ts",
  "test/architecture/**/*.test.ts",
  "test/scenarios/**/*.test.ts",
  // The API document, built on an in-memory database of its own.
  "test/api/openapi-document.test.ts",
  "test/api/generated-client.test.ts",
  "test/api/operation-ids.test.ts",
  // Pure functions beside the domains that use them: no database opened.
  "src/audit/field-changes.test.ts",
  "src/catalog/plan-version-diff.test.ts",
  "src/catalog/version-in-effect.test.ts",
  "src/cli/version.test.ts",
  "src/finance/journal-csv.test.ts",
  "src/finance/recognition-patterns.test.ts",
  "src/notifications/template-language.test.ts",
  "src/notifications/webhook-signing.test.ts",
  "src/payments/decline-codes.test.ts",
  "src/platform/database/change-cache.test.ts",
  "src/platform/database/disk-space.test.ts",
  "src/platform/database/migration-names.test.ts",
  "src/platform/ids.test.ts",
  "src/platform/outgoing-requests/outgoing-requests.test.ts",
  "src/platform/secrets/key-ring.test.ts",
  "src/portal/spend-forecast.test.ts",
  "src/subscriptions/apply-overrides.test.ts",
  "src/subscriptions/subscription-timeline.test.ts",
  "src/taxes/tax-ids.test.ts",
  "src/taxes/tax-resolution.test.ts",
  "web/src/**/*.test.ts",
];
const browserTests = ["test/browser/**"];
// Every database test runs on the embedded PGlite, the database `npm start`
// and every `fairbill` command on a data folder use; its one connection also
// makes any flow that waits on a second connection inside a transaction hang,
// so the whole suite runs there. PostgreSQL is the same SQL engine; what only
// a server shows is concurrency (many connections, row locks, SKIP LOCKED,
// advisory locks), several processes, ended connections, roles and
// row-level security, backups and upgrades. The files below exercise those,
// the walks over every route's permissions, and the four-month book; `npm run test:postgres` runs the whole
// database suite on PostgreSQL as well.
const postgresTests = [
  "src/platform/**/*.test.ts",
  "src/billing-runs/**/*.test.ts",
  "src/metering/**/*.test.ts",
  "src/organizations/**/*.test.ts",
  "src/people/**/*.test.ts",
  "src/invoicing/invoicing.test.ts",
  "src/payments/payments.test.ts",
  "src/coupons/coupons.test.ts",
  "src/credits/credit-burns.test.ts",
  "src/finance/month-end-close.test.ts",
  "src/alerts/alert-evaluation.test.ts",
  "src/portal/portal-plan-approval.test.ts",
  "src/notifications/webhooks.test.ts",
  "src/integrations/warehouse-export.test.ts",
  // Two workers refreshing one connection's token at once, kept apart by a row lock.
  "src/integrations/crm-failing-vendors.test.ts",
  // The walks over every route that row-level security and roles decide.
  "test/api/tenant-isolation.test.ts",
  "test/api/role-permissions.test.ts",
  // Keyset pages over sort values PostgreSQL writes as text and reads back (numeric, timestamptz, collated text).
  "test/api/list-sorts.test.ts",
  "test/database/**/*.test.ts",
  "test/faults/**/*.test.ts",
  "test/fuzz/**/*.test.ts",
  "test/e2e/four-month-book.test.ts",
  "test/security/**/*.test.ts",
];
const databaseTests = ["src/**/*.test.ts", "test/**/*.test.ts"];
// The server's keys (normally from the environment or the key file in the data
// folder): fixed here, so that a test and the `fairbill` processes it starts
// key the audit chain and encrypt secrets alike, and no test writes a key file.
const testKeys = {
  FAIRBILL_MASTER_KEY: "dGVzdCBtYXN0ZXIga2V5IG9mIGZhaXJiaWxsIHRlc3Q=",
  FAIRBILL_AUDIT_KEY: "dGVzdCBhdWRpdCBrZXkgb2YgZmFpcmJpbGwgdGVzdHM=",
};

// A database test file spends seconds importing the application before its
// first test; the files of one worker share those modules instead of each
// importing them anew. Nothing a file changes outlives it: each opens its own
// database and closes it, and the process-wide settings (the outgoing-request
// policy, the key ring) are set by every app a test builds or put back by the
// test that changed them.
const databaseFilesShareWorkers = { isolate: false } as const;
// On a machine shared with other work, FAIRBILL_TEST_TIMEOUT_SCALE=4 gives
// every test and hook four times its usual time (the figures below are for
// `npm test` on a quiet 2-core machine).
const timeoutScale = Number(process.env.FAIRBILL_TEST_TIMEOUT_SCALE ?? "1");
const seconds = (count: number) => count * 1000 * timeoutScale;

export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker (cores - 1), which
    // leaves a core idle while a test waits on PostgreSQL, SMTP or a child
    // process: two workers keep `npm test` inside its time budget. Every
    // test file has its own database (a PGlite or a PostgreSQL schema), so
    // files never share data.
    maxWorkers: 2,
    projects: [
      { test: { name: "core", include: pureTests, env: testKeys } },
      {
        test: {
          name: "pglite",
          include: databaseTests,
          exclude: [...pureTests, ...browserTests],
          env: { FAIRBILL_TEST_DATABASE: "pglite", ...testKeys },
          testTimeout: seconds(30),
          hookTimeout: seconds(60),
          ...databaseFilesShareWorkers,
        },
      },
      {
        test: {
          name: "postgres",
          include: process.env.FAIRBILL_TEST_POSTGRES_ALL === "1" ? databaseTests : postgresTests,
          exclude: [...pureTests, ...browserTests],
          env: { FAIRBILL_TEST_DATABASE: "postgres", ...testKeys },
          testTimeout: seconds(30),
          hookTimeout: seconds(60),
          ...databaseFilesShareWorkers,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          env: { FAIRBILL_TEST_DATABASE: "pglite", ...testKeys },
          // Building the console and starting Chromium take a while on a busy machine.
          testTimeout: seconds(120),
          hookTimeout: seconds(300),
          ...databaseFilesShareWorkers,
        },
      },
    ],
  },
});
