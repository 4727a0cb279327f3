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
  dataKey: "dky",
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
  invoiceHold: "ihd",
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
  subscriptionQuantityChange: "sqc",
  subscriptionPause: "spa",
  planMigration: "pmg",
  job: "job",
  domainEvent: "dev",
  billRun: "brn",
  testClock: "tck",
  taxRate: "txr",
  taxExemption: "txe",
  payment: "pay",
  paymentMethod: "pym",
  refund: "rfn",
  paymentDispute: "dsp",
  dunningCampaign: "dnc",
  dunningProcess: "dnp",
  dunningStep: "dns",
  alertRule: "alr",
  alertTrigger: "alt",
  periodLock: "plk",
  journalExport: "jex",
  usageAccrual: "uac",
  billingDispute: "bdp",
  billingDisputeNote: "bdn",
  standaloneSellingPrice: "ssp",
  exchangeRate: "fxr",
  backtest: "btk",
  testMatrixRun: "tmr",
  experiment: "exp",
  experimentArm: "xar",
  rollout: "rol",
  rolloutStage: "rst",
  user: "usr",
  serviceAccount: "sva",
  session: "ses",
  accountToken: "atk",
  invitation: "ivt",
  ssoConnection: "sso",
  ssoSignInRequest: "ssr",
  approvalPolicyChange: "apc",
  approvalRequest: "apq",
  contract: "ctr",
  contractAmendment: "cam",
  import: "imp",
  billingEntity: "ben",
  customerBillingEntity: "cbe",
  partner: "prt",
  partnerAgreement: "pag",
  partnerAttribution: "pat",
  partnerSettlement: "stl",
  partnerItemMapping: "pim",
  externalSale: "xsl",
  parallelRun: "prl",
  importedInvoice: "oin",
  integrationConnection: "icn",
  integrationMapping: "ima",
  integrationSync: "isy",
  warehouseDestination: "wds",
  warehouseExport: "wex",
  crmDeal: "cdl",
  eventArchive: "ear",
} as const;

export type IdKind = keyof typeof idPrefixes;

const crockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new id such as `cus_01JDQ9ZK4M8T2V6XQ3R7B5N1HC` for the given kind of object. */
export function newId(kind: IdKind, now: Date = new Date()): string {
  return `${idPrefixes[kind]}_${ulid(now.getTime())}`;
}

// Ids made within one millisecond (a burst of writes, or every write under a
// frozen test clock) must still sort in the order they were made: lists and
// "in the order applied" rules (coupons, credit grants) rely on it. As in the
// ULID spec's monotonic mode, the random part of the previous id of the same
// millisecond is incremented instead of drawn anew. Several milliseconds are
// remembered, since a frozen test clock and the real one take turns.
const lastRandomOfMillisecond = new Map<number, number[]>();
const rememberedMilliseconds = 1024;

function incremented(digits: readonly number[]): number[] {
  const next = [...digits];
  for (let position = next.length - 1; position >= 0; position--) {
    const digit = (next[position] ?? 0) + 1;
    if (digit < 32) {
      next[position] = digit;
      return next;
    }
    next[position] = 0;
  }
  return next;
}

function randomPartFor(milliseconds: number): number[] {
  const previous = lastRandomOfMillisecond.get(milliseconds);
  // 31 and not 32: the first id of a millisecond leaves room to increment without overflowing.
  const random =
    previous === undefined ? [...randomBytes(16)].map((byte) => byte % 31) : incremented(previous);
  lastRandomOfMillisecond.delete(milliseconds);
  lastRandomOfMillisecond.set(milliseconds, random);
  if (lastRandomOfMillisecond.size > rememberedMilliseconds) {
    const oldest = lastRandomOfMillisecond.keys().next().value;
    if (oldest !== undefined) lastRandomOfMillisecond.delete(oldest);
  }
  return random;
}

function ulid(milliseconds: number): string {
  let time = "";
  let remaining = milliseconds;
  for (let position = 0; position < 10; position++) {
    time = crockfordAlphabet[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  return (
    time +
    randomPartFor(milliseconds)
      .map((digit) => crockfordAlphabet[digit])
      .join("")
  );
}
