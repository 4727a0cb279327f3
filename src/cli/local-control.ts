// The file through which `fairbill serve` on the embedded database lets the
// command line reach it: the server's address and a token, in the data folder
// it holds, readable by the folder's owner only. Written once the server
// listens, removed when it stops.
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type LocalControl = { url: string; token: string };

const fileName = "fairbill.control";

export function newControlToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Writes the control file; the function it returns removes it. */
export function writeLocalControl(dataDirectory: string, control: LocalControl): () => void {
  const path = join(dataDirectory, fileName);
  writeFileSync(path, `${JSON.stringify(control)}\n`, { mode: 0o600 });
  return () => rmSync(path, { force: true });
}

/** The running server's control file, or undefined when there is none (or it is unreadable). */
export function readLocalControl(dataDirectory: string): LocalControl | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDirectory, fileName), "utf8")) as Partial<LocalControl>;
    return typeof parsed.url === "string" && typeof parsed.token === "string"
      ? { url: parsed.url, token: parsed.token }
      : undefined;
  } catch {
    return undefined;
  }
}
