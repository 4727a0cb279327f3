// Benchmark of the billing core's usage path: one subscription, a year of
// monthly periods, a realistic plan (fixed fee, graduated token charge with a
// filter, tokens priced by model with a default, per-call charge, active
// users) under a one-year contract with a prepaid commit (scenario format
// version 2), and events streamed as NDJSON from a temporary file. Each measurement runs in its own child process so that its
// memory figures are its own. The engine's speed is compared with a baseline
// loop that only reads, parses and sums the same events: the machine's limit.
// Wall time and processor time are both reported: on a machine shared with
// other work, wall time also counts the time spent waiting for a core.
//
// usage: npm run bench:core            (prints a table, then one line of JSON)
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScenarioSimulation } from "../src/simulation/index.ts";

const LARGE_RUN = 1_000_000;
const SMALL_RUN = 100_000;
const MEMORY_SAMPLE_EVERY = 4_096;
const PERIOD_START = Date.UTC(2025, 0, 1);
const PERIOD_END = Date.UTC(2026, 0, 1);

const scenarioHeader = {
  version: 2,
  currency: "USD",
  timezone: "Europe/Paris",
  meters: [
    {
      code: "tokens",
      event_name: "completion",
      aggregation: "sum",
      property: "tokens",
      filters: { model: ["large", "xl"] },
    },
    { code: "calls", event_name: "api_call", aggregation: "count", filters: { status: ["ok"] } },
    { code: "active_users", event_name: "completion", aggregation: "unique_count", property: "user" },
    { code: "model_tokens", event_name: "completion", aggregation: "sum", property: "tokens" },
  ],
  plans: [
    {
      code: "scale",
      interval: "month",
      minimum_commitment: "500.00",
      charges: [
        { id: "platform", type: "fixed", amount: "199.00", timing: "in_advance" },
        {
          id: "tokens",
          type: "usage",
          meter: "tokens",
          model: "graduated",
          tiers: [
            { up_to: 1_000_000, unit_price: "0" },
            { up_to: 50_000_000, unit_price: "0.00002" },
            { up_to: null, unit_price: "0.000015", flat_fee: "25.00" },
          ],
        },
        {
          id: "calls",
          type: "usage",
          meter: "calls",
          model: "per_unit",
          unit_price: "0.001",
          free_units: 10_000,
        },
        { id: "seats", type: "usage", meter: "active_users", model: "per_unit", unit_price: "2.00" },
        {
          id: "tokens_by_model",
          type: "usage",
          meter: "model_tokens",
          dimensions: ["model"],
          prices: [
            { match: { model: "large" }, model: "per_unit", unit_price: "0.000004" },
            {
              match: { model: "xl" },
              model: "graduated",
              tiers: [
                { up_to: 10_000_000, unit_price: "0.00001" },
                { up_to: null, unit_price: "0.000008" },
              ],
            },
          ],
          default: { model: "per_unit", unit_price: "0.000002" },
        },
      ],
    },
  ],
  subscription: { plan: "scale", start: "2025-01-01T00:00:00+01:00" },
  contract: {
    start: "2025-01-01T00:00:00+01:00",
    end: "2026-01-01T00:00:00+01:00",
    commits: [{ id: "prepaid", type: "prepaid", amount: "50000.00", applies_to: ["usage"] }],
  },
  bill_until: "2026-01-01T00:00:00+01:00",
};

/** A small deterministic generator, so that every run bills the same events. */
function randomNumbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const MODELS = ["small", "large", "xl"];

async function writeEvents(file: string, count: number): Promise<void> {
  const random = randomNumbers(count);
  const output = createWriteStream(file);
  const step = (PERIOD_END - PERIOD_START) / count;
  let buffered: string[] = [];
  for (let index = 0; index < count; index++) {
    const timestamp = new Date(PERIOD_START + Math.floor(index * step + random() * step)).toISOString();
    const user = `user_${Math.floor(random() * 2_000)}`;
    const event =
      random() < 0.7
        ? {
            id: `evt_${index}`,
            name: "completion",
            timestamp,
            properties: { tokens: 1 + Math.floor(random() * 5_000), model: MODELS[index % 3], user },
          }
        : {
            id: `evt_${index}`,
            name: "api_call",
            timestamp,
            properties: { endpoint: "/v1/completions", status: random() < 0.95 ? "ok" : "error", user },
          };
    buffered.push(JSON.stringify(event));
    if (buffered.length === 10_000) {
      if (!output.write(`${buffered.join("\n")}\n`)) await once(output, "drain");
      buffered = [];
    }
  }
  output.end(buffered.length > 0 ? `${buffered.join("\n")}\n` : "");
  await once(output, "finish");
}

/** Calls `onLine` for every line of the file, synchronously within each chunk read. */
async function forEachLine(file: string, onLine: (line: string) => void): Promise<void> {
  let pending = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = pending + (chunk as string);
    let lineStart = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", lineStart)) {
      if (newline > lineStart) onLine(text.slice(lineStart, newline));
      lineStart = newline + 1;
    }
    pending = text.slice(lineStart);
  }
  if (pending.length > 0) onLine(pending);
}

type Measurement = {
  events: number;
  seconds: number;
  /** Processor time of the process (all its threads: JIT and GC too); on a shared machine, wall time also counts waiting for a core. */
  cpuSeconds: number;
  peakHeapMegabytes: number;
  peakRssMegabytes: number;
};

type Mode = "baseline" | "engine";

/** Live-heap samples per run: the same number at every size, so the sizes compare fairly. */
const LIVE_HEAP_SAMPLES = 20;

/**
 * Runs in a child process: reads the file with the baseline loop or the
 * engine and reports its figures. A timing run samples memory as it is (heap
 * in use includes garbage not yet collected). A live-heap run (started with
 * --expose-gc) collects garbage before each sample, so its peak is what the run
 * really retains: the figure that must not grow with the number of events.
 */
async function measure(
  mode: Mode,
  file: string,
  expectedEvents: number,
  liveHeap: boolean,
): Promise<Measurement> {
  let peakHeap = 0;
  let peakRss = 0;
  const collectGarbage = liveHeap ? (globalThis as { gc?: () => void }).gc : undefined;
  if (liveHeap && collectGarbage === undefined) throw new Error("a live-heap run needs --expose-gc");
  const sampleEvery = liveHeap
    ? Math.max(1, Math.floor(expectedEvents / LIVE_HEAP_SAMPLES))
    : MEMORY_SAMPLE_EVERY;
  const sampleMemory = () => {
    collectGarbage?.();
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  };
  let events = 0;
  const started = process.hrtime.bigint();
  const startedCpu = process.cpuUsage();
  if (mode === "baseline") {
    let tokens = 0;
    await forEachLine(file, (line) => {
      const event = JSON.parse(line);
      const value = event.properties?.tokens;
      if (typeof value === "number") tokens += value;
      if (++events % sampleEvery === 0) sampleMemory();
    });
    if (tokens <= 0) throw new Error("the baseline summed nothing");
  } else {
    // Generated ids are unique, as an event store's are: no set of seen ids is kept.
    const simulation = startScenarioSimulation(scenarioHeader, { trustUniqueEventIds: true });
    await forEachLine(file, (line) => {
      simulation.addEvent(JSON.parse(line));
      if (++events % sampleEvery === 0) sampleMemory();
    });
    const result = simulation.finish();
    if (!result.ok)
      throw new Error(`the engine refused the events: ${JSON.stringify(result.errors.slice(0, 3))}`);
    if (result.output.invoices.length !== 13)
      throw new Error(`expected 13 invoices, got ${result.output.invoices.length}`);
    if (result.output.commit_balances?.[0]?.drawn === "0.00") throw new Error("the commit paid for nothing");
  }
  sampleMemory();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(startedCpu);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    events,
    seconds,
    cpuSeconds,
    peakHeapMegabytes: peakHeap / 2 ** 20,
    peakRssMegabytes: peakRss / 2 ** 20,
  };
}

function runChild(mode: Mode, file: string, events: number, liveHeap = false): Measurement {
  const nodeOptions = liveHeap ? ["--expose-gc"] : [];
  const script = fileURLToPath(import.meta.url);
  const commandArguments = [
    ...nodeOptions,
    script,
    "--child",
    mode,
    file,
    String(events),
    liveHeap ? "live-heap" : "timing",
  ];
  const child = spawnSync(process.execPath, commandArguments, { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${mode} run failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "") as Measurement;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "fairbill-bench-"));
  try {
    const results = new Map<
      number,
      { baseline: Measurement; engine: Measurement; engineLiveHeap: Measurement }
    >();
    for (const count of [SMALL_RUN, LARGE_RUN]) {
      const file = join(folder, `events-${count}.ndjson`);
      await writeEvents(file, count);
      // The faster of two runs of each, so that a neighbour's burst on a shared machine counts less.
      const best = (mode: Mode) =>
        [runChild(mode, file, count), runChild(mode, file, count)].sort(
          (left, right) => left.seconds - right.seconds,
        )[0]!;
      results.set(count, {
        baseline: best("baseline"),
        engine: best("engine"),
        engineLiveHeap: runChild("engine", file, count, true),
      });
      rmSync(file);
    }
    const rows = [...results.entries()].flatMap(([count, { baseline, engine, engineLiveHeap }]) =>
      (
        [
          ["baseline", baseline],
          ["engine", engine],
          ["engine, live heap (GC before each sample)", engineLiveHeap],
        ] as const
      ).map(([label, measurement]) => ({
        events: count,
        run: label,
        seconds: round(measurement.seconds, 3),
        cpu_seconds: round(measurement.cpuSeconds, 3),
        events_per_second: Math.round(measurement.events / measurement.seconds),
        peak_heap_mb: round(measurement.peakHeapMegabytes),
        peak_rss_mb: round(measurement.peakRssMegabytes),
      })),
    );
    console.table(rows);
    const large = results.get(LARGE_RUN)!;
    const small = results.get(SMALL_RUN)!;
    const engineRate = LARGE_RUN / large.engine.seconds;
    const baselineRate = LARGE_RUN / large.baseline.seconds;
    console.log(
      JSON.stringify({
        bench: "core",
        events: LARGE_RUN,
        events_per_second: Math.round(engineRate),
        baseline_events_per_second: Math.round(baselineRate),
        ratio: round(baselineRate / engineRate, 2),
        // The same ratio in processor time, less sensitive to neighbours on a shared machine.
        cpu_ratio: round(large.engine.cpuSeconds / large.baseline.cpuSeconds, 2),
        load_average: round(loadavg()[0] ?? 0, 2),
        peak_heap_mb_100k: round(small.engineLiveHeap.peakHeapMegabytes),
        peak_heap_mb_1m: round(large.engineLiveHeap.peakHeapMegabytes),
        peak_rss_mb_100k: round(small.engine.peakRssMegabytes),
        peak_rss_mb_1m: round(large.engine.peakRssMegabytes),
      }),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  const [, , , mode, file, events, kind] = process.argv;
  const measurement = await measure(
    mode === "baseline" ? "baseline" : "engine",
    file ?? "",
    Number(events),
    kind === "live-heap",
  );
  console.log(JSON.stringify(measurement));
} else {
  await main();
}
