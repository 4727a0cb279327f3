// `npm run generate:roles`: writes the README's role table from the
// permission table (src/platform/auth/roles.ts). Run it after changing a role
// or a permission and commit the README with the change.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withRoleTable } from "../src/platform/auth/role-table.ts";

const readme = join(dirname(dirname(fileURLToPath(import.meta.url))), "README.md");
writeFileSync(readme, withRoleTable(readFileSync(readme, "utf8")));
process.stdout.write("Wrote the role table of README.md.\n");
