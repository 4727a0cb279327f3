// `npm test`: the whole suite, in the order a reviewer would check it. Static
// checks first (format and lint, types, dead code), then the tests on both
// databases, then the billing scenarios through the real CLI. It ends with one
// line `N passed, M failed` that counts every test and scenario.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const binaries = join(root, "node_modules", ".bin");
const sharedScenarios = join(root, "..", "shared", "scenarios");
const postgresUrl = process.env.FAIRBILL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const inContinuousIntegration = process.env.CI === "true" || process.env.CI === "1";
// The ClickHouse event-store tests run against CLICKHOUSE_URL (.ci/run starts Debian's server).
const clickhouseUrl = process.env.CLICKHOUSE_URL;

let passed = 0;
let failed = 0;
const failedSteps: string[] = [];

function step(
  name: string,
  command: string,
  commandArguments: string[],
  environment: NodeJS.ProcessEnv = {},
): number {
  process.stdout.write(`\n── ${name}\n`);
  const result = spawnSync(command, commandArguments, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...environment, PATH: `${binaries}:${process.env.PATH ?? ""}` },
  });
  const status = result.status ?? 1;
  if (status !== 0) failedSteps.push(name);
  return status;
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

type Check = { name: string; command: string; commandArguments: string[] };

/**
 * Runs independent checks side by side (each is one process on one core, and
 * the machine has more than one), then prints each one's output in order
 * under its name, as `step` would have.
 */
async function checksSideBySide(checks: Check[]): Promise<void> {
  const finished = checks.map(
    (check) =>
      new Promise<{ check: Check; output: string; status: number }>((resolve) => {
        const chunks: Buffer[] = [];
        const child = spawn(check.command, check.commandArguments, {
          cwd: root,
          env: { ...process.env, PATH: `${binaries}:${process.env.PATH ?? ""}`, FORCE_COLOR: "1" },
        });
        child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.on("error", (error) => chunks.push(Buffer.from(`${error.message}\n`)));
        child.on("close", (status) =>
          resolve({ check, output: Buffer.concat(chunks).toString(), status: status ?? 1 }),
        );
      }),
  );
  for (const { check, output, status } of await Promise.all(finished)) {
    process.stdout.write(`\n── ${check.name}\n${output}`);
    if (status !== 0) failedSteps.push(check.name);
  }
}

await checksSideBySide([
  // The registry mirror these machines use lags behind npm's: a dependency whose
  // platform packages it lacks makes `npm ci` refuse the lock file, so the lock
  // is checked the way a fresh clone installs it (validation only, nothing installed).
  {
    name: "Lock file installs with npm ci",
    command: "npm",
    commandArguments: ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"],
  },
  { name: "Format and lint (Biome)", command: join(binaries, "biome"), commandArguments: ["check", "."] },
  { name: "Type check (tsc)", command: join(binaries, "tsc"), commandArguments: ["-p", "tsconfig.json"] },
  {
    name: "Type check of the web console (tsc)",
    command: join(binaries, "tsc"),
    commandArguments: ["-p", join("web", "tsconfig.json")],
  },
  { name: "Dead code (knip)", command: join(binaries, "knip"), commandArguments: [] },
  {
    name: "Architecture: front doors and layers (dependency-cruiser)",
    command: join(binaries, "depcruise"),
    commandArguments: [
      "src",
      "test",
      "bench",
      "scripts",
      "web/src",
      "packages",
      "--config",
      ".dependency-cruiser.cjs",
    ],
  },
]);

const projects = ["core", "pglite"];
if (await postgresAnswers()) {
  projects.push("postgres");
} else if (inContinuousIntegration) {
  process.stdout.write(`\nPostgreSQL does not answer at ${postgresUrl}; CI must run the suite on it.\n`);
  failedSteps.push("PostgreSQL reachable");
} else {
  process.stdout.write(
    `\nPostgreSQL does not answer at ${postgresUrl}: the PostgreSQL half of the suite is skipped.\n` +
      "Start a server (or set FAIRBILL_TEST_POSTGRES_URL) to run it; .ci/run always does.\n",
  );
}

async function clickhouseAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/ping", url), { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

const clickhouseEnvironment: Record<string, string> = {};
if (clickhouseUrl !== undefined && (await clickhouseAnswers(clickhouseUrl))) {
  clickhouseEnvironment.CLICKHOUSE_URL = clickhouseUrl;
} else if (inContinuousIntegration) {
  process.stdout.write(
    `\nClickHouse does not answer at CLICKHOUSE_URL (${clickhouseUrl ?? "not set"}); CI must run its tests.\n`,
  );
  failedSteps.push("ClickHouse reachable");
} else {
  process.stdout.write(
    `\nClickHouse does not answer at CLICKHOUSE_URL (${clickhouseUrl ?? "not set"}): the event-store tests are skipped.\n` +
      "Start clickhouse-server and set CLICKHOUSE_URL (such as http://127.0.0.1:8123) to run them; .ci/run always does.\n",
  );
}

// The browser tests drive Debian's Chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium";
if (existsSync(chromiumPath)) {
  projects.push("browser");
} else if (inContinuousIntegration) {
  process.stdout.write(`\nNo Chromium at ${chromiumPath}; CI must run the browser tests.\n`);
  failedSteps.push("Chromium installed");
} else {
  process.stdout.write(
    `\nNo Chromium at ${chromiumPath}: the browser tests are skipped (apt-get install chromium to run them).\n`,
  );
}

mkdirSync(join(root, ".tmp"), { recursive: true });
// Node's compile cache: each of the hundreds of processes the tests start (a
// worker per test file, every `fairbill` command a test runs) compiles the
// same modules; with the cache, the first one does it for the others.
const compileCache = join(root, ".tmp", "compile-cache");
const vitestReport = join(root, ".tmp", "vitest-report.json");
step(
  `Tests (vitest: ${projects.join(", ")})`,
  join(binaries, "vitest"),
  [
    "run",
    ...projects.flatMap((project) => ["--project", project]),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestReport}`,
  ],
  { FAIRBILL_TEST_POSTGRES_URL: postgresUrl, NODE_COMPILE_CACHE: compileCache, ...clickhouseEnvironment },
);
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}

// The scenario checker lives in ../shared beside the checkout; the same
// scenarios also run in-process in test/scenarios/scenarios.test.ts.
const checker = join(sharedScenarios, "check.py");
process.stdout.write("\n── Billing scenarios through `fairbill simulate`\n");
if (existsSync(checker)) {
  // `fairbill simulate` straight from node_modules/.bin: the same command
  // `npx` finds, without starting npm once per scenario.
  const simulate = `${join(binaries, "fairbill")} simulate`;
  const scenarios = spawnSync(
    "python3",
    [checker, "--cmd", simulate, sharedScenarios, join(root, "test", "scenarios")],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PATH: `${binaries}:${process.env.PATH ?? ""}` },
    },
  );
  process.stdout.write(scenarios.stdout + scenarios.stderr);
  const scenarioCounts = /(\d+) passed, (\d+) failed/.exec(scenarios.stdout);
  if (scenarioCounts) {
    passed += Number(scenarioCounts[1]);
    failed += Number(scenarioCounts[2]);
  }
  if (scenarios.status !== 0) failedSteps.push("Billing scenarios");
} else {
  process.stdout.write(`No scenario checker at ${checker}: skipped.\n`);
}

process.stdout.write(
  `\n${failedSteps.length === 0 ? "All checks passed." : `Failed: ${failedSteps.join(", ")}.`}\n`,
);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failedSteps.length === 0 && failed === 0 ? 0 : 1);
