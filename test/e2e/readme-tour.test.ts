// The README's "Five minutes with curl" is a script, and this test runs it as
// a newcomer would: `npm start` on a fresh data folder (the console built if
// stale, the demo loaded), then the tour's shell block, word for word, in
// bash, with only the printed key and the port put in for the placeholders.
// Every call must succeed except the one that shows bad input, every answer
// the tour prints as a comment must be what the server answers, and the first
// invoice must carry the next number after the demo's. So the tour cannot
// drift from the product again.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const binaries = join(root, "node_modules", ".bin");
/** `npm start` builds the console when stale and loads three months of demo data: minutes on a busy machine. */
const startTimeout = 600_000;

type CurlCall = { status: number; method: string; url: string };

type TourRun = {
  exitCode: number | null;
  output: string;
  errors: string;
  calls: CurlCall[];
};

/** The shell block of the README that follows "In another terminal". */
function tourScript(readme: string): string {
  const section = readme.slice(readme.indexOf("## Five minutes with curl"));
  const afterTerminal = section.slice(section.indexOf("In another terminal"));
  const block = /```sh\n([\s\S]*?)```/.exec(afterTerminal);
  if (!block?.[1]) throw new Error('The README has no tour block after "In another terminal"');
  return block[1];
}

/** The answers the tour shows as `# {…}` comments, `…` standing for anything. */
function promisedAnswers(script: string): { text: string; pattern: RegExp }[] {
  return script
    .split("\n")
    .filter((line) => line.startsWith("# {"))
    .map((line) => line.slice(2).trim())
    .map((text) => ({
      text,
      pattern: new RegExp(
        text
          .split("…")
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*?"),
      ),
    }));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

let server: ChildProcess | undefined;
let serverOutput = "";
let dataFolder: string;
let curlHome: string;
let port: number;
let adminKey: string;
let demoInvoices: number;
let tour: TourRun;

/** Starts `npm start` in its own process group and resolves once it serves. */
async function startServer(): Promise<void> {
  const child = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      PATH: `${binaries}:${process.env.PATH ?? ""}`,
      PORT: String(port),
      FAIRBILL_DATA_DIR: dataFolder,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      serverOutput += chunk.toString("utf8");
      // The last line of the start says whether the console is served.
      if (/web console is (at|not built)/.test(serverOutput)) resolve();
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${serverOutput}`)));
  });
}

function stopServer(): void {
  if (server?.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // The group is gone already.
  }
}

/** Runs the tour in bash; curl reports each call's status on stderr through a .curlrc of the test's own. */
function runTour(script: string): TourRun {
  const runnable = script
    .replace("fb_test_…", adminKey)
    .replace("http://localhost:8080/v1", `http://127.0.0.1:${port}/v1`);
  const scriptFile = join(curlHome, "tour.sh");
  writeFileSync(scriptFile, `set -eu\n${runnable}`);
  const result = spawnSync("bash", [scriptFile], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PATH: `${binaries}:${process.env.PATH ?? ""}`, CURL_HOME: curlHome },
    maxBuffer: 64 * 1024 * 1024,
  });
  const calls: CurlCall[] = [];
  const errorLines: string[] = [];
  for (const line of result.stderr.split("\n")) {
    const call = /^curl-call (\d{3}) (\S+) (\S+)$/.exec(line);
    if (call) calls.push({ status: Number(call[1]), method: String(call[2]), url: String(call[3]) });
    else if (line.trim() !== "") errorLines.push(line);
  }
  return { exitCode: result.status, output: result.stdout, errors: errorLines.join("\n"), calls };
}

const onEmbeddedDatabase = process.env.FAIRBILL_TEST_DATABASE !== "postgres";

// `npm start` always runs on the embedded database: the PostgreSQL project has nothing more to check here.
describe.runIf(onEmbeddedDatabase)("the README tour against a fresh npm start", () => {
  beforeAll(async () => {
    dataFolder = mkdtempSync(join(tmpdir(), "fairbill-tour-data-"));
    curlHome = mkdtempSync(join(tmpdir(), "fairbill-tour-curl-"));
    writeFileSync(
      join(curlHome, ".curlrc"),
      'write-out = "%{stderr}curl-call %{http_code} %{method} %{url_effective}\\n"\n',
    );
    port = await freePort();
    await startServer();
    adminKey = /\b(fb_test_[A-Za-z0-9]+)/.exec(serverOutput)?.[1] ?? "";
    demoInvoices = Number(/(\d+) invoices since/.exec(serverOutput)?.[1]);
    tour = runTour(tourScript(readFileSync(join(root, "README.md"), "utf8")));
  }, startTimeout);

  afterAll(() => {
    stopServer();
    rmSync(join(root, "invoice.pdf"), { force: true });
    if (dataFolder) rmSync(dataFolder, { recursive: true, force: true });
    if (curlHome) rmSync(curlHome, { recursive: true, force: true });
  });

  it("starts with an admin key, the demo and the console", async () => {
    expect(adminKey).toMatch(/^fb_test_/);
    expect(demoInvoices).toBeGreaterThan(0);
    expect(serverOutput).toContain("The web console is at");
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<div id=");
  });

  it("runs to its end, every call answered without error but the bad input's", () => {
    expect(tour.errors).toBe("");
    expect(tour.exitCode).toBe(0);
    expect(tour.calls.length).toBeGreaterThan(15);
    const refused = tour.calls.filter((call) => call.status >= 400);
    expect(refused).toEqual([{ status: 400, method: "POST", url: `http://127.0.0.1:${port}/v1/customers` }]);
  });

  it("shows every answer it promises", () => {
    const answers = promisedAnswers(tourScript(readFileSync(join(root, "README.md"), "utf8")));
    expect(answers.length).toBeGreaterThanOrEqual(5);
    const missing = answers
      .filter((answer) => !answer.pattern.test(tour.output))
      .map((answer) => answer.text);
    expect(missing).toEqual([]);
  });

  it("issues the first invoice with the number after the demo's, and its PDF", () => {
    const number = `TEST-INV-${String(demoInvoices + 1).padStart(6, "0")}`;
    expect(tour.output).toContain(`"number":"${number}"`);
    const pdf = join(root, "invoice.pdf");
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("simulates the scenario on the command line and through the API", () => {
    const simulated = tour.calls.filter((call) => call.url.endsWith("/v1/simulations"));
    expect(simulated).toEqual([
      { status: 200, method: "POST", url: `http://127.0.0.1:${port}/v1/simulations` },
    ]);
    expect(tour.output.match(/"invoices":\s*\[/g)?.length).toBe(2);
  });
});
