// The web console as an extension of the HTTP server: its files at `/` and
// the session route it signs in with.
import type { Authenticate } from "../platform/http/authentication.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { registerConsoleFiles } from "./console-files.ts";
import { registerConsoleSession } from "./console-session.ts";

export type ConsoleOptions = {
  /** A built console: a folder with index.html and assets/. */
  directory: string;
};

export function consoleExtension(
  options: ConsoleOptions,
  authenticate: Authenticate,
): (app: FairbillApp) => Promise<void> {
  return async (app) => {
    registerConsoleSession(app, authenticate);
    await registerConsoleFiles(app, options.directory);
  };
}
