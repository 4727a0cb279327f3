// An earlier Fairbill, run as a child process from a copy of its source at
// one commit (git archive, so this checkout is only read), sharing this
// checkout's node_modules. Upgrade tests fill a database through its HTTP API,
// stop it, and let the current code take the database over.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

function git(...commandArguments: string[]): string {
  return execFileSync("git", commandArguments, { cwd: repositoryRoot, encoding: "utf8" }).trim();
}

/**
 * The parent of the newest commit that deleted `path`: the last commit in
 * which that file still existed. For a migration under its old name, the last
 * commit before it was renamed.
 */
export function lastCommitWith(path: string): string {
  const deleting = git("log", "-1", "--no-renames", "--diff-filter=D", "--format=%H", "--", path);
  if (deleting === "") {
    throw new Error(
      `No commit in this clone's history deletes ${path}; a shallow clone needs \`git fetch --unshallow\`.`,
    );
  }
  return git("rev-parse", `${deleting}^`);
}

export type PreviousVersion = {
  commit: string;
  /** The folder holding that commit's `src/` and `package.json`. */
  directory: string;
  remove(): void;
};

/** That commit's source in a temporary folder, with this checkout's node_modules beside it. */
export function checkOutPreviousVersion(commit: string): PreviousVersion {
  const directory = mkdtempSync(join(tmpdir(), "fairbill-previous-"));
  const archive = join(directory, "source.tar");
  git("archive", "--format=tar", `--output=${archive}`, commit, "src", "package.json");
  execFileSync("tar", ["-xf", archive, "-C", directory]);
  rmSync(archive);
  symlinkSync(join(repositoryRoot, "node_modules"), join(directory, "node_modules"));
  return { commit, directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

export type PreviousServer = {
  url: string;
  /** The admin key of the test environment that the first start printed. */
  adminKey: string;
  /** Sends a request as that admin; a status of 300 or more throws with the answer. */
  call<Body = unknown>(method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<Body>;
  stop(): Promise<void>;
};

/** Node 24 from node_modules, which strips the types of Fairbill's .ts files. */
const nodeBinary = existsSync(join(repositoryRoot, "node_modules", ".bin", "node"))
  ? join(repositoryRoot, "node_modules", ".bin", "node")
  : process.execPath;

/**
 * `fairbill serve` of the previous version on a free port, on a new database
 * (a PGlite folder, or a PostgreSQL URL), resolved once it serves.
 */
export async function servePreviousVersion(
  version: PreviousVersion,
  database: { dataDirectory: string } | { databaseUrl: string },
): Promise<PreviousServer> {
  const port = await freePort();
  const child = spawn(nodeBinary, ["src/cli/main.ts", "serve"], {
    cwd: version.directory,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      FAIRBILL_DATA_DIR:
        "dataDirectory" in database ? database.dataDirectory : join(version.directory, "data"),
      DATABASE_URL: "databaseUrl" in database ? database.databaseUrl : "",
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  await new Promise<void>((resolve, reject) => {
    const watch = setInterval(() => {
      if (output.includes("Fairbill is serving on")) finish();
    }, 50);
    const giveUp = setTimeout(() => finish(new Error("did not serve within 60 s")), 60_000);
    const exited = (code: number | null) => finish(new Error(`exited with ${code}`));
    child.once("exit", exited);
    function finish(error?: Error) {
      clearInterval(watch);
      clearTimeout(giveUp);
      child.off("exit", exited);
      if (error) {
        child.kill("SIGKILL");
        reject(new Error(`The previous version (${version.commit}) ${error.message}:\n${output}`));
      } else {
        resolve();
      }
    }
  });
  const adminKey = /keep it\):\s+(\S+)/.exec(output)?.[1];
  if (!adminKey) {
    child.kill("SIGKILL");
    throw new Error(`The previous version printed no admin key:\n${output}`);
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    adminKey,
    call: async <Body>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text === "" ? undefined : JSON.parse(text)) as Body;
    },
    stop: () => stopChild(child),
  };
}

/** SIGTERM, which makes `serve` close the server and the database; SIGKILL if that takes over 15 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(killer);
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
