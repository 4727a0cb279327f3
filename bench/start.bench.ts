// Benchmark of a second start of `fairbill serve` on the embedded database: the
// data folder is already there and the demo loaded, as after a first
// `npm start`. It prepares a fresh data folder with one start (`serve --demo`
// creates the organization and loads the demo), stops it, and then starts
// `serve --demo` again, several times, each time measuring:
// - ready: from spawning the process until the real API answers an
//   authenticated GET /v1/customers with 200 (the loading server that listens
//   at once answers 503 `starting` until then);
// - first answer: until anything answers on the port (the loading page);
// - peak memory: the process's resident-set high-water mark (VmHWM in
//   /proc/PID/status, which the kernel keeps), when ready and after a few
//   more seconds of running (the job worker and schedule start on ready).
//
// The baseline, measured in the same run alternately with each start, is the
// least any start on this folder costs: a bare Node process that opens the same
// PGlite folder (on the WebAssembly module Fairbill compiles for it,
// pglite-module.ts), runs one query and answers from a Fastify hello-world route.
//
// usage: npm run bench:start [-- RUNS]   (or BENCH_START_RUNS; default 3; Linux, for /proc;
//        BENCH_START_NODE_FLAGS, such as --liftoff-only, for both processes' node)
// The last line printed is one JSON object with the figures and the load average.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? process.env.BENCH_START_RUNS ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
  throw new Error(`The number of runs must be a whole number, not "${process.argv[2]}".`);
}
// Running on after ready, so that the peak includes what starts then (the job worker, the schedule).
const settleMilliseconds = 5_000;
const pollMilliseconds = 20;
const readyTimeoutMilliseconds = 10 * 60_000;
const repositoryRoot = join(import.meta.dirname, "..");
const loadAverage = () => loadavg().map((value) => Number(value.toFixed(2)));
const loadAtStart = loadAverage();
// Flags for node in both processes (a V8 flag's effect on the start and its memory, say).
const nodeFlags = (process.env.BENCH_START_NODE_FLAGS ?? "").split(" ").filter((flag) => flag !== "");

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The process's peak resident set so far, in MB. */
function peakMegabytes(processId: number): number {
  const status = readFileSync(`/proc/${processId}/status`, "utf8");
  const kilobytes = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kilobytes / 1024);
}

/** The status of a GET, or undefined while nothing answers on the port. */
async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number | undefined> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

type Started = { child: ChildProcess; output: () => string };

function startProcess(arguments_: string[], environment: Record<string, string>): Started {
  const child = spawn(process.execPath, [...nodeFlags, ...arguments_], {
    cwd: repositoryRoot,
    env: { ...process.env, ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => started.child.once("exit", () => resolve()));
  started.child.kill("SIGTERM");
  const killTimer = setTimeout(() => started.child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(killTimer);
}

type Measure = { readyMs: number; firstAnswerMs: number; peakAtReadyMb: number; peakMb: number };

/** Starts a process and polls `url` until it answers `wanted`; times from the spawn. */
async function measureStart(
  arguments_: string[],
  environment: Record<string, string>,
  url: string,
  headers: Record<string, string>,
  wanted: number,
): Promise<Measure & { output: string }> {
  const spawnedAt = performance.now();
  const started = startProcess(arguments_, environment);
  const processId = started.child.pid;
  if (processId === undefined) throw new Error("The process did not start.");
  try {
    let firstAnswerMs: number | undefined;
    for (;;) {
      if (started.child.exitCode !== null) {
        throw new Error(`The process ended before it was ready:\n${started.output()}`);
      }
      const status = await statusOf(url, headers);
      const elapsed = performance.now() - spawnedAt;
      if (status !== undefined) firstAnswerMs ??= elapsed;
      if (status === wanted) {
        const peakAtReadyMb = peakMegabytes(processId);
        await new Promise((resolve) => setTimeout(resolve, settleMilliseconds));
        return {
          readyMs: Math.round(elapsed),
          firstAnswerMs: Math.round(firstAnswerMs ?? elapsed),
          peakAtReadyMb,
          peakMb: peakMegabytes(processId),
          output: started.output(),
        };
      }
      if (elapsed > readyTimeoutMilliseconds) {
        throw new Error(`Not ready after ${readyTimeoutMilliseconds / 1000} s:\n${started.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMilliseconds));
    }
  } finally {
    await stop(started);
  }
}

// The floor: open the same PGlite folder as Fairbill does, one query, and a Fastify route that answers.
const baselineScript = `
import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import { pgliteModule } from "./src/platform/database/pglite-module.ts";
const database = await PGlite.create({ dataDir: process.env.BASELINE_PGDATA, pgliteWasmModule: await pgliteModule() });
await database.query("select count(*) from pg_class");
const app = Fastify();
app.get("/", async () => ({ hello: "world" }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
const stop = async () => { await app.close(); await database.close(); process.exit(0); };
process.once("SIGTERM", () => void stop());
`;

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;

const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-bench-start-"));
try {
  const port = await freePort();
  const serveEnvironment = {
    FAIRBILL_DATA_DIR: dataDirectory,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
  };
  // As `npm start` runs it (package.json): young generation capped at 2 × 16 MB.
  const serve = ["--max-semi-space-size=16", join("src", "cli", "main.ts"), "serve", "--demo"];
  const customersUrl = `http://127.0.0.1:${port}/v1/customers`;

  process.stdout.write("First start (creates the organization and loads the demo)…\n");
  const keyPattern = /fb_test_[A-Za-z0-9_-]+/;
  const first = await (async () => {
    // The key is printed before the demo loads; ready is a 200 with it.
    const spawnedAt = performance.now();
    const started = startProcess(serve, serveEnvironment);
    try {
      for (;;) {
        if (started.child.exitCode !== null) {
          throw new Error(`The first start ended:\n${started.output()}`);
        }
        const key = keyPattern.exec(started.output())?.[0];
        if (key !== undefined) {
          const status = await statusOf(customersUrl, { authorization: `Bearer ${key}` });
          if (status === 200) {
            return {
              key,
              readyMs: Math.round(performance.now() - spawnedAt),
              peakMb: peakMegabytes(started.child.pid ?? 0),
            };
          }
        }
        if (performance.now() - spawnedAt > readyTimeoutMilliseconds) {
          throw new Error(`The first start was not ready in time:\n${started.output()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await stop(started);
    }
  })();
  process.stdout.write(`  ready in ${seconds(first.readyMs)}, peak ${first.peakMb} MB\n`);

  const authorization = { authorization: `Bearer ${first.key}` };
  const starts: Measure[] = [];
  const baselines: Measure[] = [];
  for (let run = 1; run <= runs; run++) {
    const baselinePort = await freePort();
    const baseline = await measureStart(
      ["--input-type=module", "--eval", baselineScript],
      { BASELINE_PGDATA: join(dataDirectory, "pgdata"), PORT: String(baselinePort) },
      `http://127.0.0.1:${baselinePort}/`,
      {},
      200,
    );
    baselines.push(baseline);
    const start = await measureStart(serve, serveEnvironment, customersUrl, authorization, 200);
    if (/Added demo data/.test(start.output)) throw new Error("The second start loaded the demo again.");
    starts.push(start);
    process.stdout.write(
      `Run ${run}: second start ready in ${seconds(start.readyMs)} (loading page after ${seconds(start.firstAnswerMs)}), ` +
        `peak ${start.peakAtReadyMb} MB when ready, ${start.peakMb} MB ${settleMilliseconds / 1000} s later; ` +
        `baseline (PGlite folder + Fastify hello) ${seconds(baseline.readyMs)}, peak ${baseline.peakMb} MB\n`,
    );
  }

  const readyMs = median(starts.map((start) => start.readyMs));
  const baselineMs = median(baselines.map((baseline) => baseline.readyMs));
  const peakMb = Math.max(...starts.map((start) => start.peakMb));
  const baselinePeakMb = Math.max(...baselines.map((baseline) => baseline.peakMb));
  const ratio = Number((readyMs / baselineMs).toFixed(2));
  process.stdout.write(
    `Second start, median of ${runs}: ${seconds(readyMs)} to a real API answer (target < 2 s), ` +
      `${ratio}× the baseline's ${seconds(baselineMs)}; peak memory ${peakMb} MB (target < 500 MB), ` +
      `baseline ${baselinePeakMb} MB\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      benchmark: "start",
      runs,
      node_flags: nodeFlags,
      first_start_ms: first.readyMs,
      second_start_ms: readyMs,
      second_start_each_ms: starts.map((start) => start.readyMs),
      loading_page_ms: median(starts.map((start) => start.firstAnswerMs)),
      peak_rss_mb: peakMb,
      peak_rss_at_ready_mb: Math.max(...starts.map((start) => start.peakAtReadyMb)),
      baseline_ms: baselineMs,
      baseline_peak_rss_mb: baselinePeakMb,
      ratio,
      load_average_start: loadAtStart,
      load_average_end: loadAverage(),
    })}\n`,
  );
} finally {
  rmSync(dataDirectory, { recursive: true, force: true });
}
