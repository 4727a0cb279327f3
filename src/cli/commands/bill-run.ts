// `fairbill bill-run`: bills, by hand, every customer of an environment with
// something due, with a progress bar on stderr and the run's summary as JSON
// on stdout. It reads the environment's clock as the server does (its test
// clock, when one is set), so a run by hand and a scheduled run agree on "now".
// Killed at any point and started again, it issues each invoice exactly once.
import type { Command } from "commander";
import { FairbillError } from "../../platform/errors.ts";
import { progressBarFromFirstReport } from "../progress-bar.ts";
import { runCommand } from "../run-command.ts";
import { inCliTenant, type TenantOptions, withTenantOptions } from "../tenant-commands.ts";

type BillRunOptions = TenantOptions & { at?: string; concurrency?: string };

export function registerBillRunCommand(program: Command): void {
  withTenantOptions(
    program
      .command("bill-run")
      .description(
        "Bill every customer with something due at --at (default: the environment's now); prints the run as JSON",
      )
      .option("--at <time>", "an RFC 3339 instant such as 2026-03-01T00:00:00Z"),
  )
    .option(
      "--concurrency <n>",
      "customers billed side by side (PostgreSQL only; default 8 there, 1 on PGlite)",
    )
    .action(runCommand(billRunCommand));
}

async function billRunCommand(options: BillRunOptions): Promise<void> {
  const { presentBillRun, runBillRun } = await import("../../billing-runs/index.ts");
  const requestedAt = options.at === undefined ? undefined : parseInstant(options.at);
  await inCliTenant(options, async ({ handle, context, environmentClock }) => {
    const concurrency = parseConcurrency(options.concurrency, handle.kind === "postgres" ? 8 : 1);
    const now = environmentClock.now();
    const at = requestedAt ?? now;
    if (options.environment === "live" && at.getTime() > now.getTime()) {
      throw invalidArgument(
        `--at ${at.toISOString()} is in the future: a live bill run bills only what is due by now (${now.toISOString()}).`,
      );
    }
    const bar = progressBarFromFirstReport({ label: "Billing", unit: "customers" });
    const run = await runBillRun(
      { ...context, clock: environmentClock },
      {
        at,
        trigger: "cli",
        concurrency,
        onProgress: (progress) => {
          bar.update(progress.customersDone, progress.customersTotal, invoiceDetail(progress));
        },
      },
    );
    bar.finish(invoiceDetail(run));
    process.stdout.write(`${JSON.stringify(presentBillRun(run))}\n`);
    // Customers that could not be billed make the command fail, so a scheduled script notices.
    if (run.errors > 0) {
      process.stderr.write(
        `${run.errors} customer(s) could not be billed: fairbill's GET /v1/bill-runs/${run.id} lists them.\n`,
      );
      process.exitCode = 1;
    }
  });
}

function invoiceDetail(progress: { invoicesIssued: number; errors: number }): string {
  const errors = progress.errors === 0 ? "" : ` · ${progress.errors.toLocaleString("en")} failed`;
  return `${progress.invoicesIssued.toLocaleString("en")} invoices${errors}`;
}

function parseInstant(text: string): Date {
  const instant = new Date(text);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ||
    Number.isNaN(instant.getTime())
  ) {
    throw invalidArgument(
      `--at must be an RFC 3339 instant with a time zone, such as 2026-03-01T00:00:00Z, not "${text}".`,
    );
  }
  return instant;
}

function parseConcurrency(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw invalidArgument(`--concurrency must be a whole number from 1 to 64, not "${text}".`);
  }
  return value;
}

function invalidArgument(detail: string): FairbillError {
  return new FairbillError({ code: "invalid_argument", status: 400, detail });
}
