// `fairbill kpis [--from 2026-01] [--to 2026-12]`: the billing KPIs of a
// range of months, as GET /v1/kpis answers them, as JSON on stdout, with a
// progress bar on stderr while the range's events are checked for leakage.
import type { Command } from "commander";
import { databaseLocationOf, openMigratedDatabase } from "../../app.ts";
import { computeKpis } from "../../finance/index.ts";
import {
  clockForEnvironment,
  findOrCreateDefaultOrganization,
  loadOrganization,
} from "../../organizations/index.ts";
import { systemClock } from "../../platform/clock.ts";
import { readConfiguration } from "../../platform/config.ts";
import { FairbillError } from "../../platform/errors.ts";
import { createProgressBar, type ProgressBar } from "../progress-bar.ts";
import { runCommand } from "../run-command.ts";

type KpiOptions = { from?: string; to?: string; environment: string; organization?: string };

export function registerKpisCommand(program: Command): void {
  program
    .command("kpis")
    .description(
      "Billing KPIs of a range of months (MRR, ARR, NRR, DSO, failure rate, disputes, leakage, forecast); prints JSON",
    )
    .option("--from <month>", "first month, YYYY-MM (default: eleven months before --to)")
    .option("--to <month>", "last month, YYYY-MM (default: the month before the current one)")
    .option("--environment <environment>", "test or live", "test")
    .option("--organization <id>", "the organization (default: the first one created)")
    .action(runCommand(kpisCommand));
}

async function kpisCommand(options: KpiOptions): Promise<void> {
  if (options.environment !== "test" && options.environment !== "live") {
    throw new FairbillError({
      code: "invalid_argument",
      status: 400,
      detail: `--environment must be test or live, not "${options.environment}".`,
    });
  }
  const environmentKind = options.environment;
  const handle = await openMigratedDatabase(databaseLocationOf(readConfiguration()));
  try {
    const organization = options.organization
      ? await loadOrganization(handle.database, options.organization)
      : (await findOrCreateDefaultOrganization(handle.database, systemClock)).organization;
    const scope = {
      organizationId: organization.id,
      environmentId: organization.environments[environmentKind],
    };
    const clock = await clockForEnvironment(handle.database, scope, systemClock);
    let bar: ProgressBar | undefined;
    const kpis = await computeKpis(
      handle.database,
      scope,
      {
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
      },
      {
        now: clock.now(),
        onProgress: (progress) => {
          bar ??= createProgressBar({ label: "Checking events", total: progress.total, unit: "events" });
          bar.update(progress.done, "leakage");
        },
      },
    );
    bar?.finish(`${kpis.leakage.per_thousand_events} leaking per 1,000`);
    process.stdout.write(`${JSON.stringify(kpis)}\n`);
  } finally {
    await handle.close();
  }
}
