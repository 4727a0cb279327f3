// Turning an email template and its data into the subject, HTML and text that
// are sent, and checking a template before it is saved.
import type { FieldError } from "../platform/errors.ts";
import type { EmailContent } from "./email-template-catalog.ts";
import { parseTemplate, renderTemplate, TemplateSyntaxError } from "./template-language.ts";

export type RenderedEmail = {
  subject: string;
  html: string;
  text: string;
  /** Names the template uses that the data lacks (rendered as nothing). */
  missing: string[];
};

/** Longest body a template may produce: a loop over large data must not make a message no server accepts. */
const maximumBodyLength = 1_000_000;
const maximumSubjectLength = 998;

/** Renders all three parts. Throws TemplateSyntaxError or TemplateOutputTooLarge. */
export function renderEmailContent(content: EmailContent, data: unknown): RenderedEmail {
  const subject = renderTemplate(parseTemplate(content.subject), data, {
    escape: "text",
    maximumLength: maximumSubjectLength,
  });
  const html = renderTemplate(parseTemplate(content.html_body), data, {
    escape: "html",
    maximumLength: maximumBodyLength,
  });
  const text = renderTemplate(parseTemplate(content.text_body), data, {
    escape: "text",
    maximumLength: maximumBodyLength,
  });
  return {
    // A subject is one line, whatever line breaks the data carried.
    subject: subject.output.replace(/\s*[\r\n]+\s*/g, " ").trim(),
    html: html.output,
    text: text.output,
    missing: [...new Set([...subject.missing, ...html.missing, ...text.missing])].sort(),
  };
}

/** The syntax errors of each part of `content` that is given, by field path. */
export function templateSyntaxErrors(content: Partial<EmailContent>): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ["subject", "html_body", "text_body"] as const) {
    const source = content[field];
    if (source === undefined) continue;
    try {
      parseTemplate(source);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      errors.push({ path: `$.${field}`, message: error.message });
    }
  }
  return errors;
}
