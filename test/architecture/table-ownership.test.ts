// Every table is read and written only by the domain that owns it (DESIGN.md:
// "no domain reads another's tables"). The Kysely schema is global, so the
// type check lets any domain query any table; this test keeps the rule instead.
//
// A table's owner is the domain folder whose file declares it in
// `interface DatabaseSchema` (every subfolder of src/platform counts as the
// platform). The test reads every non-test source file under src/ and fails,
// naming file, table and owner, when a file of another domain names the table
// in a Kysely call (selectFrom, insertInto, updateTable, deleteFrom, the joins,
// with) or in an `sql` template (from, join, into, update). Tests may read any
// table to assert, and the composition root (src/app.ts) wires domains together.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repositoryRoot = join(import.meta.dirname, "..", "..");
const sourceRoot = join(repositoryRoot, "src");
const compositionRoot = "src/app.ts";

/** Kysely methods whose first argument names a table (or a list of tables). */
const tableMethods = new Set([
  "selectFrom",
  "insertInto",
  "replaceInto",
  "mergeInto",
  "updateTable",
  "deleteFrom",
  "innerJoin",
  "leftJoin",
  "rightJoin",
  "fullJoin",
  "crossJoin",
  "innerJoinLateral",
  "leftJoinLateral",
  "crossJoinLateral",
  "using",
  "with",
  "withRecursive",
]);
/** Methods that are Kysely's only when their argument is a string (`date.with({ day: 1 })` is not). */
const methodsSharedWithOthers = new Set(["with", "withRecursive", "using"]);

/**
 * Helpers that take the table from their caller, with the argument that names
 * it: the check reads the table at each call, and the helper's own generic
 * query is not a use of any table.
 */
const tableTakingHelpers = new Map([
  ["insertTenantRow", 2],
  ["updateTenantRow", 2],
  ["writeEnvironmentSettings", 2],
  ["selectInTenant", 2],
  ["findInTenant", 2],
  ["childRowsInTenant", 2],
]);
const tableTakingHelperFiles = new Set([
  "src/platform/database/tenant-rows.ts",
  "src/platform/database/tenant-scope.ts",
]);

interface TableUse {
  file: string;
  line: number;
  table: string;
}

interface Violation extends TableUse {
  domain: string;
  owner: string;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function repositoryPath(path: string): string {
  return relative(repositoryRoot, path).split(sep).join("/");
}

/** The domain a file of src/ belongs to: its first folder (src/platform/events is the platform). */
function domainOf(file: string): string | undefined {
  const parts = file.split("/");
  return parts.length > 2 ? parts[1] : undefined;
}

function parse(path: string, text = readFileSync(path, "utf8")): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function visit(node: ts.Node, callback: (node: ts.Node) => void): void {
  callback(node);
  ts.forEachChild(node, (child) => visit(child, callback));
}

/** The tables each domain declares in `interface DatabaseSchema`, by table name. */
function tableOwners(files: readonly string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const path of files) {
    const source = parse(path);
    const domain = domainOf(repositoryPath(path));
    if (domain === undefined) continue;
    visit(source, (node) => {
      if (!ts.isInterfaceDeclaration(node) || node.name.text !== "DatabaseSchema") return;
      for (const member of node.members) {
        if (member.name === undefined) continue;
        const name =
          ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
        if (name !== undefined) owners.set(name, domain);
      }
    });
  }
  return owners;
}

/** `"invoices as i"`, `"public.invoices"` → `invoices`. */
function tableNameOf(reference: string): string {
  const withoutAlias = reference.trim().split(/\s+as\s+/i)[0] ?? "";
  return withoutAlias.split(".").at(-1)?.replaceAll('"', "") ?? "";
}

function stringsIn(node: ts.Node): string[] {
  const strings: string[] = [];
  visit(node, (child) => {
    if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) strings.push(child.text);
  });
  return strings;
}

/** The string literals of a type, following a type alias declared in the same file (`table: BalanceTable`). */
function typeStrings(type: ts.TypeNode, source: ts.SourceFile): string[] {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return stringsIn(type);
  const name = type.typeName.text;
  const strings: string[] = [];
  visit(source, (node) => {
    if (ts.isTypeAliasDeclaration(node) && node.name.text === name) strings.push(...stringsIn(node.type));
    if (ts.isTypeParameterDeclaration(node) && node.name.text === name && node.constraint)
      strings.push(...stringsIn(node.constraint));
  });
  return strings;
}

/**
 * The string values a table argument can take: a literal, a list of literals,
 * or a name declared in the same file with literals (`for (const table of
 * ["usage_rollups", "usage_unique_values"] as const)`, `table: "a" | "b"`,
 * `table: BalanceTable` where `type BalanceTable = "a" | "b"`, `table: Table`
 * where `<Table extends "a" | "b">`).
 * Undefined when the argument is a name the test cannot follow.
 */
function tableArguments(argument: ts.Expression, source: ts.SourceFile): string[] | undefined {
  if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) return [argument.text];
  if (ts.isArrayLiteralExpression(argument)) {
    return argument.elements.flatMap((element) => tableArguments(element, source) ?? []);
  }
  if (!ts.isIdentifier(argument)) return [];
  const declared: string[] = [];
  let found = false;
  visit(source, (node) => {
    if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer)) {
      for (const declaration of node.initializer.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === argument.text) {
          found = true;
          declared.push(...stringsIn(node.expression));
        }
      }
    } else if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node)) &&
      ts.isIdentifier(node.name) &&
      node.name.text === argument.text
    ) {
      const literals = [
        ...(node.type ? typeStrings(node.type, source) : []),
        ...(node.initializer ? stringsIn(node.initializer) : []),
      ];
      if (literals.length > 0) found = true;
      declared.push(...literals);
    }
  });
  return found ? declared : undefined;
}

/** Table names after `from`, `join`, `into` and `update` (and the commas of a `from` list) in raw SQL. */
function tablesInSql(text: string): string[] {
  const identifier = String.raw`(?:"?[a-z_][a-z0-9_$]*"?\.)?"?[a-z_][a-z0-9_$]*"?`;
  const aliased = String.raw`${identifier}(?:\s+(?:as\s+)?[a-z_][a-z0-9_]*)?`;
  const clause = new RegExp(String.raw`\b(from|join|into|update)\s+(${aliased}(?:\s*,\s*${aliased})*)`, "gi");
  const tables: string[] = [];
  for (const match of text.matchAll(clause)) {
    const list = match[1]?.toLowerCase() === "from" ? (match[2] ?? "").split(",") : [match[2] ?? ""];
    for (const item of list) {
      const first = item.trim().split(/\s+/)[0] ?? "";
      tables.push(tableNameOf(first));
    }
  }
  return tables;
}

/** The text of an `sql` template, with each substitution replaced by a placeholder. */
function templateText(template: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
  return [template.head.text, ...template.templateSpans.map((span) => ` $1 ${span.literal.text}`)].join("");
}

function isSqlTag(tag: ts.Expression): boolean {
  return ts.isIdentifier(tag) && tag.text === "sql";
}

/** Every table a file names in a Kysely call or an `sql` template, and every call whose table it cannot tell. */
function tableUses(source: ts.SourceFile, file: string): { uses: TableUse[]; unknown: TableUse[] } {
  const uses: TableUse[] = [];
  const unknown: TableUse[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  visit(source, (node) => {
    if (ts.isTaggedTemplateExpression(node) && isSqlTag(node.tag)) {
      for (const table of tablesInSql(templateText(node.template)))
        uses.push({ file, line: lineOf(node), table });
      return;
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const position = tableTakingHelpers.get(node.expression.text);
      const tableArgument = position === undefined ? undefined : node.arguments[position];
      if (tableArgument === undefined) return;
      const names = tableArguments(tableArgument, source);
      if (names === undefined && !tableTakingHelperFiles.has(file))
        unknown.push({ file, line: lineOf(node), table: tableArgument.getText(source) });
      for (const name of names ?? []) uses.push({ file, line: lineOf(node), table: tableNameOf(name) });
      return;
    }
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const method = node.expression.name.text;
    const argument = node.arguments[0];
    if (argument === undefined) return;
    const isSqlHelper =
      ts.isIdentifier(node.expression.expression) && node.expression.expression.text === "sql";
    if (isSqlHelper && (method === "table" || method === "id")) {
      for (const name of tableArguments(argument, source) ?? []) {
        uses.push({ file, line: lineOf(node), table: tableNameOf(name) });
      }
      return;
    }
    if (!tableMethods.has(method)) return;
    const names = tableArguments(argument, source);
    if (names === undefined) {
      if (!methodsSharedWithOthers.has(method) && !tableTakingHelperFiles.has(file))
        unknown.push({ file, line: lineOf(node), table: argument.getText(source) });
      return;
    }
    for (const name of names) uses.push({ file, line: lineOf(node), table: tableNameOf(name) });
  });
  return { uses, unknown };
}

function tableOwnershipReport() {
  const files = sourceFiles(sourceRoot);
  const owners = tableOwners(files);
  const violations: Violation[] = [];
  const unknown: TableUse[] = [];
  for (const path of files) {
    const file = repositoryPath(path);
    const domain = domainOf(file);
    if (file === compositionRoot || domain === undefined) continue;
    const found = tableUses(parse(path), file);
    unknown.push(...found.unknown);
    for (const use of found.uses) {
      const owner = owners.get(use.table);
      if (owner !== undefined && owner !== domain) violations.push({ ...use, domain, owner });
    }
  }
  return { owners, violations, unknown };
}

function describeViolations(violations: readonly Violation[]): string[] {
  const byFile = new Map<string, Map<string, { owner: string; lines: number[] }>>();
  for (const violation of violations) {
    const tables = byFile.get(violation.file) ?? new Map<string, { owner: string; lines: number[] }>();
    byFile.set(violation.file, tables);
    const entry = tables.get(violation.table) ?? { owner: violation.owner, lines: [] };
    tables.set(violation.table, entry);
    if (!entry.lines.includes(violation.line)) entry.lines.push(violation.line);
  }
  return [...byFile].map(
    ([file, tables]) =>
      `${file}: ${[...tables].map(([table, { owner, lines }]) => `${table} (owned by ${owner}; line ${lines.join(", ")})`).join(", ")}`,
  );
}

describe("table ownership", () => {
  const report = tableOwnershipReport();

  it("finds the owner of every table", () => {
    expect(report.owners.get("invoices")).toBe("invoicing");
    expect(report.owners.get("customers")).toBe("customers");
    expect(report.owners.get("domain_events")).toBe("platform");
    expect(report.owners.get("environments")).toBe("organizations");
    expect(report.owners.size).toBeGreaterThan(50);
  });

  it("reads tables in Kysely calls, aliases and raw SQL", () => {
    expect(tableNameOf("invoices as i")).toBe("invoices");
    expect(tableNameOf('public."invoices"')).toBe("invoices");
    expect(tablesInSql("select * from invoices i join customers as c on true")).toEqual([
      "invoices",
      "customers",
    ]);
    expect(
      tablesInSql("select 1 from invoices i, credit_notes n where extract(day from i.issued_at) = 1"),
    ).toEqual(["invoices", "credit_notes", "issued_at"]);
    expect(tablesInSql('insert into "payments" (id) values ($1) on conflict do update set id = 1')).toEqual([
      "payments",
      "set",
    ]);
  });

  it("finds the tables of Kysely calls, with aliases, lists, loops and sql templates", () => {
    const source = parse(
      "example.ts",
      `
      await database.selectFrom("invoices as i").innerJoin("customers", "customers.id", "i.customer_id");
      await database.selectFrom(["plans", "plan_versions as v"]).leftJoin((eb) => eb.selectFrom("features").as("f"), (join) => join);
      await transaction.insertInto("payments").values(row);
      await transaction.updateTable("credit_grants as g").set(changes);
      for (const table of ["usage_rollups", "events"] as const) await transaction.deleteFrom(table).execute();
      await sql\`select * from bill_runs r join environments e on true where x = \${value}\`.execute(database);
      date.with({ day: 1 });
      await database.selectFrom(tableFromElsewhere).execute();
      await insertTenantRow(transaction, context, "tax_rates", "taxRate", now, columns);
      await updateTenantRow(transaction, context, "webhook_endpoints", id, changes);
      await findInTenant(transaction, context, "disputes", id, "dispute");
      await selectInTenant(database, context, "refunds").execute();
      await childRowsInTenant(database, context, "invoice_lines", children);
      await writeEnvironmentSettings(transaction, context, "dunning_settings", columns);
      type BalanceTable = "credit_accounts" | "customer_balances";
      function balances(balanceTable: BalanceTable) { return database.selectFrom(balanceTable).selectAll().execute(); }
      function rename<Entry extends "products" | "coupons">(entry: Entry) { return database.updateTable(entry).set(changes); }
      `,
    );
    const found = tableUses(source, "example.ts");
    expect(found.uses.map((use) => use.table).sort()).toEqual([
      "bill_runs",
      "coupons",
      "credit_accounts",
      "credit_grants",
      "customer_balances",
      "customers",
      "disputes",
      "dunning_settings",
      "environments",
      "events",
      "features",
      "invoice_lines",
      "invoices",
      "payments",
      "plan_versions",
      "plans",
      "products",
      "refunds",
      "tax_rates",
      "usage_rollups",
      "webhook_endpoints",
    ]);
    expect(found.unknown.map((use) => use.table)).toEqual(["tableFromElsewhere"]);
  });

  it("names every table of a Kysely call with a string the check can read", () => {
    expect(report.unknown.map((use) => `${use.file}:${use.line}: ${use.table}`)).toEqual([]);
  });

  it("lets only its owner read or write a table (tests and src/app.ts excepted)", () => {
    expect(describeViolations(report.violations)).toEqual([]);
  });
});
