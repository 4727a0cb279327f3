// The server's own keys, kept outside the database: the master key that
// encrypts each organization's data key (envelope encryption of stored
// secrets) and the audit key that makes the audit chain keyed and signs its
// checkpoints. Someone who can write to the database but cannot read these
// keys can neither read a stored secret nor rewrite the audit log unseen.
//
// Each key comes from the environment (FAIRBILL_MASTER_KEY, FAIRBILL_AUDIT_KEY:
// 32 bytes as base64 or 64 hex digits) or, when unset, from the key file in
// the data folder (`fairbill.keys`, readable by its owner only), written with
// fresh random keys the first time Fairbill starts without them. Older master
// keys stay listed after a rotation until every data key is wrapped again
// (FAIRBILL_PREVIOUS_MASTER_KEYS, or the file's later entries).
import { createHash, createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Configuration, readConfiguration } from "../config.ts";
import { FairbillError } from "../errors.ts";
import { newKeyText, parseKey } from "./key-text.ts";

export type MasterKey = { id: string; key: Buffer };

export type KeyRing = {
  /** The master key that wraps new data keys first, then the older ones still able to unwrap. */
  masterKeys: MasterKey[];
  /** The key of the audit chain's HMACs and its checkpoints' signatures. */
  auditKey: Buffer;
};

export const keyFileName = "fairbill.keys";

type KeyFile = { master_keys: string[]; audit_key: string };

/** A master key's id: stored beside each data key it wraps, so the right one unwraps it. */
function masterKeyOf(key: Buffer): MasterKey {
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 16), key };
}

/**
 * The keys of the configuration: those set in the environment, the rest from
 * the key file in the data folder, which is created (mode 0600) with new
 * random keys when it does not exist yet.
 */
export function loadKeyRing(configuration: Pick<Configuration, "dataDirectory" | "keys">): KeyRing {
  const { masterKey, previousMasterKeys, auditKey } = configuration.keys;
  if (masterKey !== undefined && auditKey !== undefined) {
    return { masterKeys: [masterKey, ...previousMasterKeys].map(masterKeyOf), auditKey };
  }
  const file = readOrCreateKeyFile(configuration.dataDirectory);
  const fromFile = file.master_keys.map((text) => parseKeyFromFile(text));
  return {
    masterKeys: (masterKey === undefined ? fromFile : [masterKey, ...previousMasterKeys]).map(masterKeyOf),
    auditKey: auditKey ?? parseKeyFromFile(file.audit_key),
  };
}

function keyFilePath(dataDirectory: string): string {
  return join(dataDirectory, keyFileName);
}

function readOrCreateKeyFile(dataDirectory: string): KeyFile {
  const path = keyFilePath(dataDirectory);
  if (!existsSync(path)) {
    mkdirSync(dataDirectory, { recursive: true });
    const fresh: KeyFile = { master_keys: [newKeyText()], audit_key: newKeyText() };
    try {
      // Exclusive: of several processes starting at once, one writes the keys and all read them.
      writeFileSync(path, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<KeyFile>;
  if (!Array.isArray(parsed.master_keys) || parsed.master_keys.length === 0 || !parsed.audit_key) {
    throw unreadableKeyFile(path);
  }
  return { master_keys: parsed.master_keys, audit_key: parsed.audit_key };
}

function parseKeyFromFile(text: string): Buffer {
  const key = parseKey(text);
  if (key === undefined) throw unreadableKeyFile("the key file");
  return key;
}

function unreadableKeyFile(path: string): FairbillError {
  return new FairbillError({
    code: "invalid_configuration",
    status: 500,
    detail: `Fairbill cannot start: ${path} does not hold its keys (master_keys and audit_key, 32 bytes each in base64)`,
  });
}

/**
 * Makes `masterKey` the key file's current master key, keeping the others
 * after it so that data keys wrapped by them can still be unwrapped until
 * `fairbill secrets rotate` has wrapped them again. Written to a new file and
 * renamed over the old one, so a crash leaves one of the two whole.
 */
export function addMasterKeyToFile(dataDirectory: string, masterKey: string): void {
  const file = readOrCreateKeyFile(dataDirectory);
  writeKeyFile(dataDirectory, { ...file, master_keys: [masterKey, ...file.master_keys] });
}

/** Keeps only the key file's current master key, once nothing is wrapped by the others. */
export function dropPreviousMasterKeysFromFile(dataDirectory: string): void {
  const file = readOrCreateKeyFile(dataDirectory);
  writeKeyFile(dataDirectory, { ...file, master_keys: file.master_keys.slice(0, 1) });
}

function writeKeyFile(dataDirectory: string, file: KeyFile): void {
  const path = keyFilePath(dataDirectory);
  const temporary = `${path}.new`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

let activeKeyRing: KeyRing | undefined;

/** The process's keys: those given to `useKeyRing`, or else the configuration's, loaded on first use. */
export function currentKeyRing(): KeyRing {
  activeKeyRing ??= loadKeyRing(readConfiguration());
  return activeKeyRing;
}

/** Sets the process's keys (`fairbill serve` at start, `fairbill secrets rotate` after a rotation, tests). */
export function setKeyRing(keyRing: KeyRing): void {
  activeKeyRing = keyRing;
}

type AuditKeyPurpose = "audit chain" | "audit checkpoint";
/** Derived once per key ring and purpose: every audit entry of a bill run hashes with the same key. */
const derivedAuditKeys = new WeakMap<KeyRing, Map<AuditKeyPurpose, KeyObject>>();

/** A key for one purpose derived from the audit key (HKDF-SHA-256), so no key serves two purposes. */
export function derivedAuditKey(purpose: AuditKeyPurpose): KeyObject {
  const keyRing = currentKeyRing();
  let keys = derivedAuditKeys.get(keyRing);
  if (keys === undefined) {
    keys = new Map();
    derivedAuditKeys.set(keyRing, keys);
  }
  let key = keys.get(purpose);
  if (key === undefined) {
    key = createSecretKey(
      Buffer.from(hkdfSync("sha256", keyRing.auditKey, "fairbill", `fairbill ${purpose}`, 32)),
    );
    keys.set(purpose, key);
  }
  return key;
}
