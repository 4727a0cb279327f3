// The first start creates one organization, however many processes start
// together on an empty database: one of them creates it and prints the first
// admin key, the others find it.
import { afterAll, describe, expect, it } from "vitest";
import { printedAdminKey, type ServeProcess, startServeProcess } from "../../test/support/serve-process.ts";
import { createSeparateDatabase, testDatabaseKind } from "../../test/support/test-database.ts";
import { openMigratedDatabase } from "../app.ts";
import { systemClock } from "../platform/clock.ts";
import { findOrCreateDefaultOrganization } from "./index.ts";

const servers: ServeProcess[] = [];
const removals: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.kill()));
  for (const remove of removals) await remove();
});

async function organizationCount(location: Parameters<typeof openMigratedDatabase>[0]): Promise<number> {
  const handle = await openMigratedDatabase(location);
  try {
    return (await handle.database.selectFrom("organizations").select("id").execute()).length;
  } finally {
    await handle.close();
  }
}

describe("the default organization", () => {
  it("is created once when several callers ask for it at the same time", async () => {
    const database = await createSeparateDatabase("default-organization");
    removals.push(database.remove);
    // PGlite has one connection per folder: the callers share it. PostgreSQL: one pool each.
    const handles =
      testDatabaseKind === "postgres"
        ? await Promise.all([1, 2, 3].map(() => openMigratedDatabase(database.location)))
        : [await openMigratedDatabase(database.location)];
    try {
      const callers = [0, 1, 2].flatMap((index) => handles[index % handles.length] ?? []);
      const results = await Promise.all(
        callers.map((caller) => findOrCreateDefaultOrganization(caller.database, systemClock)),
      );
      expect(results).toHaveLength(3);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.organization.id)).size).toBe(1);
    } finally {
      for (const handle of handles) await handle.close();
    }
    expect(await organizationCount(database.location)).toBe(1);
  });

  it.skipIf(testDatabaseKind !== "postgres")(
    "is created once by three `fairbill serve` started together on an empty PostgreSQL database",
    { timeout: 180_000 },
    async () => {
      const database = await createSeparateDatabase("first-start");
      removals.push(database.remove);
      const started = await Promise.all(
        [1, 2, 3].map(() => startServeProcess({ environment: database.childEnvironment })),
      );
      servers.push(...started);
      const keys = started.map(printedAdminKey).filter((key) => key !== undefined);
      expect(keys).toHaveLength(1);
      // The one key printed opens the organization from every node.
      for (const server of started) {
        const response = await fetch(`${server.url}/v1/customers`, {
          headers: { authorization: `Bearer ${keys[0]}` },
        });
        expect(response.status).toBe(200);
      }
      await Promise.all(started.map((server) => server.stop()));
      expect(await organizationCount(database.location)).toBe(1);
    },
  );
});
