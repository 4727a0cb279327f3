// `fairbill simulate FILE`: prints the invoices a scenario produces. Bad input
// gets one `error: <JSON path>: <message>` line per problem on stderr and exit
// code 1; anything unexpected gets a one-line message and exit code 2, never a
// stack trace.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { errorMessage } from "../../platform/errors.ts";

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function reportBadInput(lines: readonly string[]): void {
  process.stderr.write(lines.map((line) => `error: ${line}\n`).join(""));
  process.exitCode = 1;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

async function simulateFile(file: string): Promise<void> {
  let source: string;
  try {
    source = file === "-" ? await readStandardInput() : await readFile(file, "utf8");
  } catch (error) {
    const reason = errorCode(error) === "ENOENT" ? "no such file" : errorMessage(error);
    reportBadInput([`${file}: cannot be read (${reason})`]);
    return;
  }
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    reportBadInput([`$: the scenario is not valid JSON (${errorMessage(error)})`]);
    return;
  }
  const { simulateScenario } = await import("../../simulation/index.ts");
  const result = simulateScenario(document);
  if (!result.ok) {
    reportBadInput(result.errors.map((issue) => `${issue.path}: ${issue.message}`));
    return;
  }
  process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
}

export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("Print the invoices that a billing scenario produces (FILE may be - for standard input)")
    .argument("<file>", "scenario document (JSON, format version 1), or - to read standard input")
    .action(async (file: string) => {
      try {
        await simulateFile(file);
      } catch (error) {
        const message = errorMessage(error);
        process.stderr.write(`fairbill simulate: unexpected failure: ${message.split("\n")[0]}\n`);
        process.exitCode = 2;
      }
    });
}
