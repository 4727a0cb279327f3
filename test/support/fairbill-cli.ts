// The `fairbill` command run as a process, as an operator runs it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const runProcess = promisify(execFile);

/** bin/fairbill.js, the command's entry point. */
const fairbillEntryPoint = new URL("../../bin/fairbill.js", import.meta.url).pathname;

/**
 * Runs `fairbill <args>` with this Node: resolves to its stdout and stderr,
 * rejects (with its exit code, stdout and stderr) when it exits non-zero.
 */
export function runFairbill(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }) {
  return runProcess(process.execPath, [fairbillEntryPoint, ...args], options);
}
