// `fairbill import csv <object> <file>` imports a CSV file in one of the
// templates of docs/imports.md (--atomic: nothing from a file with errors).
// `fairbill import usage <ndjson|csv> <file>` backfills past usage events
// through metering's ingestion, each event id once (a rerun skips them).
// `fairbill import stripe`: reads a Stripe account through Stripe's official
// SDK and imports its customers, meters, plans, coupons, credit balances and
// subscriptions into an environment; `fairbill import lago` reads a Lago
// organization through Lago's official client and imports its billable
// metrics, plans, coupons, customers, subscriptions, wallets and invoices as
// history (either, with --dry-run, only reports what it
// would do); a progress bar on stderr, the import with its counts as JSON on
// stdout, and the whole report (each record created, skipped or refused with
// the reason) written as JSON with --report. It records the import as
// POST /v1/imports does (audited) and runs it here rather than on the
// server's job queue. Running it again creates nothing twice.
import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { progressBarFromFirstReport } from "../progress-bar.ts";
import { runCommand } from "../run-command.ts";
import { inCliTenant, type TenantOptions, withTenantOptions } from "../tenant-commands.ts";

type ImportOptions = TenantOptions & {
  secretKey: string;
  apiBaseUrl?: string;
  dryRun?: boolean;
  report?: string;
  reason?: string;
};

export function registerImportCommand(program: Command): void {
  const importCommand = program
    .command("import")
    .description("Import customers, plans and subscriptions from the billing system you leave");
  const stripe = importCommand
    .command("stripe")
    .description("Import from a Stripe account; prints the import as JSON, and a second run creates nothing")
    .requiredOption("--secret-key <key>", "a Stripe secret or restricted key that may read the account")
    .option("--api-base-url <url>", "Stripe's API address (Stripe's own when left out)");
  withRunOptions(stripe, { dryRun: true, report: "every record's outcome, with the reasons" }).action(
    runCommand(importStripeCommand),
  );
  const lago = importCommand
    .command("lago")
    .description(
      "Import from a Lago organization; prints the import as JSON, and a second run creates nothing",
    )
    .requiredOption("--api-url <url>", "where Lago's API answers, without /api/v1 (https://api.getlago.com)")
    .requiredOption("--api-key <key>", "an API key of the Lago organization");
  withRunOptions(lago, { dryRun: true, report: "every record's outcome, with the reasons" }).action(
    runCommand(importLagoCommand),
  );
  const csv = importCommand
    .command("csv")
    .description("Import a CSV file of customers or subscriptions in the template of docs/imports.md")
    .argument("<object>", "customers or subscriptions: the template the file follows")
    .argument("<file>", "the CSV file, a header row first")
    .option("--atomic", "import nothing from a file with any problem");
  withRunOptions(csv, {
    dryRun: true,
    report: "every row's outcome, with the problems by row and column",
  }).action(runCommand(importCsvCommand));
  const usage = importCommand
    .command("usage")
    .description("Backfill past usage events from an NDJSON or CSV file; each event id is stored once")
    .argument(
      "<format>",
      "ndjson (one event a line) or csv (id, customer, name, timestamp, properties.<key>)",
    )
    .argument("<file>", "the file, at most 50,000 events");
  withRunOptions(usage, {
    dryRun: false,
    report: "every line's outcome, with the problems by line and field",
  }).action(runCommand(importUsageCommand));
}

/** The options every import ends with: --dry-run where it has one, --report (what it writes), --reason and the tenant. */
function withRunOptions(command: Command, options: { dryRun: boolean; report: string }): Command {
  if (options.dryRun) command.option("--dry-run", "only report what would be created, skipped and refused");
  return withTenantOptions(
    command
      .option("--report <file>", `also write ${options.report}, as JSON`)
      .option("--reason <text>", "why, for the audit log"),
  );
}

async function importUsageCommand(
  format: string,
  file: string,
  options: Omit<ImportOptions, "secretKey" | "apiBaseUrl" | "dryRun">,
): Promise<void> {
  const text = await readFile(file, "utf8");
  await runImportHere(options, { source: "usage", usage: { format, text } });
}

type CsvOptions = Omit<ImportOptions, "secretKey" | "apiBaseUrl"> & { atomic?: boolean };

async function importCsvCommand(object: string, file: string, options: CsvOptions): Promise<void> {
  const text = await readFile(file, "utf8");
  await runImportHere(options, {
    source: "csv",
    dry_run: options.dryRun === true,
    csv: { object, text, atomic: options.atomic === true },
  });
}

async function importStripeCommand(options: ImportOptions): Promise<void> {
  await runImportHere(options, {
    source: "stripe",
    dry_run: options.dryRun === true,
    stripe: {
      secret_key: options.secretKey,
      ...(options.apiBaseUrl === undefined ? {} : { api_base_url: options.apiBaseUrl }),
    },
  });
}

type LagoOptions = Omit<ImportOptions, "secretKey" | "apiBaseUrl"> & { apiUrl: string; apiKey: string };

async function importLagoCommand(options: LagoOptions): Promise<void> {
  await runImportHere(options, {
    source: "lago",
    dry_run: options.dryRun === true,
    lago: { api_url: options.apiUrl, api_key: options.apiKey },
  });
}

/** Records the import as POST /v1/imports would (the same checks), runs it here, and prints it. */
async function runImportHere(
  options: Pick<ImportOptions, "report" | "reason" | "environment" | "organization">,
  request: Record<string, unknown>,
): Promise<void> {
  const { listImportRecords, requestImport, runImport } = await import("../../imports/index.ts");
  const { refuseUnpricedEvents } = await import("../../invoicing/index.ts");
  await inCliTenant(options, async (tenant) => {
    const context = { ...tenant.context, clock: tenant.environmentClock, reason: options.reason };
    const created = await requestImport(context, request);
    const bar = progressBarFromFirstReport({ label: "Importing", unit: "records" });
    const finished = await runImport(context, created.id, {
      refuseUnpriced: refuseUnpricedEvents,
      onProgress: (progress) => {
        if (progress.phase === "importing") bar.update(progress.recordsDone, progress.recordsTotal, "");
      },
    });
    bar.finish(`${finished.created} created, ${finished.skipped} skipped, ${finished.refused} refused`);
    if (options.report !== undefined) {
      const records = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await listImportRecords(context, finished.id, {
          limit: 500,
          ...(cursor === undefined ? {} : { cursor }),
        });
        records.push(...page.data);
        if (page.next_cursor === null) break;
        cursor = page.next_cursor;
      }
      await writeFile(options.report, `${JSON.stringify({ import: finished, records }, null, 2)}\n`);
    }
    process.stdout.write(`${JSON.stringify(finished)}\n`);
    if (finished.status !== "completed") {
      process.stderr.write(`The import failed: ${finished.failure ?? "unknown"}.\n`);
      process.exitCode = 1;
    } else if (finished.refused > 0) {
      process.stderr.write(
        `${finished.refused} records were left for a person to decide; each reason is in the import's report.\n`,
      );
    }
  });
}
