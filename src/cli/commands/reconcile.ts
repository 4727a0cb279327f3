// `fairbill reconcile --period 2026-10`: the reconciliation of an accounting
// month, as GET /v1/reconciliation answers it, printed as JSON on stdout with
// a progress bar over the month's events on stderr. With --strict it exits 1
// when any difference is left (a CI pipeline gates on it), and says how many.
import type { Command } from "commander";
import { progressBarFromFirstReport } from "../progress-bar.ts";
import { runCommand } from "../run-command.ts";
import { inCliTenant, type TenantOptions, withTenantOptions } from "../tenant-commands.ts";

type ReconcileOptions = TenantOptions & { period: string; strict?: boolean };

export function registerReconcileCommand(program: Command): void {
  withTenantOptions(
    program
      .command("reconcile")
      .description(
        "Reconcile an accounting month: usage from events to invoices, invoices against payments, revenue leakage; prints JSON",
      )
      .requiredOption("--period <month>", "the accounting month, YYYY-MM, such as 2026-10")
      .option("--strict", "exit with 1 when any difference is left"),
  ).action(runCommand(reconcileCommand));
}

async function reconcileCommand(options: ReconcileOptions): Promise<void> {
  const { reconcilePeriod } = await import("../../finance/index.ts");
  await inCliTenant(options, async ({ handle, scope, environmentClock }) => {
    const bar = progressBarFromFirstReport({ label: "Reconciling", unit: "events" });
    const report = await reconcilePeriod(handle.database, scope, options.period, {
      now: environmentClock.now(),
      path: "--period",
      onProgress: (progress) => {
        bar.update(progress.done, progress.total, `period ${options.period}`);
      },
    });
    const differences = report.usage.differences.length + report.receivables.differences.length;
    bar.finish(`${differences.toLocaleString("en")} differences`);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (options.strict === true && !report.clean) {
      process.stderr.write(
        `${differences} difference(s) in ${report.period}; leakage ${report.leakage.per_thousand_events} events per 1,000.\n`,
      );
      process.exitCode = 1;
    }
  });
}
