// Builds the web console (web/ → web/dist) with Vite. `npm start` and the
// browser tests run it with --if-stale: it then builds only when web/dist is
// missing or older than a source of the console, so a fresh clone gets its
// console on the first `npm start` and later starts cost nothing.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const webDirectory = join(root, "web");
const builtIndex = join(webDirectory, "dist", "index.html");

/** The newest modification time among the files the build reads. */
function newestSourceTime(): number {
  const sources = [
    join(webDirectory, "index.html"),
    join(webDirectory, "vite.config.ts"),
    join(root, "package-lock.json"),
  ];
  for (const folder of ["src", "public"]) {
    const path = join(webDirectory, folder);
    if (!existsSync(path)) continue;
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && !entry.name.endsWith(".test.ts"))
        sources.push(join(entry.parentPath, entry.name));
    }
  }
  return Math.max(
    ...sources.filter((source) => existsSync(source)).map((source) => statSync(source).mtimeMs),
  );
}

function isStale(): boolean {
  return !existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newestSourceTime();
}

const onlyIfStale = process.argv.includes("--if-stale");
if (onlyIfStale && !isStale()) process.exit(0);

// Test runners set NODE_ENV=test, which would make Vite bundle React's
// development build; the console is always built for production.
process.env.NODE_ENV = "production";
const started = performance.now();
process.stdout.write("Building the web console (web/ → web/dist)…\n");
await build({
  root: webDirectory,
  configFile: join(webDirectory, "vite.config.ts"),
  mode: "production",
  logLevel: "warn",
});
process.stdout.write(`Built the web console in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
