// Every version-1 scenario file (the project's corpus, the shared examples
// beside the checkout and the console's examples) gives byte for byte the
// output `fairbill simulate` printed before the pricing module took over
// validation, also with its version changed to 2: the invoices as JSON on stdout, or one `error: <path>: <message>`
// line per problem on stderr. Recorded in fixtures/scenario-outputs.json; a
// file added later is checked by scenarios.test.ts and the shared checker, and
// need not be recorded here.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { simulateScenario } from "../../src/simulation/index.ts";

const folders = [
  fileURLToPath(new URL("./", import.meta.url)),
  // The hand-worked corpus of version 2: none recorded yet, scenarios.test.ts compares it in full.
  fileURLToPath(new URL("./v2/", import.meta.url)),
  fileURLToPath(new URL("../../../shared/scenarios/", import.meta.url)),
  fileURLToPath(new URL("../../web/src/examples/", import.meta.url)),
];

const recorded = JSON.parse(
  readFileSync(fileURLToPath(new URL("./fixtures/scenario-outputs.json", import.meta.url)), "utf8"),
) as Record<string, string>;

/** What `fairbill simulate FILE` prints: stdout for invoices, stderr for errors. */
function printed(document: unknown): string {
  const result = simulateScenario(document);
  return result.ok
    ? `${JSON.stringify(result.output, null, 2)}\n`
    : result.errors.map((error) => `error: ${error.path}: ${error.message}\n`).join("");
}

const files = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => ({ name, path: `${folder}${name}` })),
);

describe("scenario outputs", () => {
  it("still have every recorded file", () => {
    const names = new Set(files.map((file) => file.name));
    expect(Object.keys(recorded).filter((name) => !names.has(name))).toEqual([]);
  });

  for (const file of files.filter((candidate) => Object.hasOwn(recorded, candidate.name))) {
    it(`${file.name} prints what it printed before`, () => {
      expect(printed(JSON.parse(readFileSync(file.path, "utf8")))).toBe(recorded[file.name]);
    });

    // Version 2 is a superset of version 1 (docs/scenario-format-v2.md).
    it(`${file.name} prints the same as version 2`, () => {
      const document = JSON.parse(readFileSync(file.path, "utf8")) as Record<string, unknown>;
      if (document.version !== 1) return;
      expect(printed({ ...document, version: 2 })).toBe(recorded[file.name]);
    });
  }
});
