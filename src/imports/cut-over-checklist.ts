// The cut-over checklist, computed from the environment's data each time it
// is read: the imports are clean (the latest import from each source ended
// with every refused record resolved by a person, or none refused; each kind
// of CSV file is a source of its own), the newest completed parallel run matches to the
// cent or a second person accepted each of its differences, the customers
// that pay automatically have a payment method, webhook endpoints receive
// events, and customer emails are sent (an SMTP server, and an address for
// every customer billed). Each item says what is missing, with counts and ids.
import { customerRecordsByIds } from "../customers/index.ts";
import { enabledWebhookEndpointIds } from "../notifications/index.ts";
import { customersWithoutAutomaticPayment } from "../payments/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { customersWithSubscriptionsToBill } from "../subscriptions/index.ts";
import type { ChecklistItem, ChecklistItemKey } from "./cut-over-schemas.ts";
import { acceptancesOf, differingLines } from "./parallel-run-differences.ts";

export type ChecklistOptions = {
  /** Whether the server sends customer emails through an SMTP server (SMTP_URL). */
  sendsEmail: boolean;
};

const idsShown = 100;

function item(
  key: ChecklistItemKey,
  title: string,
  missing: readonly string[],
  detail: string,
): ChecklistItem {
  return {
    item: key,
    title,
    status: missing.length === 0 ? "ok" : "missing",
    detail,
    missing_count: missing.length,
    missing_ids: missing.slice(0, idsShown),
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

async function importsItem(context: RequestContext): Promise<ChecklistItem> {
  const title = "Imports clean";
  const rows = await context.database
    .selectFrom("imports")
    .select(["id", "source", "csv_object", "status", "refused_count"])
    .where("environment_id", "=", context.environmentId)
    .where("dry_run", "=", false)
    .orderBy("id", "desc")
    .execute();
  // A CSV file holds one kind of object: each kind is a source of its own.
  const sourceOf = (row: (typeof rows)[number]) =>
    row.csv_object === null ? row.source : `${row.source} ${row.csv_object}`;
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(sourceOf(row))) latest.set(sourceOf(row), row);
  if (latest.size === 0)
    return item(
      "imports",
      title,
      ["none"],
      "Nothing has been imported from the old system yet: import it first.",
    );
  const resolved = await resolvedCounts(
    context,
    [...latest.values()].map((row) => row.id),
  );
  const unresolvedOf = (row: (typeof rows)[number]) => row.refused_count - (resolved.get(row.id) ?? 0);
  const unclean = [...latest.values()].filter((row) => row.status !== "completed" || unresolvedOf(row) > 0);
  const detail =
    unclean.length === 0
      ? `The latest import from each source (${[...latest.keys()].sort().join(", ")}) left no refused record unresolved.`
      : unclean
          .map((row) =>
            row.status === "completed"
              ? `the latest ${sourceOf(row)} import ${row.id} left ${plural(unresolvedOf(row), "refused record")} unresolved: fix them at the source or in the mapping and import again, or resolve each with a person's decision`
              : `the latest ${sourceOf(row)} import ${row.id} is ${row.status}`,
          )
          .join("; ");
  return item(
    "imports",
    title,
    unclean.map((row) => row.id),
    unclean.length === 0 ? detail : `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`,
  );
}

/** How many refused records of each import a person resolved. */
async function resolvedCounts(
  context: RequestContext,
  importIds: readonly string[],
): Promise<Map<string, number>> {
  if (importIds.length === 0) return new Map();
  const rows = await context.database
    .selectFrom("import_record_resolutions")
    .select(["import_id", (count) => count.fn.countAll<string>().as("resolved")])
    .where("environment_id", "=", context.environmentId)
    .where("import_id", "in", [...importIds])
    .groupBy("import_id")
    .execute();
  return new Map(rows.map((row) => [row.import_id, Number(row.resolved)]));
}

async function parallelRunItem(context: RequestContext): Promise<ChecklistItem> {
  const title = "Parallel run matches, or each difference accepted by a second person";
  const run = await context.database
    .selectFrom("parallel_runs")
    .select(["id", "invoices", "matching"])
    .where("environment_id", "=", context.environmentId)
    .where("status", "=", "completed")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (run === undefined)
    return item(
      "parallel_run",
      title,
      ["none"],
      "No parallel run has completed: run one over the old system's invoices.",
    );
  if (run.matching === run.invoices)
    return item(
      "parallel_run",
      title,
      [],
      `Parallel run ${run.id} matches all ${plural(run.invoices, "invoice")} to the cent.`,
    );
  const differing = await selectInTenant(context.database, context, "parallel_run_invoices")
    .where("parallel_run_id", "=", run.id)
    .where("matches", "=", false)
    .orderBy("position")
    .execute();
  const acceptances = await acceptancesOf(context.database, context, run.id);
  const differences = differing.flatMap((row) => differingLines(row).map((entry) => entry.id));
  const unaccepted = differences.filter((id) => !acceptances.has(id));
  return item(
    "parallel_run",
    title,
    unaccepted,
    unaccepted.length === 0
      ? `Parallel run ${run.id} matches ${run.matching} of ${plural(run.invoices, "invoice")}; a second person accepted each of its ${plural(differences.length, "difference")}.`
      : `Parallel run ${run.id} matches ${run.matching} of ${plural(run.invoices, "invoice")}: ${plural(unaccepted.length, "difference")} of ${differences.length} not accepted yet. Fix the mapping and run again, or have a second person accept each with a reason.`,
  );
}

async function paymentMethodsItem(
  context: RequestContext,
  billed: readonly string[],
): Promise<ChecklistItem> {
  const title = "Payment methods for customers that pay automatically";
  const { collectsAutomatically, customerIds } = await customersWithoutAutomaticPayment(
    context.database,
    context,
    billed,
  );
  if (!collectsAutomatically)
    return item(
      "payment_methods",
      title,
      [],
      "Payments are recorded by hand here: no customer pays automatically.",
    );
  return item(
    "payment_methods",
    title,
    customerIds,
    customerIds.length === 0
      ? `Each of the ${plural(billed.length, "customer")} billed has a default payment method.`
      : `${plural(customerIds.length, "customer")} billed automatically through Stripe ${customerIds.length === 1 ? "has" : "have"} no default payment method.`,
  );
}

async function webhooksItem(context: RequestContext): Promise<ChecklistItem> {
  const endpoints = await enabledWebhookEndpointIds(context.database, context);
  return item(
    "webhooks",
    "Webhook endpoints configured",
    endpoints.length === 0 ? ["none"] : [],
    endpoints.length === 0
      ? "No enabled webhook endpoint: your systems would not hear of Fairbill's invoices and payments. Add one."
      : `${plural(endpoints.length, "enabled endpoint")} receive${endpoints.length === 1 ? "s" : ""} events.`,
  );
}

async function emailsItem(
  context: RequestContext,
  billed: readonly string[],
  options: ChecklistOptions,
): Promise<ChecklistItem> {
  const records = await customerRecordsByIds(context.database, context, billed);
  const withoutEmail = records.filter((record) => record.email === null).map((record) => record.id);
  const missing = [...(options.sendsEmail ? [] : ["SMTP_URL"]), ...withoutEmail];
  const problems = [
    ...(options.sendsEmail
      ? []
      : ["SMTP_URL is not set: customer emails are written to the outbox folder, not sent"]),
    ...(withoutEmail.length === 0
      ? []
      : [
          `${plural(withoutEmail.length, "customer")} billed ${withoutEmail.length === 1 ? "has" : "have"} no email address`,
        ]),
  ];
  return item(
    "emails",
    "Customer emails configured",
    missing,
    problems.length === 0
      ? "Emails are sent through the SMTP server, and every customer billed has an email address."
      : `${problems.join("; ")}.`,
  );
}

/** The checklist, in the order a cut-over works through it. */
export async function cutOverChecklist(
  context: RequestContext,
  options: ChecklistOptions,
): Promise<ChecklistItem[]> {
  const billed = await customersWithSubscriptionsToBill(context.database, context);
  return [
    await importsItem(context),
    await parallelRunItem(context),
    await paymentMethodsItem(context, billed),
    await webhooksItem(context),
    await emailsItem(context, billed, options),
  ];
}
