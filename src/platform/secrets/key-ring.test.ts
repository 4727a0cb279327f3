import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readConfiguration } from "../config.ts";
import { addMasterKeyToFile, keyFileName, loadKeyRing } from "./key-ring.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "fairbill-keys-"));
  folders.push(folder);
  return folder;
}

describe("the server's keys", () => {
  it("writes a key file readable by its owner only on the first start, and reads the same keys after", () => {
    const folder = dataFolder();
    const configuration = readConfiguration({ FAIRBILL_DATA_DIR: folder });
    const first = loadKeyRing(configuration);
    expect(statSync(join(folder, keyFileName)).mode & 0o777).toBe(0o600);
    const again = loadKeyRing(configuration);
    expect(again.auditKey.equals(first.auditKey)).toBe(true);
    expect(again.masterKeys.map((key) => key.id)).toEqual(first.masterKeys.map((key) => key.id));
    expect(first.masterKeys).toHaveLength(1);
    expect(first.auditKey).toHaveLength(32);
  });

  it("takes the keys from the environment first, and writes no file when both are set", () => {
    const folder = dataFolder();
    const master = Buffer.alloc(32, 3);
    const configuration = readConfiguration({
      FAIRBILL_DATA_DIR: folder,
      FAIRBILL_MASTER_KEY: master.toString("hex"),
      FAIRBILL_PREVIOUS_MASTER_KEYS: Buffer.alloc(32, 4).toString("base64"),
      FAIRBILL_AUDIT_KEY: Buffer.alloc(32, 5).toString("base64"),
    });
    const keys = loadKeyRing(configuration);
    expect(keys.masterKeys.map((key) => key.key)).toEqual([master, Buffer.alloc(32, 4)]);
    expect(keys.auditKey).toEqual(Buffer.alloc(32, 5));
    expect(() => statSync(join(folder, keyFileName))).toThrow();
  });

  it("refuses a key that is not 32 bytes, naming the setting", () => {
    expect(() => readConfiguration({ FAIRBILL_MASTER_KEY: "short", FAIRBILL_AUDIT_KEY: "zz" })).toThrow(
      /FAIRBILL_MASTER_KEY must be 32 bytes.*FAIRBILL_AUDIT_KEY must be 32 bytes/,
    );
  });

  it("puts a new master key first in the file and keeps the old one to unwrap with", () => {
    const folder = dataFolder();
    const configuration = readConfiguration({ FAIRBILL_DATA_DIR: folder });
    const before = loadKeyRing(configuration);
    addMasterKeyToFile(folder, Buffer.alloc(32, 9).toString("base64"));
    const after = loadKeyRing(configuration);
    expect(after.masterKeys.map((key) => key.id)).toEqual([expect.any(String), before.masterKeys[0]?.id]);
    expect(after.masterKeys[0]?.key).toEqual(Buffer.alloc(32, 9));
    expect(JSON.parse(readFileSync(join(folder, keyFileName), "utf8")).master_keys).toHaveLength(2);
    expect(statSync(join(folder, keyFileName)).mode & 0o777).toBe(0o600);
  });
});
