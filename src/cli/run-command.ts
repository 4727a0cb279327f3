// Runs a CLI command's action so that every failure ends as one readable line
// on stderr and a non-zero exit code, never as a stack trace: 1 for an error
// Fairbill names (bad input, a conflict), 2 for anything unexpected.
import { errorMessage, FairbillError } from "../platform/errors.ts";

export function runCommand<Arguments extends unknown[]>(
  action: (...commandArguments: Arguments) => Promise<void>,
): (...commandArguments: Arguments) => Promise<void> {
  return async (...commandArguments) => {
    try {
      await action(...commandArguments);
    } catch (error) {
      reportError(error);
    }
  };
}

function reportError(error: unknown): never {
  if (error instanceof FairbillError) {
    process.stderr.write(`error: ${error.detail}\n`);
    for (const fieldError of error.errors)
      process.stderr.write(`error: ${fieldError.path}: ${fieldError.message}\n`);
    process.exit(1);
  }
  const message = errorMessage(error);
  process.stderr.write(`error: ${message.split("\n")[0]}\n`);
  process.exit(2);
}
