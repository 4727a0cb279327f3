// `fairbill backtest`: prices a plan version (a draft too), or price overrides
// on a plan's charges, against the invoices already billed between --from and
// --to, for a population of customers; a progress bar on stderr, the backtest
// with its summary as JSON on stdout, and the invoices line by line as CSV
// with --csv. It records the backtest as POST /v1/backtests does (audited,
// announced) and runs it here rather than on the server's job queue.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { FairbillError } from "../../platform/errors.ts";
import { progressBarFromFirstReport } from "../progress-bar.ts";
import { runCommand } from "../run-command.ts";
import { inCliTenant, type TenantOptions, withTenantOptions } from "../tenant-commands.ts";

type BacktestOptions = TenantOptions & {
  planVersion?: string;
  plan?: string;
  overrides?: string;
  from: string;
  to: string;
  customers?: string;
  onVersion?: string;
  metadata: string[];
  country?: string;
  currency?: string;
  billedAtLeast?: string;
  billedBelow?: string;
  csv?: string;
  reason?: string;
};

export function registerBacktestCommand(program: Command): void {
  withTenantOptions(
    program
      .command("backtest")
      .description(
        "Price a plan version (a draft too) or price overrides against invoices already billed; prints the backtest as JSON",
      )
      .option("--plan-version <id>", "the plan version to price with")
      .option("--plan <id>", "with --overrides: the plan whose subscriptions get them")
      .option(
        "--overrides <json>",
        'price overrides, such as [{"charge_id":"calls","override":{"type":"unit_price","unit_price":"0.06"}}]',
      )
      .requiredOption("--from <time>", "the first issue date compared, such as 2026-01-01T00:00:00Z")
      .requiredOption("--to <time>", "the last issue date compared (exclusive), not after now")
      .option("--customers <ids>", "only these customers (comma separated Fairbill ids)")
      .option("--on-version <id>", "only customers billed on this version of the plan")
      .option("--metadata <key=value>", "only customers with this metadata (repeatable)", collect, [])
      .option("--country <code>", "only customers with this country")
      .option("--currency <code>", "only invoices in this currency")
      .option("--billed-at-least <amount>", "only customers billed at least this in the range")
      .option("--billed-below <amount>", "only customers billed less than this in the range")
      .option("--csv <file>", "also write the invoices, line by line, as CSV")
      .option("--reason <text>", "why, for the audit log"),
  ).action(runCommand(backtestCommand));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function backtestCommand(options: BacktestOptions): Promise<void> {
  const { backtestCsvText, requestBacktest, runBacktest } = await import("../../backtests/index.ts");
  await inCliTenant(options, async (tenant) => {
    // "Now" is the environment's: its test clock when one is set.
    const context = { ...tenant.context, clock: tenant.environmentClock, reason: options.reason };
    const created = await requestBacktest(context, requestOf(options));
    const bar = progressBarFromFirstReport({ label: "Backtesting", unit: "customers" });
    const backtest = await runBacktest(context, created.id, {
      onProgress: (progress) => {
        bar.update(
          progress.customersDone,
          progress.customersTotal,
          `${progress.invoicesCompared.toLocaleString("en")} invoices`,
        );
      },
    });
    bar.finish(`${backtest.invoices_compared.toLocaleString("en")} invoices`);
    if (options.csv !== undefined) await writeFile(options.csv, await backtestCsvText(context, backtest.id));
    process.stdout.write(`${JSON.stringify(backtest)}\n`);
    if (backtest.status !== "completed") {
      process.stderr.write(
        `The backtest ended ${backtest.status}${backtest.failure ? `: ${backtest.failure}` : ""}.\n`,
      );
      process.exitCode = 1;
    }
  });
}

/** The body POST /v1/backtests would take for these options. */
function requestOf(options: BacktestOptions): Record<string, unknown> {
  const population: Record<string, unknown> = {};
  if (options.customers !== undefined) population.customer_ids = options.customers.split(",").filter(Boolean);
  if (options.onVersion !== undefined) population.plan_version_id = options.onVersion;
  if (options.metadata.length > 0) population.metadata = Object.fromEntries(options.metadata.map(keyValue));
  if (options.country !== undefined) population.country = options.country;
  if (options.currency !== undefined) population.currency = options.currency;
  if (options.billedAtLeast !== undefined) population.billed_at_least = options.billedAtLeast;
  if (options.billedBelow !== undefined) population.billed_below = options.billedBelow;
  return {
    ...(options.planVersion === undefined ? {} : { plan_version_id: options.planVersion }),
    ...(options.plan === undefined ? {} : { plan_id: options.plan }),
    ...(options.overrides === undefined ? {} : { price_overrides: parseOverrides(options.overrides) }),
    ...(Object.keys(population).length === 0 ? {} : { population }),
    from: options.from,
    to: options.to,
  };
}

function keyValue(text: string): [string, string] {
  const separator = text.indexOf("=");
  if (separator <= 0) throw invalidArgument(`--metadata must be key=value, not "${text}".`);
  return [text.slice(0, separator), text.slice(separator + 1)];
}

function parseOverrides(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidArgument("--overrides must be a JSON array of { charge_id, override }.");
  }
}

function invalidArgument(detail: string): FairbillError {
  return new FairbillError({ code: "invalid_argument", status: 400, detail });
}
