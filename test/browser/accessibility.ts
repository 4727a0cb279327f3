// axe-core in a page of the browser tests: the serious and critical
// violations of the WCAG 2.1 A and AA rules that axe finds on what the page
// shows now, each as one line naming the rule and the elements. The script
// goes in through the DevTools protocol (page.evaluate of its source), which
// the console's Content-Security-Policy does not govern, so the page under
// test keeps the policy it ships with.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

type AxeNode = { target: unknown[]; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

const reported = new Set(["serious", "critical"]);

/** The page's serious and critical accessibility violations, one line each; empty when there are none. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const alreadyLoaded = (await page.evaluate("typeof window.axe === 'object'")) as boolean;
  if (!alreadyLoaded) await page.evaluate(await axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }).then((result) => result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })) })))`,
  )) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact !== null && reported.has(violation.impact))
    .map((violation) => {
      const targets = violation.nodes
        .slice(0, 5)
        .map((node) => node.target.join(" "))
        .join(", ");
      const more = violation.nodes.length > 5 ? ` and ${violation.nodes.length - 5} more` : "";
      return `${violation.impact} ${violation.id} (${violation.help}): ${targets}${more}`;
    });
}
