// What the invoice, credit note and statement PDFs share: the fonts (DejaVu
// Sans, embedded and subset, since the PDF standard Helvetica only knows the
// WinAnsi characters and "ł", "ň", "ő" would print as garbage), the inks,
// the A4 margins, the page being filled with its cursor, and the making of
// the document and its bytes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type Fonts = { regular: Uint8Array; bold: Uint8Array };

let fonts: Fonts | undefined;

/** Read once per process: about 1.4 MB that every document subsets from. */
function loadFonts(): Fonts {
  if (fonts === undefined) {
    const require = createRequire(import.meta.url);
    fonts = {
      regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
      bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
    };
  }
  return fonts;
}

export const REGULAR = "DejaVuSans";
export const BOLD = "DejaVuSans-Bold";

export const INK = "#1f2328";
export const MUTED = "#57606a";
const RULE = "#d0d7de";

// A4 in points, with room at the bottom for the footer line.
export const MARGIN = 50;
export const FOOTER_HEIGHT = 30;

export type TextStyle = { font?: string; size: number; color?: string; align?: "left" | "right" | "center" };

/**
 * The page being filled and the cursor on it. pdfkit moves its own cursor as
 * it writes; the layout keeps one `y` of its own so that columns written side
 * by side start on the same baseline.
 */
export class PdfLayout {
  readonly document: PDFKit.PDFDocument;
  /** Heads each page after the first: "<title> (continued)". */
  readonly continuedTitle: string;
  y: number;

  constructor(document: PDFKit.PDFDocument, continuedTitle: string) {
    this.document = document;
    this.continuedTitle = continuedTitle;
    this.y = document.page.margins.top;
  }

  get contentWidth(): number {
    return this.document.page.width - 2 * MARGIN;
  }

  /** Where content stops: the page's bottom margin keeps the footer's band free, also for text pdfkit flows. */
  get bottom(): number {
    return this.document.page.height - this.document.page.margins.bottom;
  }

  measure(text: string, width: number, style: TextStyle): number {
    this.document.font(style.font ?? REGULAR).fontSize(style.size);
    return this.document.heightOfString(text, { width });
  }

  /**
   * Writes text in a box at the cursor's height (or at `y`) and returns where
   * the text ends. A block taller than a whole page flows onto the next page
   * by itself, and the position returned is then on that page.
   */
  write(text: string, x: number, width: number, style: TextStyle, y = this.y): number {
    this.document
      .font(style.font ?? REGULAR)
      .fontSize(style.size)
      .fillColor(style.color ?? INK)
      .text(text, x, y, { width, align: style.align ?? "left" });
    return this.document.y;
  }

  /** A horizontal rule from `from` to the right margin. */
  rule(y: number, { from = MARGIN, color = RULE, width = 0.5 } = {}): void {
    this.document
      .moveTo(from, y)
      .lineTo(MARGIN + this.contentWidth, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }

  /**
   * Starts a new page, headed "… (continued)" and whatever `onNewPage` draws,
   * when `height` does not fit below the cursor. A block taller than a page
   * gets a page of its own.
   */
  ensureSpace(height: number, onNewPage?: () => void): void {
    const available = this.bottom - this.document.page.margins.top;
    if (this.y + Math.min(height, available) <= this.bottom) return;
    this.document.addPage();
    this.y = this.document.page.margins.top;
    this.y =
      this.write(`${this.continuedTitle} (continued)`, MARGIN, this.contentWidth, {
        size: 7.5,
        color: MUTED,
      }) + 8;
    onNewPage?.();
  }
}

/** What a document's PDF says about itself: its language, title, author and creation date. */
export type PdfDetails = { language: string; title: string; author: string; createdAt: Date };

/**
 * An A4 document with the embedded fonts, laid out by `layOut`, as PDF bytes.
 * The creation date is the document's own, not the time of rendering, so the
 * same document always gives the same bytes.
 */
export async function renderA4Pdf(
  details: PdfDetails,
  layOut: (document: PDFKit.PDFDocument) => void,
): Promise<Uint8Array> {
  // pdfkit is loaded when the first document is drawn: most processes never draw one.
  const { default: PDFDocument } = await import("pdfkit");
  const { regular, bold } = loadFonts();
  const document = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
    bufferPages: true,
    lang: details.language,
    displayTitle: true,
    info: {
      Title: details.title,
      Author: details.author,
      Creator: "Fairbill",
      Producer: "Fairbill",
      CreationDate: details.createdAt,
    },
  });
  document.registerFont(REGULAR, regular);
  document.registerFont(BOLD, bold);
  return pdfBytesOf(document, () => layOut(document));
}

/** Lays the document out with `draw` and gathers the bytes pdfkit writes. */
function pdfBytesOf(document: PDFKit.PDFDocument, draw: () => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    document.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    document.on("error", reject);
    document.on("end", () => {
      const bytes = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes);
    });
    try {
      draw();
      document.end();
    } catch (error) {
      reject(error);
    }
  });
}
