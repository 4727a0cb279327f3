// An earlier Fairbill, run as a child process from a copy of its source at
// one commit (git archive, so this checkout is only read), sharing this
// checkout's node_modules. Upgrade tests fill a database through its HTTP API,
// stop it, and let the current code take the database over.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { printedAdminKey, startServeProcess } from "./serve-process.ts";

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

/**
 * `fairbill serve` of the previous version on a free port, on a new database
 * (a PGlite folder, or a PostgreSQL URL), resolved once it serves.
 */
export async function servePreviousVersion(
  version: PreviousVersion,
  database: { dataDirectory: string } | { databaseUrl: string },
): Promise<PreviousServer> {
  const server = await startServeProcess({
    directory: version.directory,
    environment: {
      FAIRBILL_DATA_DIR:
        "dataDirectory" in database ? database.dataDirectory : join(version.directory, "data"),
      DATABASE_URL: "databaseUrl" in database ? database.databaseUrl : "",
    },
  }).catch((error: unknown) => {
    throw new Error(`The previous version (${version.commit}): ${(error as Error).message}`);
  });
  const adminKey = printedAdminKey(server);
  if (!adminKey) {
    await server.kill();
    throw new Error(`The previous version printed no admin key:\n${server.output()}`);
  }
  const { url } = server;
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
    stop: () => server.stop(),
  };
}
