// `fairbill serve` as a child process on a free port: the tests of several
// nodes start a few on one database, the upgrade tests start an earlier
// version's. The caller stops (SIGTERM) or kills (SIGKILL) each one; a test
// that starts servers stops them all in its afterAll.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Node 24 from node_modules, which strips the types of Fairbill's .ts files. */
const nodeBinary = existsSync(join(repositoryRoot, "node_modules", ".bin", "node"))
  ? join(repositoryRoot, "node_modules", ".bin", "node")
  : process.execPath;

export type ServeProcess = {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, which makes `serve` close the server and the database; SIGKILL if that takes over 15 s. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, mid-work, as a crashed node would. */
  kill(): Promise<void>;
};

export type ServeOptions = {
  /** The folder holding `src/` (this checkout by default). */
  directory?: string;
  /** FAIRBILL_DATA_DIR or DATABASE_URL, and any other setting. */
  environment: Record<string, string>;
  /** Arguments after `serve`, such as `--role worker`. */
  arguments?: string[];
  /** The port to listen on (a restarted server keeps its clients' address); a free one by default. */
  port?: number;
  /** Runs from the spawn on, beside the wait for the server (what answers while it starts); awaited too. */
  whileStarting?: (url: string) => Promise<void>;
};

/** Starts `fairbill serve` and resolves once it listens (or rejects with its output when it exits first). */
export async function startServeProcess(options: ServeOptions): Promise<ServeProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(nodeBinary, ["src/cli/main.ts", "serve", ...(options.arguments ?? [])], {
    cwd: options.directory ?? repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      ...options.environment,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
  });
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const server: ServeProcess = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
  const starting = options.whileStarting?.(server.url);
  await new Promise<void>((resolve, reject) => {
    const watch = setInterval(() => {
      if (/Fairbill is (serving on|working the job queue)/.test(output)) finish();
    }, 50);
    const giveUp = setTimeout(() => finish(new Error("did not serve within 180 s")), 180_000);
    const onExit = (code: number | null) => finish(new Error(`exited with ${code}`));
    child.once("exit", onExit);
    function finish(error?: Error) {
      clearInterval(watch);
      clearTimeout(giveUp);
      child.off("exit", onExit);
      if (error) {
        child.kill("SIGKILL");
        reject(new Error(`fairbill serve ${error.message}:\n${output}`));
      } else {
        resolve();
      }
    }
  });
  await starting;
  return server;
}

/** The admin key that the first start of an organization printed, if this process printed one. */
export function printedAdminKey(server: ServeProcess): string | undefined {
  return /keep it\):\s+(\S+)/.exec(server.output())?.[1];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
