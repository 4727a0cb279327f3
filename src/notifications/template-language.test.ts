import { describe, expect, it } from "vitest";
import { renderEmailContent } from "./email-rendering.ts";
import { defaultEmailTemplates, emailTemplateNames, sampleEmailData } from "./email-template-catalog.ts";
import {
  parseTemplate,
  renderTemplate,
  TemplateOutputTooLarge,
  TemplateSyntaxError,
} from "./template-language.ts";

function render(source: string, data: unknown, escaping: "html" | "text" = "html") {
  return renderTemplate(parseTemplate(source), data, { escape: escaping, maximumLength: 10_000 });
}

describe("the email template language", () => {
  it("places values by path and escapes them in HTML, not in text", () => {
    const data = { customer: { name: `Tom & Jerry's <b>"Shop"</b>` } };
    expect(render("Hello {{ customer.name }}!", data).output).toBe(
      "Hello Tom &amp; Jerry&#39;s &lt;b&gt;&quot;Shop&quot;&lt;/b&gt;!",
    );
    expect(render("Hello {{customer.name}}!", data, "text").output).toBe(
      `Hello Tom & Jerry's <b>"Shop"</b>!`,
    );
  });

  it("repeats {{#each}} per item, looking names up in the item first, then outside", () => {
    const data = {
      currency: "EUR",
      lines: [
        { description: "Seats", amount: "10.00" },
        { description: "API calls", amount: "2.50", currency: "USD" },
      ],
    };
    expect(render("{{#each lines}}[{{description}}: {{amount}} {{currency}}]{{/each}}", data).output).toBe(
      "[Seats: 10.00 EUR][API calls: 2.50 USD]",
    );
    expect(render("{{#each tags}}<{{this}}>{{/each}}", { tags: ["a", "b"] }, "text").output).toBe("<a><b>");
    expect(render("{{#each lines}}x{{else}}none{{/each}}", { lines: [] }).output).toBe("none");
  });

  it("chooses with {{#if}} and {{else}}, and skips comments", () => {
    const template = "{{! shown only with a link }}{{#if url}}see {{url}}{{else}}no link{{/if}}";
    expect(render(template, { url: "https://x.example" }).output).toBe("see https://x.example");
    expect(render(template, { url: "" }).output).toBe("no link");
    expect(render("{{#if count}}some{{else}}none{{/if}}", { count: 0 }).output).toBe("none");
  });

  it("prints numbers and booleans, and nothing for missing values, lists or objects, naming the missing", () => {
    const result = render("{{n}} {{yes}} {{gone}} {{list}} {{object}} {{customer.nmae}}", {
      n: 5,
      yes: true,
      list: [1],
      object: { a: 1 },
      customer: { name: "A" },
    });
    expect(result.output).toBe("5 true    ");
    expect(result.missing).toEqual(["customer.nmae", "gone"]);
  });

  it("reads only the data's own properties, never what objects inherit", () => {
    const result = render("{{constructor}}{{toString}}{{name.constructor.name}}{{__proto__}}", { name: "x" });
    expect(result.output).toBe("");
    expect(result.missing).toEqual(["__proto__", "constructor", "name.constructor.name", "toString"]);
  });

  it("says where a syntax mistake is", () => {
    const cases: [string, RegExp][] = [
      ["Hello {{customer.name", /line 1, column 7: a \{\{ is never closed/],
      ["a\n{{#each lines}}x", /line 2, column 1: \{\{#each\}\} is never closed/],
      ["{{/if}}", /closes nothing/],
      ["{{#if a}}{{/each}}", /\{\{\/each\}\} closes an \{\{#if\}\}/],
      ["{{else}}", /outside an/],
      ["{{#with customer}}{{/with}}", /unknown block/],
      ["{{customer name}}", /is not a name/],
      ["{{{raw}}}", /is not a name/],
      ["{{#if a}}{{else}}{{else}}{{/if}}", /a second \{\{else\}\}/],
    ];
    for (const [source, message] of cases) {
      expect(() => parseTemplate(source), source).toThrow(TemplateSyntaxError);
      expect(() => parseTemplate(source), source).toThrow(message);
    }
  });

  it("stops a template whose output would exceed the limit", () => {
    const nodes = parseTemplate("{{#each rows}}{{#each rows}}{{text}}{{/each}}{{/each}}");
    const data = { rows: Array.from({ length: 100 }, () => ({ text: "x".repeat(100) })) };
    expect(() => renderTemplate(nodes, data, { escape: "text", maximumLength: 100_000 })).toThrow(
      TemplateOutputTooLarge,
    );
  });
});

describe("the built-in email templates", () => {
  const mailboxTemplates = new Set<string>(["rollout_rolled_back"]);

  it("render their sample data with every name they use present", () => {
    for (const name of emailTemplateNames) {
      const rendered = renderEmailContent(defaultEmailTemplates[name], sampleEmailData[name]);
      expect(rendered.missing, name).toEqual([]);
      expect(rendered.subject, name).not.toContain("{{");
      // Customer emails greet the customer; emails to the people who use Fairbill greet the person.
      // A rollout's announcement goes to the rollout's notification mailbox, which names nobody.
      if (mailboxTemplates.has(name)) continue;
      const greeted = "customer" in sampleEmailData[name] ? "Acme Corp" : "Grace Hopper";
      expect(rendered.html, name).toContain(greeted);
      expect(rendered.text, name).toContain(greeted);
    }
  });

  it("keep a subject on one line whatever the data holds", () => {
    const rendered = renderEmailContent(
      { subject: "Invoice {{number}}", html_body: "x", text_body: "x" },
      { number: "1\r\nBcc: someone@example.com" },
    );
    expect(rendered.subject).toBe("Invoice 1 Bcc: someone@example.com");
  });
});
