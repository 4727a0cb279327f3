import { defineConfig } from "vitest/config";

// Four projects: the pure billing core (and the console's pure helpers) runs
// once; everything that touches a database runs twice, on the embedded PGlite
// and on a PostgreSQL server; the browser tests drive the console in Chromium.
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
  "test/architecture/**/*.test.ts",
  "test/scenarios/**/*.test.ts",
  // The API document, built on an in-memory database of its own.
  "test/api/openapi-document.test.ts",
  "test/architecture/**/*.test.ts",
  "web/src/**/*.test.ts",
];
const databaseTests = ["src/**/*.test.ts", "test/**/*.test.ts"];
const browserTests = ["test/browser/**"];
// The server's keys (normally from the environment or the key file in the data
// folder): fixed here, so that a test and the `fairbill` processes it starts
// key the audit chain and encrypt secrets alike, and no test writes a key file.
const testKeys = {
  FAIRBILL_MASTER_KEY: "dGVzdCBtYXN0ZXIga2V5IG9mIGZhaXJiaWxsIHRlc3Q=",
  FAIRBILL_AUDIT_KEY: "dGVzdCBhdWRpdCBrZXkgb2YgZmFpcmJpbGwgdGVzdHM=",
};

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
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "postgres",
          include: databaseTests,
          exclude: [...pureTests, ...browserTests],
          env: { FAIRBILL_TEST_DATABASE: "postgres", ...testKeys },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          env: { FAIRBILL_TEST_DATABASE: "pglite", ...testKeys },
          // Building the console and starting Chromium take a while on a busy machine.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
