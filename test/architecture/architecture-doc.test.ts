// docs/architecture.md says which domains sit on which layer; the
// dependency check enforces the layers listed in .dependency-cruiser-layers.json.
// This test keeps the two the same, and makes sure every domain folder under
// src/ is on a layer (a new domain must be placed before it can be imported).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const notDomains = new Set(["core", "platform"]);
/** Run by bin/fairbill.js, imported by nothing: it needs no front door. */
const entryPoints = new Set(["cli"]);

function configuredLayers(): string[][] {
  const file = JSON.parse(readFileSync(join(root, ".dependency-cruiser-layers.json"), "utf8")) as {
    layers: string[][];
  };
  return file.layers;
}

function documentedLayers(): string[][] {
  const document = readFileSync(join(root, "docs", "architecture.md"), "utf8");
  const start = document.indexOf("<!-- layers:");
  const end = document.indexOf("<!-- end of layers -->");
  expect(start, "docs/architecture.md marks its layer table").toBeGreaterThan(-1);
  const rows = document
    .slice(start, end)
    .split("\n")
    .filter((line) => /^\|\s*\d+\s*\|/.test(line));
  return rows.map((row) =>
    (row.split("|")[2] ?? "")
      .split(",")
      .map((domain) => domain.trim())
      .filter((domain) => domain !== ""),
  );
}

describe("the architecture document", () => {
  it("lists the layers the dependency check enforces, in the same order", () => {
    expect(documentedLayers()).toEqual(configuredLayers());
  });

  it("places every domain folder of src/ on exactly one layer", () => {
    const folders = readdirSync(join(root, "src"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !notDomains.has(entry.name))
      .map((entry) => entry.name)
      .sort();
    const placed = configuredLayers().flat();
    expect([...placed].sort()).toEqual(folders);
    expect(new Set(placed).size).toBe(placed.length);
    for (const folder of folders.filter((name) => !entryPoints.has(name))) {
      expect(existsSync(join(root, "src", folder, "index.ts")), `src/${folder} has a front door`).toBe(true);
    }
  });
});
