// The first start creates one organization, however many processes start
// together on an empty database: one of them creates it and prints the first
// admin key, the others find it. (Three `fairbill serve` processes started
// together: src/billing-runs/several-nodes.test.ts.)
import { afterAll, describe, expect, it } from "vitest";
import {
  createSeparateDatabase,
  openTestDatabase,
  testDatabaseKind,
} from "../../test/support/test-database.ts";
import { openMigratedDatabase } from "../app.ts";
import { systemClock } from "../platform/clock.ts";
import type { DatabaseHandle } from "../platform/database/database.ts";
import { findOrCreateDefaultOrganization } from "./index.ts";

const removals: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const remove of removals) await remove();
});

describe("the default organization", () => {
  it("is created once when several callers ask for it at the same time", async () => {
    // PostgreSQL: three pools on one new database. PGlite has one connection: the callers share it.
    let handles: DatabaseHandle[];
    if (testDatabaseKind === "postgres") {
      const database = await createSeparateDatabase("default-organization");
      removals.push(database.remove);
      handles = await Promise.all([1, 2, 3].map(() => openMigratedDatabase(database.location)));
    } else {
      handles = [await openTestDatabase()];
    }
    try {
      const callers = [0, 1, 2].flatMap((index) => handles[index % handles.length] ?? []);
      const results = await Promise.all(
        callers.map((caller) => findOrCreateDefaultOrganization(caller.database, systemClock)),
      );
      expect(results).toHaveLength(3);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.organization.id)).size).toBe(1);
      const [first] = handles;
      expect(await first?.database.selectFrom("organizations").select("id").execute()).toHaveLength(1);
    } finally {
      for (const handle of handles) await handle.close();
    }
  });
});
