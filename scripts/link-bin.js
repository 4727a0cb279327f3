// npm does not link a package's own `bin` into node_modules/.bin; this makes
// `node_modules/.bin/fairbill` exist after `npm ci`, like any installed CLI.
// Plain JavaScript so that it runs on whichever Node.js npm itself uses.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const binFolder = join(root, "node_modules", ".bin");
const link = join(binFolder, "fairbill");
mkdirSync(binFolder, { recursive: true });
rmSync(link, { force: true });
symlinkSync(relative(binFolder, join(root, "bin", "fairbill.js")), link);
