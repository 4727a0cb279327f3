// `npm run fuzz`: the request fuzzer (test/fuzz/fuzz.test.ts) at full size on
// both databases: FUZZ_REQUESTS requests each (50,000 unless told), seeded by
// FUZZ_SEED. Its last line is one JSON object: requests sent and 5xx seen in
// all, and each database's summary (health, audit chains, invoices).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const requests = process.env.FUZZ_REQUESTS ?? "50000";
const databases = (process.env.FUZZ_DATABASES ?? "pglite,postgres").split(",");
const summaries: Record<string, unknown>[] = [];
let failed = false;
for (const database of databases) {
  const resultFile = join(root, "test-results", `fuzz-${database}.json`);
  rmSync(resultFile, { force: true });
  const run = spawnSync(
    join(root, "node_modules", ".bin", "vitest"),
    ["run", "--project", database, "test/fuzz/fuzz.test.ts"],
    { cwd: root, stdio: "inherit", env: { ...process.env, FUZZ_REQUESTS: requests } },
  );
  if (run.status !== 0) failed = true;
  if (existsSync(resultFile)) {
    const {
      failures,
      upstream_failure_samples: _samples,
      broken_audit_rows: _rows,
      ...summary
    } = JSON.parse(readFileSync(resultFile, "utf8"));
    summaries.push({ ...summary, first_failures: failures.slice(0, 3) });
  } else {
    summaries.push({ database, error: "the fuzz run ended before its report" });
    failed = true;
  }
}
const total = (field: string) => summaries.reduce((sum, summary) => sum + Number(summary[field] ?? 0), 0);
process.stdout.write(
  `${JSON.stringify({
    requests: total("requests"),
    responses_5xx: total("responses_5xx"),
    upstream_failures: total("upstream_failures"),
    databases: summaries,
  })}\n`,
);
process.exit(failed ? 1 : 0);
