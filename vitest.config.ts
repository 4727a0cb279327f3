import { defineConfig } from "vitest/config";

// Three projects: the pure billing core runs once; everything that touches a
// database runs twice, on the embedded PGlite and on a PostgreSQL server.
const pureTests = ["src/core/**/*.test.ts", "src/simulation/**/*.test.ts", "test/scenarios/**/*.test.ts"];
const databaseTests = ["src/**/*.test.ts", "test/**/*.test.ts"];
const browserTests = ["test/browser/**"];

export default defineConfig({
  test: {
    projects: [
      { test: { name: "core", include: pureTests } },
      {
        test: {
          name: "pglite",
          include: databaseTests,
          exclude: [...pureTests, ...browserTests],
          env: { FAIRBILL_TEST_DATABASE: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "postgres",
          include: databaseTests,
          exclude: [...pureTests, ...browserTests],
          env: { FAIRBILL_TEST_DATABASE: "postgres" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
