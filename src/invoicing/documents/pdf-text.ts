// Reads the text back out of a PDF written by pdfkit, page by page, so that
// tests can check what a reader sees rather than how pdfkit encoded it. It
// understands what pdfkit writes (numbered objects, Flate streams with a
// direct /Length, Type0 fonts with a ToUnicode map, one BT…ET block per line
// of text), not every PDF.
import { inflateSync } from "node:zlib";

type PdfObject = { dictionary: string; stream: Uint8Array | null };

const OBJECT_HEADER = /(\d+) 0 obj\b/g;

function parseObjects(bytes: Uint8Array): Map<number, PdfObject> {
  // latin1 maps each byte to one character and back, so stream bytes survive the round trip.
  const text = Buffer.from(bytes).toString("latin1");
  const objects = new Map<number, PdfObject>();
  OBJECT_HEADER.lastIndex = 0;
  for (let match = OBJECT_HEADER.exec(text); match !== null; match = OBJECT_HEADER.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf("endobj", start);
    const streamAt = text.indexOf("stream", start);
    if (streamAt !== -1 && streamAt < end) {
      const dictionary = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
      const dataStart = streamAt + "stream".length + (text[streamAt + 6] === "\r" ? 2 : 1);
      const raw = Buffer.from(text.slice(dataStart, dataStart + length), "latin1");
      const stream = dictionary.includes("/FlateDecode") ? inflateSync(raw) : raw;
      objects.set(Number(match[1]), { dictionary, stream: new Uint8Array(stream) });
      OBJECT_HEADER.lastIndex = text.indexOf("endobj", dataStart + length);
    } else {
      objects.set(Number(match[1]), { dictionary: text.slice(start, end), stream: null });
      OBJECT_HEADER.lastIndex = end;
    }
  }
  return objects;
}

function reference(dictionary: string, key: string): number | undefined {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary);
  return match === null ? undefined : Number(match[1]);
}

function utf16Hex(hex: string): string {
  const units: number[] = [];
  for (let index = 0; index + 4 <= hex.length; index += 4)
    units.push(Number.parseInt(hex.slice(index, index + 4), 16));
  return String.fromCharCode(...units);
}

/** Glyph code (as hex) to text, from a ToUnicode CMap's bfchar and bfrange sections. */
function parseToUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, source, target] of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(source!.toLowerCase(), utf16Hex(target!));
    }
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const entries = section[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    );
    for (const [, low, high, targets] of entries) {
      const first = Number.parseInt(low!, 16);
      const last = Number.parseInt(high!, 16);
      const width = low!.length;
      const code = (value: number) => value.toString(16).padStart(width, "0");
      if (targets!.startsWith("[")) {
        // A ligature's target holds several code units, which pdfkit writes with spaces between them.
        const list = [...targets!.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((target) =>
          utf16Hex(target[1]!.replace(/\s/g, "")),
        );
        for (const [offset, target] of list.entries()) map.set(code(first + offset), target);
      } else {
        const start = Number.parseInt(targets!.slice(1, -1), 16);
        for (let value = first; value <= last; value++)
          map.set(code(value), String.fromCharCode(start + value - first));
      }
    }
  }
  return map;
}

function decodeHex(hex: string, toUnicode: Map<string, string> | undefined): string {
  if (toUnicode === undefined) return Buffer.from(hex, "hex").toString("latin1");
  const width = [...toUnicode.keys()][0]?.length ?? 4;
  let text = "";
  for (let index = 0; index + width <= hex.length; index += width) {
    text += toUnicode.get(hex.slice(index, index + width).toLowerCase()) ?? "\uFFFD";
  }
  return text;
}

/** One page's lines of text: each BT…ET block pdfkit writes is one line. */
function pageLines(content: string, fonts: Map<string, Map<string, string> | undefined>): string[] {
  const lines: string[] = [];
  let font: Map<string, string> | undefined;
  for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
    let line = "";
    const operators = /\/(\S+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g;
    for (const [, fontName, array, single] of block[1]!.matchAll(operators)) {
      if (fontName !== undefined) font = fonts.get(fontName);
      const strings =
        array !== undefined ? [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => hex[1]!) : [];
      if (single !== undefined) strings.push(single);
      for (const hex of strings) line += decodeHex(hex, font);
    }
    lines.push(line);
  }
  return lines;
}

/** The lines of text on each page of a pdfkit PDF, in page order. */
export function readPdfText(bytes: Uint8Array): string[][] {
  const objects = parseObjects(bytes);
  const find = (id: number | undefined) => (id === undefined ? undefined : objects.get(id));
  const catalog = [...objects.values()].find((object) => /\/Type \/Catalog\b/.test(object.dictionary));
  const pageTree = find(reference(catalog?.dictionary ?? "", "Pages"));
  const kids = /\/Kids \[([^\]]*)\]/.exec(pageTree?.dictionary ?? "")?.[1] ?? "";
  const pageIds = [...kids.matchAll(/(\d+) 0 R/g)].map((kid) => Number(kid[1]));
  return pageIds.map((pageId) => {
    const page = objects.get(pageId)!;
    const resources = find(reference(page.dictionary, "Resources"))?.dictionary ?? page.dictionary;
    const fontDictionary = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? "";
    const fonts = new Map<string, Map<string, string> | undefined>();
    for (const [, name, id] of fontDictionary.matchAll(/\/(\S+) (\d+) 0 R/g)) {
      const cmap = find(reference(objects.get(Number(id))?.dictionary ?? "", "ToUnicode"))?.stream;
      fonts.set(
        name!,
        cmap === null || cmap === undefined
          ? undefined
          : parseToUnicode(Buffer.from(cmap).toString("latin1")),
      );
    }
    const content = find(reference(page.dictionary, "Contents"))?.stream;
    return content === null || content === undefined
      ? []
      : pageLines(Buffer.from(content).toString("latin1"), fonts);
  });
}
