// The README's role table, written from the permission table (roles.ts):
// `npm run generate:roles` puts it between the README's markers, and
// test/architecture/role-table.test.ts fails while the two differ.
import { permissionDescriptions, permissions, roleAllows, roles } from "./roles.ts";

const roleTableStart = "<!-- roles: generated from src/platform/auth/roles.ts by npm run generate:roles -->";
const roleTableEnd = "<!-- end of roles -->";

/** One row per permission, one column per role, in Markdown. */
function roleTableMarkdown(): string {
  const header = `| permission | what it allows | ${roles.join(" | ")} |`;
  const rule = `| --- | --- | ${roles.map(() => ":---:").join(" | ")} |`;
  const rows = permissions.map(
    (permission) =>
      `| \`${permission}\` | ${permissionDescriptions[permission]} | ${roles
        .map((role) => (roleAllows(role, permission) ? "✓" : ""))
        .join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}

/** The document with the text between its role table's markers replaced by the current table. */
export function withRoleTable(document: string): string {
  const start = document.indexOf(roleTableStart);
  const end = document.indexOf(roleTableEnd);
  if (start === -1 || end < start)
    throw new Error(`The document has no "${roleTableStart}" … "${roleTableEnd}".`);
  return `${document.slice(0, start + roleTableStart.length)}\n${roleTableMarkdown()}\n${document.slice(end)}`;
}
