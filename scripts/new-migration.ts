// `npm run migration:new <domain> <words…>`: writes an empty migration named
// with the current UTC time into a domain's migrations folder, such as
// `npm run migration:new invoicing invoice memo` →
// src/invoicing/migrations/20261206093000_invoice_memo.sql. The time puts it
// after every migration that exists, in the one order all databases follow.
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compareMigrationNames, newMigrationName } from "../src/platform/database/migration-names.ts";
import { findMigrations } from "../src/platform/database/migrator.ts";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [domain, ...words] = process.argv.slice(2);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (!domain || words.length === 0) {
  fail(
    "Usage: npm run migration:new <domain> <words…>, such as `npm run migration:new invoicing invoice memo`.",
  );
}
const domainFolder = join(root, "src", domain);
if (!existsSync(domainFolder) || !statSync(domainFolder).isDirectory()) {
  fail(`There is no domain folder src/${domain}.`);
}

const name = newMigrationName(words.join(" "), new Date());
const newest = findMigrations().at(-1);
if (newest && compareMigrationNames(name, newest.name) <= 0) {
  fail(
    `${name} would not sort after the newest migration, ${newest.name}: is this machine's clock behind? ` +
      "Every new migration must come after the ones that exist.",
  );
}

const path = join(domainFolder, "migrations", `${name}.sql`);
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, `-- ${words.join(" ")}: what this migration changes, and why.\n`, { flag: "wx" });
process.stdout.write(`${relative(root, path)}\n`);
