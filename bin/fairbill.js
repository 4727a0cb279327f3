#!/usr/bin/env node
// The `fairbill` command. Fairbill runs on Node.js 24, which `npm ci` installs
// into node_modules (the `node` package); when this file is started by an older
// Node.js (a machine's default), it hands over to that one.
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import nodeModule from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(realpathSync(fileURLToPath(import.meta.url))));
const entry = join(root, "src", "cli", "main.ts");
const major = Number(process.versions.node.split(".")[0]);

if (major >= 24) {
  // Node's compile cache (in the system's temporary folder) spares every later
  // command most of the work of reading Fairbill's modules again.
  nodeModule.enableCompileCache();
  await import(pathToFileURL(entry).href);
} else {
  const projectNode = join(root, "node_modules", "node", "bin", "node");
  if (!existsSync(projectNode)) {
    process.stderr.write("fairbill needs Node.js 24: run `npm ci` in the project first.\n");
    process.exit(1);
  }
  const child = spawnSync(projectNode, [entry, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}
