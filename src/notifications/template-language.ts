// The small template language of customer emails. Templates are written by
// billing operators, so the language can only read data, never run code:
//
//   {{customer.name}}                     a value, HTML-escaped in HTML bodies
//   {{#each invoice.lines}} … {{/each}}   once per item; inside, names look in the item first,
//                                         and {{this}} is the item itself; {{else}} for an empty list
//   {{#if invoice.memo}} … {{else}} … {{/if}}
//   {{! a comment }}
//
// Names resolve to the data's own properties only (never `constructor` or
// anything else inherited), so a template cannot reach past the data it was given.
import { escapeHtml } from "../platform/html-escape.ts";

export type TemplateNode =
  | { kind: "text"; text: string }
  | { kind: "value"; path: string[] }
  | { kind: "each"; path: string[]; body: TemplateNode[]; otherwise: TemplateNode[] }
  | { kind: "if"; path: string[]; body: TemplateNode[]; otherwise: TemplateNode[] };

export class TemplateSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = "TemplateSyntaxError";
    this.line = line;
    this.column = column;
  }
}

export class TemplateOutputTooLarge extends Error {
  constructor(limit: number) {
    super(`the rendered text would be longer than ${limit} characters`);
    this.name = "TemplateOutputTooLarge";
  }
}

const maximumNesting = 16;
const pathPattern = /^(this|[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z0-9_]+)*$/;

type Tag =
  | { kind: "value"; path: string[] }
  | { kind: "open"; block: "each" | "if"; path: string[] }
  | { kind: "else" }
  | { kind: "close"; block: "each" | "if" }
  | { kind: "comment" };

type OpenBlock = {
  block: "each" | "if";
  path: string[];
  body: TemplateNode[];
  otherwise: TemplateNode[];
  inElse: boolean;
  offset: number;
};

/** Parses a template, or throws a TemplateSyntaxError that says where the mistake is. */
export function parseTemplate(source: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const open: OpenBlock[] = [];
  const current = () => {
    const block = open.at(-1);
    if (!block) return root;
    return block.inElse ? block.otherwise : block.body;
  };
  let position = 0;
  while (position < source.length) {
    const start = source.indexOf("{{", position);
    if (start === -1) {
      current().push({ kind: "text", text: source.slice(position) });
      break;
    }
    if (start > position) current().push({ kind: "text", text: source.slice(position, start) });
    const end = source.indexOf("}}", start + 2);
    if (end === -1) throw syntaxError(source, start, "a {{ is never closed with }}");
    const tag = readTag(source, start, source.slice(start + 2, end).trim());
    position = end + 2;
    switch (tag.kind) {
      case "comment":
        break;
      case "value":
        current().push({ kind: "value", path: tag.path });
        break;
      case "open":
        if (open.length >= maximumNesting) {
          throw syntaxError(source, start, `blocks are nested more than ${maximumNesting} deep`);
        }
        open.push({
          block: tag.block,
          path: tag.path,
          body: [],
          otherwise: [],
          inElse: false,
          offset: start,
        });
        break;
      case "else": {
        const block = open.at(-1);
        if (!block) throw syntaxError(source, start, "{{else}} outside an {{#if}} or {{#each}}");
        if (block.inElse) throw syntaxError(source, start, `a second {{else}} in one {{#${block.block}}}`);
        block.inElse = true;
        break;
      }
      case "close": {
        const block = open.pop();
        if (!block) throw syntaxError(source, start, `{{/${tag.block}}} closes nothing`);
        if (block.block !== tag.block) {
          throw syntaxError(source, start, `{{/${tag.block}}} closes an {{#${block.block}}}`);
        }
        current().push({ kind: block.block, path: block.path, body: block.body, otherwise: block.otherwise });
        break;
      }
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw syntaxError(source, unclosed.offset, `{{#${unclosed.block}}} is never closed`);
  return root;
}

function readTag(source: string, offset: number, content: string): Tag {
  if (content.startsWith("!")) return { kind: "comment" };
  if (content === "else") return { kind: "else" };
  const block = /^#(each|if)\s+(\S+)$/.exec(content);
  if (block)
    return { kind: "open", block: block[1] as "each" | "if", path: readPath(source, offset, block[2]!) };
  const close = /^\/(each|if)$/.exec(content);
  if (close) return { kind: "close", block: close[1] as "each" | "if" };
  if (/^[#/]/.test(content)) {
    throw syntaxError(source, offset, `unknown block "{{${content}}}"; blocks are #each and #if`);
  }
  return { kind: "value", path: readPath(source, offset, content) };
}

function readPath(source: string, offset: number, text: string): string[] {
  if (!pathPattern.test(text)) {
    throw syntaxError(source, offset, `"${text}" is not a name such as customer.name`);
  }
  return text.split(".");
}

function syntaxError(source: string, offset: number, message: string): TemplateSyntaxError {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return new TemplateSyntaxError(message, line, column);
}

export type RenderOptions = {
  /** "html" escapes every value for an HTML body; "text" writes values as they are. */
  escape: "html" | "text";
  /** Longest output allowed: a template looping over large data cannot make an unbounded message. */
  maximumLength: number;
};

export type RenderResult = {
  output: string;
  /** Names the template used that the data does not have, such as a misspelt customer.nmae. */
  missing: string[];
};

export function renderTemplate(
  nodes: readonly TemplateNode[],
  data: unknown,
  options: RenderOptions,
): RenderResult {
  const missing = new Set<string>();
  const parts: string[] = [];
  let length = 0;
  const write = (text: string) => {
    length += text.length;
    if (length > options.maximumLength) throw new TemplateOutputTooLarge(options.maximumLength);
    parts.push(text);
  };
  const walk = (list: readonly TemplateNode[], scopes: readonly unknown[]) => {
    for (const node of list) {
      switch (node.kind) {
        case "text":
          write(node.text);
          break;
        case "value": {
          const value = lookUp(scopes, node.path);
          if (value === undefined) missing.add(node.path.join("."));
          const text = printable(value);
          write(options.escape === "html" ? escapeHtml(text) : text);
          break;
        }
        case "if": {
          const value = lookUp(scopes, node.path);
          if (value === undefined) missing.add(node.path.join("."));
          walk(isTruthy(value) ? node.body : node.otherwise, scopes);
          break;
        }
        case "each": {
          const value = lookUp(scopes, node.path);
          if (value === undefined) missing.add(node.path.join("."));
          if (Array.isArray(value) && value.length > 0) {
            for (const item of value) walk(node.body, [...scopes, item]);
          } else {
            walk(node.otherwise, scopes);
          }
          break;
        }
      }
    }
  };
  walk(nodes, [data]);
  return { output: parts.join(""), missing: [...missing].sort() };
}

/** The value a path names: its first name looked up from the innermost {{#each}} item outwards. */
function lookUp(scopes: readonly unknown[], path: readonly string[]): unknown {
  const [first, ...rest] = path;
  if (first === undefined) return undefined;
  let value: unknown;
  if (first === "this") {
    value = scopes.at(-1);
  } else {
    const scope = [...scopes].reverse().find((candidate) => ownProperty(candidate, first) !== undefined);
    value = scope === undefined ? undefined : ownProperty(scope, first);
  }
  for (const name of rest) {
    if (value === undefined) return undefined;
    value = ownProperty(value, name);
  }
  return value;
}

function ownProperty(container: unknown, name: string): unknown {
  if (typeof container !== "object" || container === null) return undefined;
  if (!Array.isArray(container) && !isPlainObject(container)) return undefined;
  return Object.hasOwn(container, name) ? (container as Record<string, unknown>)[name] : undefined;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function printable(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  // null, missing values, lists and objects print as nothing rather than as "[object Object]".
  return "";
}

function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "string") return value !== "";
  if (typeof value === "number") return value !== 0 && Number.isFinite(value);
  if (typeof value === "object") return value !== null;
  return value === true;
}
