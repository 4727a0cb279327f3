// Everything the engine needs to bill one customer, read from the database:
// the customer, its subscriptions with the plan versions and overrides their
// timelines name, and the meters those versions price. Then, per subscription
// and issue instant, the invoice lines the engine computes from live usage.
// Account hierarchies (issue #21): a parent that consolidates its children's
// billing has their subscriptions among its own (each naming the child it
// bills for), and a child of such a parent has none; a subscription that
// pools usage with children reads the usage of its customer and of every
// child, summed by the core's poolUsage before the engine prices it; and a
// child's own subscription does not read again the usage its parent's pool
// prices (the core's withoutPooledUsage).
import { type PlanVersionRecord, planVersionsByIds } from "../catalog/index.ts";
import { type ContractForBilling, contractsOfSubscriptions } from "../contracts/index.ts";
import {
  type AllowanceSummary,
  addLocalDays,
  type BillingSchedule,
  type Catalog,
  type ContractBilling,
  currencyFor,
  Decimal,
  type Instant,
  type InvoiceLine,
  linesByIssueInstant,
  type Meter,
  type PoolCover,
  type PoolShare,
  planBillingSchedule,
  poolUsage,
  type SharedSpend,
  subscriptionUnderContract,
  type UsageAggregates,
  usageWindowsFor,
  withoutPooledUsage,
} from "../core/index.ts";
import {
  type CustomerRecord,
  childCustomerRecords,
  customerRecordsByIds,
  loadCustomerRecord,
} from "../customers/index.ts";
import {
  engineMetersFor,
  receivedWindowEnds,
  type UsageRequest,
  usageForWindows,
} from "../metering/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { EffectiveOverride } from "../subscriptions/index.ts";
import {
  type BillableSubscription,
  billableSubscriptionsOf,
  billableSubscriptionsOfCustomers,
  priceOverridesOfSubscriptions,
  subscriptionPriceOverrides,
} from "../subscriptions/index.ts";
import { meterCodesOf, subscriptionCatalog } from "./billing-catalog.ts";
import {
  contractBillingAt,
  coreContractOf,
  firstTermEndAfter,
  type SubscriptionContract,
  termEndsBetween,
} from "./contract-billing.ts";
import { instantsDue, nextInstantAfter, quantityChangeInstants, scheduleAt } from "./issue-instants.ts";

export type CustomerRow = CustomerRecord;

export type SubscriptionBilling = {
  /** Its timeline shaped by its contract, when it has one (phases switch plans, the term's end ends it). */
  subscription: BillableSubscription;
  /** The plan version ids its timeline names, starting plan first. */
  versionIds: string[];
  overrides: EffectiveOverride[];
  contract?: SubscriptionContract;
  /** The child customer it bills for, on its parent's consolidated invoice; absent for the customer's own. */
  billedFor?: CustomerRow;
  /** The accounts whose usage it prices together, its own customer first; absent when it does not pool. */
  pool?: CustomerRow[];
  /** The pooling subscriptions of its customer's parent: the usage they price is not read again here. */
  parentPools?: ParentPools;
};

/** A parent's subscriptions that pool usage with its children, with what their catalogs need. */
type ParentPools = Pick<CustomerBilling, "versions" | "meters"> & { entries: SubscriptionBilling[] };

export type CustomerBilling = {
  customer: CustomerRow;
  subscriptions: SubscriptionBilling[];
  versions: Map<string, PlanVersionRecord>;
  meters: Map<string, Meter>;
};

/** The customer as stored (the customers domain's record); 404 when the tenant has no such customer. */
export async function loadCustomerRow(
  database: Database,
  scope: TenantScope,
  customerId: string,
): Promise<CustomerRow> {
  return loadCustomerRecord(database, scope, customerId);
}

function idsOf(subscriptions: readonly BillableSubscription[]): string[] {
  return subscriptions.map((subscription) => subscription.id);
}

/** The versions the timeline names, and those its contract's phases switch to. */
function versionIdsOf(subscription: BillableSubscription, contract?: ContractForBilling): string[] {
  const ids = [subscription.timeline.planCode];
  for (const change of subscription.timeline.changes)
    if (change.type === "change_plan") ids.push(change.planCode);
  return [...new Set([...ids, ...(contract?.phaseVersionIds ?? [])])];
}

/**
 * What the other subscriptions of each shared contract billed on finalized
 * invoices (commit lines aside), by contract id: the postpaid true-up of the
 * subscription the contract was made around counts it.
 */
async function sharedSpendOf(
  database: Database,
  scope: TenantScope,
  contracts: ReadonlyMap<string, ContractForBilling>,
): Promise<Map<string, SharedSpend[]>> {
  const others = new Map<string, string>();
  for (const stored of contracts.values()) {
    if (!stored.primary || stored.subscriptionIds.length < 2) continue;
    for (const id of stored.subscriptionIds.slice(1)) others.set(id, stored.id);
  }
  if (others.size === 0) return new Map();
  const rows = await database
    .selectFrom("invoice_lines")
    .innerJoin("invoices", "invoices.id", "invoice_lines.invoice_id")
    .select([
      "invoice_lines.subscription_id",
      "invoice_lines.period_start",
      "invoice_lines.amount",
      "invoices.issued_at",
    ])
    .where(inTenant(scope, "invoices"))
    .where("invoices.status", "not in", ["draft", "void"])
    .where("invoice_lines.subscription_id", "in", [...others.keys()])
    .where("invoice_lines.kind", "not in", ["commit", "commit_true_up"])
    .execute();
  const byContract = new Map<string, SharedSpend[]>();
  for (const row of rows) {
    const contractId = others.get(row.subscription_id ?? "");
    if (contractId === undefined || row.period_start === null) continue;
    const spend = {
      periodStart: row.period_start.getTime(),
      issuedAt: row.issued_at.getTime(),
      amount: new Decimal(row.amount),
    };
    byContract.set(contractId, [...(byContract.get(contractId) ?? []), spend]);
  }
  return byContract;
}

/** Each entry with a contract gets it, its timeline shaped by it as the simulator shapes a scenario's. */
function applyContracts(
  entries: readonly SubscriptionBilling[],
  contracts: ReadonlyMap<string, ContractForBilling>,
  versions: ReadonlyMap<string, PlanVersionRecord>,
  sharedSpend: ReadonlyMap<string, SharedSpend[]>,
): void {
  for (const entry of entries) {
    const stored = contracts.get(entry.subscription.id);
    if (stored === undefined) continue;
    const shared = sharedSpend.get(stored.id);
    const own = coreContractOf(stored, versions, entry.versionIds);
    const contract = shared === undefined ? own : { ...own, sharedSpend: shared };
    const { timeline } = entry.subscription;
    entry.subscription = { ...entry.subscription, timeline: subscriptionUnderContract(timeline, contract) };
    entry.contract = { id: stored.id, contract, stored, ledger: stored.ledger };
  }
}

/**
 * The plan versions the entries name and the meters those price with (as in
 * effect at `at`), with each entry's contract applied to it.
 */
async function pricingOf(
  database: Database,
  scope: TenantScope,
  entries: readonly SubscriptionBilling[],
  contracts: ReadonlyMap<string, ContractForBilling>,
  at: Instant,
): Promise<{ versions: Map<string, PlanVersionRecord>; meters: Map<string, Meter> }> {
  const versions = await planVersionsByIds(
    database,
    scope,
    entries.flatMap((entry) => entry.versionIds),
  );
  applyContracts(entries, contracts, versions, await sharedSpendOf(database, scope, contracts));
  const meters = await engineMetersFor(database, scope, meterCodesOf(versions.values()), at);
  return { versions, meters };
}

/** Who bills what in these customers' hierarchies. */
type Hierarchy = {
  /** Each customer's children, by the parent's id. */
  childrenOf: Map<string, CustomerRow[]>;
  /** The customers whose subscriptions each customer's invoices bill: itself and its consolidated children. */
  billedOn: Map<string, CustomerRow[]>;
  /** The pooling subscriptions of the billed customers' parents, by parent id. */
  parentPools: Map<string, ParentPools>;
};

async function hierarchyOf(
  database: Database,
  scope: TenantScope,
  customers: readonly CustomerRow[],
  at: Instant,
): Promise<Hierarchy> {
  const parentIds = customers.flatMap((customer) => customer.parent_customer_id ?? []);
  const parents = await customerRecordsByIds(database, scope, parentIds);
  const consolidating = new Set(
    parents.filter((parent) => parent.child_billing === "consolidated").map((parent) => parent.id),
  );
  const children = await childCustomerRecords(
    database,
    scope,
    customers.map((customer) => customer.id),
  );
  // A consolidated child's own subscription may pool with the child's children.
  const grandchildren = await childCustomerRecords(
    database,
    scope,
    children.map((child) => child.id),
  );
  const childrenOf = new Map<string, CustomerRow[]>();
  for (const child of [...children, ...grandchildren]) {
    const parentId = child.parent_customer_id as string;
    childrenOf.set(parentId, [...(childrenOf.get(parentId) ?? []), child]);
  }
  const billedOn = new Map<string, CustomerRow[]>();
  for (const customer of customers) {
    if (consolidating.has(customer.parent_customer_id ?? "")) billedOn.set(customer.id, []);
    else if (customer.child_billing === "consolidated")
      billedOn.set(customer.id, [customer, ...(childrenOf.get(customer.id) ?? [])]);
    else billedOn.set(customer.id, [customer]);
  }
  const parentPools = await parentPoolsOf(database, scope, [...billedOn.values()].flat(), at);
  return { childrenOf, billedOn, parentPools };
}

/** The entry of a subscription billed on `invoiced`'s invoices, with the child it bills for and its pool. */
function entryOf(
  invoiced: CustomerRow,
  owner: CustomerRow,
  hierarchy: Hierarchy,
  fields: Pick<SubscriptionBilling, "subscription" | "versionIds" | "overrides">,
): SubscriptionBilling {
  const pool = fields.subscription.poolsUsageWithChildren
    ? [owner, ...(hierarchy.childrenOf.get(owner.id) ?? [])]
    : undefined;
  const parentPools = hierarchy.parentPools.get(owner.parent_customer_id ?? "");
  return {
    ...fields,
    ...(owner.id === invoiced.id ? {} : { billedFor: owner }),
    ...(pool === undefined ? {} : { pool }),
    ...(parentPools === undefined ? {} : { parentPools }),
  };
}

/**
 * The pooling subscriptions of these customers' parents, by parent id (only
 * parents that have one). Read without locks: the parent's own billing locks
 * them; here they only say which usage the pool prices.
 */
async function parentPoolsOf(
  database: Database,
  scope: TenantScope,
  customers: readonly CustomerRow[],
  at: Instant,
): Promise<Map<string, ParentPools>> {
  const parentIds = customers.flatMap((customer) => customer.parent_customer_id ?? []);
  const pooling = (await billableSubscriptionsOfCustomers(database, scope, parentIds)).filter(
    (subscription) => subscription.poolsUsageWithChildren,
  );
  if (pooling.length === 0) return new Map();
  const entries = pooling.map((subscription) => ({
    subscription,
    versionIds: versionIdsOf(subscription),
    overrides: [],
  }));
  const { versions, meters } = await pricingOf(database, scope, entries, new Map(), at);
  const byParent = new Map<string, ParentPools>();
  for (const entry of entries) {
    const parentId = entry.subscription.customerId;
    const pools = byParent.get(parentId) ?? { versions, meters, entries: [] };
    pools.entries.push(entry);
    byParent.set(parentId, pools);
  }
  return byParent;
}

/** The customer's billing inputs; meters are defined as their versions in effect at `at`. */
export async function loadCustomerBilling(
  database: Database,
  scope: TenantScope,
  customerId: string,
  at: Instant,
): Promise<CustomerBilling> {
  const customer = await loadCustomerRow(database, scope, customerId);
  const hierarchy = await hierarchyOf(database, scope, [customer], at);
  const subscriptions: SubscriptionBilling[] = [];
  const contracts = new Map<string, ContractForBilling>();
  for (const owner of hierarchy.billedOn.get(customer.id) ?? []) {
    const billable = await billableSubscriptionsOf(database, scope, owner.id);
    for (const [id, contract] of await contractsOfSubscriptions(database, scope, idsOf(billable)))
      contracts.set(id, contract);
    for (const subscription of billable) {
      subscriptions.push(
        entryOf(customer, owner, hierarchy, {
          subscription,
          versionIds: versionIdsOf(subscription, contracts.get(subscription.id)),
          overrides: await subscriptionPriceOverrides(database, scope, subscription.id),
        }),
      );
    }
  }
  const { versions, meters } = await pricingOf(database, scope, subscriptions, contracts, at);
  return { customer, subscriptions, versions, meters };
}

/**
 * The billing inputs of many customers (those that exist), by customer id,
 * each as loadCustomerBilling gives it, read in a handful of queries for all
 * of them. It locks nothing: the bill run's pass locks its customers first
 * (billCustomersDue); a backtest only reads.
 */
export async function loadCustomersBilling(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
  at: Instant,
): Promise<Map<string, CustomerBilling>> {
  const customers = await customerRecordsByIds(database, scope, customerIds);
  const hierarchy = await hierarchyOf(database, scope, customers, at);
  // Each billed customer (the invoiced one, or a consolidated child) with the customer whose invoices bill it.
  const invoicedFor = new Map<string, { invoiced: CustomerRow; owner: CustomerRow }>();
  for (const customer of customers)
    for (const owner of hierarchy.billedOn.get(customer.id) ?? [])
      invoicedFor.set(owner.id, { invoiced: customer, owner });
  const billable = await billableSubscriptionsOfCustomers(database, scope, [...invoicedFor.keys()]);
  const overrides = await priceOverridesOfSubscriptions(database, scope, idsOf(billable));
  const contracts = await contractsOfSubscriptions(database, scope, idsOf(billable));
  const subscriptionsByCustomer = new Map<string, SubscriptionBilling[]>();
  for (const subscription of billable) {
    const { invoiced, owner } = invoicedFor.get(subscription.customerId) as {
      invoiced: CustomerRow;
      owner: CustomerRow;
    };
    const entries = subscriptionsByCustomer.get(invoiced.id) ?? [];
    entries.push(
      entryOf(invoiced, owner, hierarchy, {
        subscription,
        versionIds: versionIdsOf(subscription, contracts.get(subscription.id)),
        overrides: overrides.get(subscription.id) ?? [],
      }),
    );
    subscriptionsByCustomer.set(invoiced.id, entries);
  }
  const all = await pricingOf(database, scope, [...subscriptionsByCustomer.values()].flat(), contracts, at);
  const billings = new Map<string, CustomerBilling>();
  for (const customer of customers) {
    const subscriptions = subscriptionsByCustomer.get(customer.id) ?? [];
    const versionIds = new Set(subscriptions.flatMap((entry) => entry.versionIds));
    const versions = new Map([...all.versions].filter(([id]) => versionIds.has(id)));
    const meterCodes = new Set(meterCodesOf(versions.values()));
    const meters = new Map([...all.meters].filter(([code]) => meterCodes.has(code)));
    billings.set(customer.id, { customer, subscriptions, versions, meters });
  }
  return billings;
}

/** The engine catalog of one subscription with its overrides in effect at `at`. */
export function catalogAt(
  billing: Pick<CustomerBilling, "versions" | "meters">,
  entry: SubscriptionBilling,
  at: Instant,
): Catalog {
  return subscriptionCatalog({
    versions: billing.versions,
    versionIds: entry.versionIds,
    meters: billing.meters,
    currency: entry.subscription.currency,
    overrides: entry.overrides,
    at,
  });
}

/** The subscription's schedule up to `until` (it then holds the period containing `until`). */
function scheduleUntil(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  until: Instant,
): BillingSchedule {
  return scheduleWithCatalog(entry, catalogAt(billing, entry, until), until);
}

/** The subscription's schedule up to `until` with this catalog, carrying its contract's terms. */
function scheduleWithCatalog(entry: SubscriptionBilling, catalog: Catalog, until: Instant): BillingSchedule {
  const { timeline } = entry.subscription;
  const schedule = planBillingSchedule(timeline, catalog, until);
  if (entry.contract === undefined) return schedule;
  return { ...schedule, contract: contractBillingAt(entry.contract.contract, until, timeline.timeZone) };
}

/** A contract's term ends in `(after, until]`: a postpaid commit trues up at each. */
function termEndsOf(entry: SubscriptionBilling, after: Instant | null, until: Instant): Instant[] {
  if (entry.contract === undefined) return [];
  return termEndsBetween(entry.contract.contract, after, until, entry.subscription.timeline.timeZone);
}

/**
 * The first end of a term of the subscription's contract after `after`, when
 * the contract bills its commits on this subscription's invoices (another
 * subscription of the contract only draws on them).
 */
function nextTermEndOf(entry: SubscriptionBilling, after: Instant): Instant | undefined {
  const contract = entry.contract?.contract;
  if (contract === undefined || contract.commits.length === 0 || contract.drawsOnly === true)
    return undefined;
  return firstTermEndAfter(contract, after, entry.subscription.timeline.timeZone);
}

/**
 * The first instant after `after` at which the subscription may bill, or null
 * when nothing remains: a segment's start or end, or a quantity change before
 * it. During a trial no period has started yet, so the schedule is laid out
 * at least to the trial's end.
 */
export function nextInstantOf(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  after: Instant,
): Instant | null {
  const { timeline } = entry.subscription;
  const firstPeriodStart = addLocalDays(timeline.start, timeline.trialDays, timeline.timeZone);
  const next = nextInstantAfter(scheduleUntil(billing, entry, Math.max(after, firstPeriodStart)), after);
  const horizon = next ?? Number.POSITIVE_INFINITY;
  const [change] = [
    ...quantityChangeInstants(timeline, after, horizon),
    ...termEndsOf(entry, after, Number.isFinite(horizon) ? horizon : after),
  ].sort((left, right) => left - right);
  // A subscription that has ended still bills its contract's next term end (a postpaid commit's true-up).
  return change ?? next ?? nextTermEndOf(entry, after) ?? null;
}

/**
 * The first instant after `after` at which the bill run will bill the
 * subscription: nextInstantOf, moved past every pause it falls in (the bill
 * run skips what falls due while a pause lasts). Null when nothing remains, or
 * when a pause without an end holds it.
 */
export function nextBilledInstantOf(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  after: Instant,
): Instant | null {
  let next = nextInstantOf(billing, entry, after);
  while (next !== null) {
    const instant = next;
    const pause = entry.subscription.pauses.find(
      (candidate) => candidate.from <= instant && (candidate.until === null || instant < candidate.until),
    );
    if (pause === undefined) return instant;
    if (pause.until === null) return null;
    // Pauses never overlap, so each step leaves one behind.
    next = nextInstantOf(billing, entry, pause.until - 1);
  }
  return null;
}

/** The event names of the meters whose usage the catalog bills in advance. */
function eventNamesBilledInAdvance(catalog: Catalog): string[] {
  const names = new Set<string>();
  for (const plan of catalog.plans.values()) {
    for (const charge of plan.charges) {
      const meter = catalog.meters.get(charge.type === "usage" ? charge.meterCode : "");
      if (charge.type === "usage" && charge.timing === "in_advance" && meter !== undefined) {
        names.add(meter.eventName);
      }
    }
  }
  return [...names];
}

/**
 * When the bill run must look at the subscription again after `after`: its
 * next instant, or, when it bills usage in advance, the end of the next
 * instant window (events may arrive in it), whichever comes first. Usage in
 * advance keeps a subscription looked at after it ends: an event received
 * late still bills its own period (V16).
 */
export function nextLookOf(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  after: Instant,
): Instant | null {
  const next = nextInstantOf(billing, entry, after);
  if (eventNamesBilledInAdvance(catalogAt(billing, entry, after)).length === 0) return next;
  const width = scheduleUntil(billing, entry, after).instantWindowMilliseconds ?? 3_600_000;
  return Math.min(next ?? Number.POSITIVE_INFINITY, (Math.floor(after / width) + 1) * width);
}

/**
 * The instants in `(billedThrough, until]` at which the subscription may
 * bill, ascending: its segments' starts and ends, its quantity changes, and
 * the ends of the instant windows in which usage it bills in advance arrived.
 */
export async function dueInstantsOf(
  database: Database,
  scope: TenantScope,
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  until: Instant,
): Promise<Instant[]> {
  const { timeline, billedThrough } = entry.subscription;
  const schedule = scheduleUntil(billing, entry, until);
  const instants = [
    ...instantsDue(schedule, billedThrough),
    ...quantityChangeInstants(timeline, billedThrough, until),
    ...termEndsOf(entry, billedThrough, until),
  ];
  const eventNames = eventNamesBilledInAdvance(catalogAt(billing, entry, until));
  for (const account of eventNames.length > 0 ? usageAccountsOf(billing, entry) : []) {
    const windowEnds = await receivedWindowEnds(database, scope, {
      customerExternalId: account.external_id,
      eventNames,
      after: billedThrough ?? timeline.start - 1,
      until,
      windowMilliseconds: schedule.instantWindowMilliseconds ?? 3_600_000,
    });
    instants.push(...windowEnds);
  }
  return [...new Set(instants)].sort((left, right) => left - right);
}

function isOpeningLine(line: InvoiceLine): boolean {
  return line.details.kind === "fixed" && line.details.timing === "in_advance";
}

function isProrationCredit(line: InvoiceLine): boolean {
  return line.kind === "proration_credit";
}

/** Reads the usage of one request; a reader may gather the requests of many customers into one read. */
export type UsageReader = (request: UsageRequest) => Promise<UsageAggregates>;

/**
 * What one subscription bills at an instant: its lines, the allowances of the
 * segment that closes (V25), and its contract's terms as of the instant.
 */
export type SubscriptionBill = {
  lines: InvoiceLine[];
  allowances?: readonly AllowanceSummary[];
  contract?: ContractBilling;
  /** For a subscription that pools usage: what each account used, by usage window key. */
  poolShares?: ReadonlyMap<string, readonly PoolShare[]>;
};

/** The accounts whose usage a subscription prices: its pool, or the one customer it bills for. */
function usageAccountsOf(billing: CustomerBilling, entry: SubscriptionBilling): CustomerRow[] {
  return entry.pool ?? [entry.billedFor ?? billing.customer];
}

/** The usage of the subscription's accounts in these windows: one account's, or the pool's with its shares. */
/** Each meter and stretch of time in which the parent's pools price usage, by their schedules up to `until`. */
function parentPoolCovers(entry: SubscriptionBilling, until: Instant): PoolCover[] {
  const pools = entry.parentPools;
  if (pools === undefined) return [];
  return pools.entries.flatMap((pooling) => {
    const catalog = catalogAt(pools, pooling, until);
    return scheduleWithCatalog(pooling, catalog, until).segments.flatMap((segment) =>
      (catalog.plans.get(segment.planCode)?.charges ?? []).flatMap((charge) =>
        charge.type === "usage"
          ? [{ meterCode: charge.meterCode, start: segment.start, end: segment.end }]
          : [],
      ),
    );
  });
}

/** One account's usage of the windows, less what its parent's pools price (read as pieces when they do). */
async function accountUsage(
  entry: SubscriptionBilling,
  account: CustomerRow,
  request: Omit<UsageRequest, "customerExternalId">,
  readUsage: UsageReader,
  instant: Instant,
): Promise<UsageAggregates> {
  const covers = account.id === entry.subscription.customerId ? parentPoolCovers(entry, instant) : [];
  if (covers.length === 0) return readUsage({ ...request, customerExternalId: account.external_id });
  const unpooled = withoutPooledUsage(request.windows, covers, request.meters);
  const read = await readUsage({
    ...request,
    windows: unpooled.pieces,
    customerExternalId: account.external_id,
  });
  return unpooled.combine(read);
}

async function usageOf(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  request: Omit<UsageRequest, "customerExternalId">,
  readUsage: UsageReader,
  instant: Instant,
): Promise<{ usage: UsageAggregates; poolShares?: ReadonlyMap<string, readonly PoolShare[]> }> {
  const accounts = usageAccountsOf(billing, entry);
  const members = await Promise.all(
    accounts.map(async (account) => ({
      customerId: account.id,
      usage: await accountUsage(entry, account, request, readUsage, instant),
    })),
  );
  if (entry.pool === undefined) return { usage: members[0]?.usage ?? new Map() };
  const pooled = poolUsage(members, request.windows, request.meters);
  return { usage: pooled.usage, poolShares: pooled.shares };
}

async function billWithCatalog(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  catalog: Catalog,
  instant: Instant,
  readUsage: UsageReader,
): Promise<SubscriptionBill> {
  // Allowances carry from period to period (rollover), and a contract's instalments and true-ups
  // count its periods and spend since its start: both are replayed from the start.
  const schedule = scheduleAt(
    scheduleWithCatalog(entry, catalog, instant),
    instant,
    eventNamesBilledInAdvance(catalog).length > 0 ||
      catalog.pricingUnits !== undefined ||
      entry.contract !== undefined,
  );
  const contract = schedule.contract === undefined ? {} : { contract: schedule.contract };
  if (schedule.segments.length === 0) return { lines: [], ...contract };
  const { usage, poolShares } = await usageOf(
    billing,
    entry,
    {
      windows: usageWindowsFor(schedule, catalog),
      meters: catalog.meters,
      levelsStartAt: entry.subscription.timeline.start,
    },
    readUsage,
    instant,
  );
  const terms = { currency: currencyFor(entry.subscription.currency), coupons: [], creditGrants: [] };
  const due = linesByIssueInstant({ schedule, catalog, terms, usage });
  const bill = due.find((invoice) => invoice.issuedAt === instant);
  if (bill === undefined) return { lines: [], ...contract };
  return {
    lines: bill.lines,
    ...(bill.allowances === undefined ? {} : { allowances: bill.allowances }),
    ...contract,
    ...(poolShares === undefined ? {} : { poolShares }),
  };
}

/**
 * The proration credits of the segment that closes at `instant` (cut short by
 * a plan change or a cancellation), priced with the overrides in effect when
 * it opened: they give back its in-advance fees at the price they were billed
 * at, whatever override started or ended since.
 */
async function prorationCreditsAsBilled(
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  instant: Instant,
  readUsage: UsageReader,
): Promise<Map<string, InvoiceLine>> {
  const closingSegment = scheduleUntil(billing, entry, instant).segments.find(
    (segment) => segment.end === instant,
  );
  if (closingSegment === undefined) return new Map();
  const billedCatalog = catalogAt(billing, entry, closingSegment.start);
  const billed = await billWithCatalog(billing, entry, billedCatalog, instant, readUsage);
  return new Map(billed.lines.filter(isProrationCredit).map((line) => [line.charge, line]));
}

/**
 * The lines one subscription bills at `instant`, from live usage (read by
 * `readUsage` when given). The period that closes is priced with the
 * overrides in effect just before `instant` (its proration credits with those
 * its in-advance fees were billed at), the one that opens with those in
 * effect at it.
 */
export async function subscriptionBillAt(
  database: Database,
  scope: TenantScope,
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  instant: Instant,
  readUsage: UsageReader = (request) => usageForWindows(database, scope, request),
): Promise<SubscriptionBill> {
  const closingCatalog = catalogAt(billing, entry, instant - 1);
  const closing = await billWithCatalog(billing, entry, closingCatalog, instant, readUsage);
  if (entry.overrides.length === 0) return closing;
  const openingCatalog = catalogAt(billing, entry, instant);
  const opening = await billWithCatalog(billing, entry, openingCatalog, instant, readUsage);
  const credits = closing.lines.some(isProrationCredit)
    ? await prorationCreditsAsBilled(billing, entry, instant, readUsage)
    : new Map<string, InvoiceLine>();
  const closed = closing.lines
    .filter((line) => !isOpeningLine(line))
    .map((line) => (isProrationCredit(line) ? (credits.get(line.charge) ?? line) : line));
  return { ...closing, lines: [...closed, ...opening.lines.filter(isOpeningLine)] };
}

/** The lines of subscriptionBillAt alone. */
export async function subscriptionLinesAt(
  database: Database,
  scope: TenantScope,
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  instant: Instant,
  readUsage: UsageReader = (request) => usageForWindows(database, scope, request),
): Promise<InvoiceLine[]> {
  return (await subscriptionBillAt(database, scope, billing, entry, instant, readUsage)).lines;
}
