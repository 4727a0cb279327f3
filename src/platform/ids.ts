// Prefixed, time-ordered identifiers (`cus_01JD…`): the prefix says what an id
// names when it is pasted into a ticket; the ULID body sorts by creation time,
// which keeps cursor pagination and index locality simple.
import { randomBytes } from "node:crypto";

const idPrefixes = {
  organization: "org",
  environment: "env",
  apiKey: "key",
  customer: "cus",
  auditEvent: "aud",
  product: "prd",
  feature: "fea",
  plan: "pln",
  planVersion: "plv",
  approval: "apr",
  priceOverride: "ovr",
  entitlementGrant: "ent",
  meter: "mtr",
  creditGrant: "cgr",
  wallet: "wal",
  creditLedgerEntry: "cle",
  balanceEntry: "bal",
  coupon: "cpn",
  couponRedemption: "rdm",
  invoice: "inv",
  invoiceLine: "inl",
  creditNote: "crn",
  creditNoteLine: "cnl",
  webhookEndpoint: "whe",
  webhookEvent: "wev",
  webhookDelivery: "whd",
  emailTemplate: "etp",
  emailMessage: "eml",
  request: "req",
  subscription: "sub",
  subscriptionChange: "sch",
  subscriptionPause: "spa",
  planMigration: "pmg",
  job: "job",
  billRun: "brn",
  testClock: "tck",
  taxRate: "txr",
  taxExemption: "txe",
} as const;

export type IdKind = keyof typeof idPrefixes;

const crockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new id such as `cus_01JDQ9ZK4M8T2V6XQ3R7B5N1HC` for the given kind of object. */
export function newId(kind: IdKind, now: Date = new Date()): string {
  return `${idPrefixes[kind]}_${ulid(now.getTime())}`;
}

function ulid(milliseconds: number): string {
  let time = "";
  let remaining = milliseconds;
  for (let position = 0; position < 10; position++) {
    time = crockfordAlphabet[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = randomBytes(16);
  let randomPart = "";
  for (let position = 0; position < 16; position++) {
    randomPart += crockfordAlphabet[(random[position] ?? 0) % 32];
  }
  return time + randomPart;
}
