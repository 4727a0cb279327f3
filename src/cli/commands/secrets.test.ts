// `fairbill secrets rotate --new-master-key` as an operator runs it on the
// embedded database with its keys in the data folder's key file: a new master
// key replaces the old one in the file, every stored secret is sealed anew,
// and the secret still opens, with the new key alone.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runFairbill } from "../../../test/support/fairbill-cli.ts";
import { testDatabaseKind } from "../../../test/support/test-database.ts";
import { openMigratedDatabase } from "../../app.ts";
import { findOrCreateDefaultOrganization } from "../../organizations/index.ts";
import { systemClock } from "../../platform/clock.ts";
import { readConfiguration } from "../../platform/config.ts";
import { forgetUnwrappedDataKeys, openSecret, sealSecret } from "../../platform/secrets/envelope.ts";
import { currentKeyRing, keyFileName, loadKeyRing, setKeyRing } from "../../platform/secrets/key-ring.ts";

const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-secrets-cli-"));
// The keys come from the key file, not from the suite's fixed test keys.
const settings = { FAIRBILL_DATA_DIR: dataDirectory, FAIRBILL_MASTER_KEY: "", FAIRBILL_AUDIT_KEY: "" };
const testKeys = currentKeyRing();
afterAll(() => {
  setKeyRing(testKeys);
  forgetUnwrappedDataKeys();
  rmSync(dataDirectory, { recursive: true, force: true });
});

// The command runs on its own embedded database whichever engine the suite tests.
describe.skipIf(testDatabaseKind !== "pglite")("fairbill secrets rotate", () => {
  it("moves every secret to a new master key in the key file, the old key leaving it", async () => {
    const keysInFile = () => loadKeyRing(readConfiguration(settings));
    setKeyRing(keysInFile());
    const [oldMaster] = currentKeyRing().masterKeys;
    const secret = "tax-provider-secret-to-rotate";
    let organizationId = "";
    let before = "";
    const handle = await openMigratedDatabase({ kind: "pglite", dataDirectory });
    try {
      const { organization } = await findOrCreateDefaultOrganization(handle.database, systemClock);
      organizationId = organization.id;
      before = await sealSecret(handle.database, organization.id, secret);
      await handle.database
        .insertInto("tax_settings")
        .values({
          environment_id: organization.environments.test,
          organization_id: organization.id,
          provider_type: "http",
          provider_url: "https://tax.example.com/quote",
          provider_secret: before,
          provider_timeout_ms: 1000,
          updated_at: new Date(),
        })
        .execute();
    } finally {
      await handle.close();
    }

    const { stdout } = await runFairbill(["secrets", "rotate", "--new-master-key"], {
      env: { ...process.env, ...settings, LOG_LEVEL: "silent" },
      cwd: dataDirectory,
    });
    expect(stdout).toMatch(
      /^1 secret\(s\) of 1 organization\(s\) sealed with new data keys under master key \w+; 1 old data key\(s\) deleted/,
    );

    const file = JSON.parse(readFileSync(join(dataDirectory, keyFileName), "utf8"));
    expect(file.master_keys).toHaveLength(1);
    setKeyRing(keysInFile());
    forgetUnwrappedDataKeys();
    const [newMaster] = currentKeyRing().masterKeys;
    expect(newMaster?.id).not.toBe(oldMaster?.id);
    const reopened = await openMigratedDatabase({ kind: "pglite", dataDirectory });
    try {
      const row = await reopened.database
        .selectFrom("tax_settings")
        .select("provider_secret")
        .executeTakeFirstOrThrow();
      expect(row.provider_secret).not.toBe(before);
      expect(await openSecret(reopened.database, organizationId, row.provider_secret ?? "")).toBe(secret);
      const dataKeys = await reopened.database
        .selectFrom("organization_data_keys")
        .select("master_key_id")
        .execute();
      expect(dataKeys).toEqual([{ master_key_id: newMaster?.id }]);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
