// `fairbill kpis [--from 2026-01] [--to 2026-12]`: the billing KPIs of a
// range of months, as GET /v1/kpis answers them, as JSON on stdout, with a
// progress bar on stderr while the range's events are checked for leakage.
import type { Command } from "commander";
import { progressBarFromFirstReport } from "../progress-bar.ts";
import { runCommand } from "../run-command.ts";
import { inCliTenant, type TenantOptions, withTenantOptions } from "../tenant-commands.ts";

type KpiOptions = TenantOptions & { from?: string; to?: string };

export function registerKpisCommand(program: Command): void {
  withTenantOptions(
    program
      .command("kpis")
      .description(
        "Billing KPIs of a range of months (MRR, ARR, NRR, DSO, failure rate, disputes, leakage, forecast); prints JSON",
      )
      .option("--from <month>", "first month, YYYY-MM (default: eleven months before --to)")
      .option("--to <month>", "last month, YYYY-MM (default: the month before the current one)"),
  ).action(runCommand(kpisCommand));
}

async function kpisCommand(options: KpiOptions): Promise<void> {
  const { computeKpis } = await import("../../finance/index.ts");
  await inCliTenant(options, async ({ handle, scope, environmentClock }) => {
    const bar = progressBarFromFirstReport({ label: "Checking events", unit: "events" });
    const kpis = await computeKpis(
      handle.database,
      scope,
      {
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
      },
      {
        now: environmentClock.now(),
        onProgress: (progress) => {
          bar.update(progress.done, progress.total, "leakage");
        },
      },
    );
    bar.finish(`${kpis.leakage.per_thousand_events} leaking per 1,000`);
    process.stdout.write(`${JSON.stringify(kpis)}\n`);
  });
}
