// From an invoice document to the strings a reader sees: amounts, quantities
// and dates formatted in the customer's locale and time zone, parties as
// address blocks, totals as labelled rows. The HTML and the PDF renderers both
// lay out this one presentation, so the two formats never disagree on a word
// or a digit. Labels are English; numbers, dates and country names follow the
// customer's locale.
import { findCurrency, parseInstant } from "../../core/index.ts";
import { isCurrencyCode, isLocale, isTimeZone } from "../../platform/reference-data.ts";
import type { DocumentLine, DocumentParty, InvoiceDocument } from "./invoice-document.ts";
import {
  formatDecimalString,
  isDecimalString,
  isZeroDecimalString,
  negateDecimalString,
} from "./locale-number-format.ts";

/** A document that cannot be rendered as given: names the field by its JSON path. */
export class InvoiceDocumentError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "InvoiceDocumentError";
    this.path = path;
  }
}

export type PresentedParty = { heading: string; name: string; lines: string[] };
export type PresentedFact = { label: string; value: string };
export type PresentedLine = {
  description: string;
  period: string | null;
  quantity: string;
  unitAmount: string;
  amount: string;
  explanation: string[];
  /** A consolidated invoice's account heading, printed before the first line of its section. */
  sectionHeading: string | null;
};
export type PresentedTotal = { label: string; value: string; emphasized: boolean };

export type PresentedDocument = {
  /** The canonical BCP 47 tag, for `lang` attributes. */
  language: string;
  /** "Invoice" or "Credit note". */
  kindLabel: string;
  /** "Invoice INV-0042", "Draft credit note": the page title, and the PDF's. */
  title: string;
  /** "Invoice", "Draft credit note": the big heading of the PDF, whose number stands among the facts. */
  heading: string;
  /** Printed across every page: "Draft" for an unnumbered document, "Void" for a voided one. */
  watermark: string | null;
  facts: PresentedFact[];
  /** Credit notes: why the invoice was corrected. */
  reason: string | null;
  seller: PresentedParty;
  buyer: PresentedParty;
  linesCaption: string;
  columnHeadings: { description: string; quantity: string; unitAmount: string; amount: string };
  lines: PresentedLine[];
  totals: PresentedTotal[];
  amountDue: PresentedTotal;
  /** After the amount due: what has been paid so far, when known. */
  amountPaid: PresentedTotal | null;
  /** The reverse-charge or exemption wording. */
  taxNote: string | null;
  memo: string | null;
  /** "How to pay" and the seller's instructions, when it gives them. */
  paymentInstructions: string | null;
  /** The seller's own footer text, when it has one. */
  sellerFooter: string | null;
  footer: string;
};

/**
 * Free text from customers and operators may hold lone surrogates (which
 * UTF-8 cannot encode) or control characters (which HTML forbids and PDF
 * text operators mangle): each becomes U+FFFD, visibly, rather than vanishing.
 */
function cleanText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this removes.
  return text.toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "\uFFFD");
}

/** An identifier or a label printed on one line (a title, a page footer): line breaks become spaces. */
function singleLine(text: string): string {
  return cleanText(text).replace(/[\r\n\u2028\u2029]+/g, " ");
}

function humanize(code: string): string {
  const words = singleLine(code).replaceAll("_", " ").trim();
  return words.length === 0 ? words : words[0]!.toUpperCase() + words.slice(1);
}

/** The customary short names of the tax ids most often printed; others by their own type. */
const TAX_ID_LABELS: Record<string, string> = {
  eu_vat: "VAT",
  gb_vat: "VAT",
  ch_vat: "VAT",
  no_vat: "VAT",
  au_abn: "ABN",
  ca_bn: "BN",
  in_gst: "GSTIN",
  us_ein: "EIN",
  // A seller's number saved without its kind.
  tax_id: "Tax ID",
  vat: "VAT",
};

/** "eu_vat" → "VAT"; a kind it does not know reads as words ("gst_number" → "GST number"), never as a code. */
function taxIdLabel(type: string): string {
  const known = TAX_ID_LABELS[type];
  if (known !== undefined) return known;
  const [first = "", ...rest] = cleanText(type).split("_").filter(Boolean);
  return [first.toUpperCase(), ...rest].join(" ");
}

/** Countries that write "City, Region PostalCode" on one line; most of Europe writes "PostalCode City". */
const CITY_REGION_POSTAL_COUNTRIES = new Set(["US", "CA", "AU"]);
/** Countries whose postcode stands on its own line after the town. */
const POSTCODE_LAST_COUNTRIES = new Set(["GB", "IE"]);

type Formatter = {
  /** The value itself, once checked to be a decimal string. */
  decimal(value: string, path: string): string;
  money(amount: string, path: string): string;
  date(instant: string, path: string): string;
  period(start: string, end: string, path: string): string;
  quantity(quantity: string, path: string): string;
  percent(percent: string, path: string): string;
  countryName(code: string): string;
};

function formatterFor(document: InvoiceDocument): Formatter {
  if (!isLocale(document.locale)) {
    throw new InvoiceDocumentError("$.locale", `"${document.locale}" is not a BCP 47 locale tag`);
  }
  if (!isTimeZone(document.timeZone)) {
    throw new InvoiceDocumentError("$.timeZone", `"${document.timeZone}" is not an IANA time zone`);
  }
  const currency = isCurrencyCode(document.currency) ? findCurrency(document.currency) : undefined;
  if (currency === undefined) {
    throw new InvoiceDocumentError("$.currency", `"${document.currency}" is not an ISO 4217 currency code`);
  }
  const locale = Intl.getCanonicalLocales(document.locale)[0]!;
  const longDate = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: document.timeZone });
  const mediumDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: document.timeZone });
  const regionNames = new Intl.DisplayNames(locale, { type: "region", fallback: "code" });
  const currencyStyle = { kind: "currency", currency: currency.code } as const;

  const decimal = (value: string, path: string) => {
    if (!isDecimalString(value)) {
      throw new InvoiceDocumentError(path, `"${value}" is not a decimal string such as "1234.50"`);
    }
    return value;
  };
  const instant = (value: string, path: string) => {
    const parsed = parseInstant(value);
    if (parsed === undefined) {
      throw new InvoiceDocumentError(path, `"${value}" is not an RFC 3339 timestamp`);
    }
    return parsed;
  };
  return {
    decimal,
    money: (amount, path) =>
      formatDecimalString(decimal(amount, path), locale, currencyStyle, currency.minorDigits),
    date: (value, path) => longDate.format(instant(value, path)),
    // Periods end exclusively (a January ends at 1 February 00:00); a reader
    // expects the last day billed, so the range stops a millisecond earlier.
    period: (start, end, path) => {
      const from = instant(start, `${path}Start`);
      const until = instant(end, `${path}End`);
      return mediumDate.formatRange(from, Math.max(from, until - 1));
    },
    quantity: (value, path) => formatDecimalString(decimal(value, path), locale, { kind: "decimal" }),
    percent: (value, path) => formatDecimalString(decimal(value, path), locale, { kind: "percent" }),
    countryName: (code) => {
      if (!/^[A-Z]{2}$/.test(code)) return cleanText(code);
      try {
        return regionNames.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}

function addressLines(address: NonNullable<DocumentParty["address"]>, format: Formatter): string[] {
  const field = (value: string | undefined) => cleanText(value ?? "").trim();
  const [city, region, postalCode] = [field(address.city), field(address.region), field(address.postalCode)];
  const country = field(address.country);
  const locality: string[] = [];
  if (CITY_REGION_POSTAL_COUNTRIES.has(country)) {
    locality.push([city, [region, postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", "));
  } else if (POSTCODE_LAST_COUNTRIES.has(country)) {
    locality.push(city, region, postalCode);
  } else {
    locality.push([postalCode, city].filter(Boolean).join(" "), region);
  }
  return [
    field(address.line1),
    field(address.line2),
    ...locality,
    country && format.countryName(country),
  ].filter((line) => line.length > 0);
}

function presentParty(party: DocumentParty, heading: string, format: Formatter): PresentedParty {
  const taxIds = party.taxIds.map((taxId) => `${taxIdLabel(taxId.type)}: ${cleanText(taxId.value)}`);
  return {
    heading,
    name: cleanText(party.name),
    lines: [
      ...(party.address === null ? [] : addressLines(party.address, format)),
      ...(party.email === null ? [] : [cleanText(party.email)]),
      ...taxIds,
    ],
  };
}

function presentLine(line: DocumentLine, index: number, format: Formatter): PresentedLine {
  const path = `$.lines[${index}]`;
  return {
    description: cleanText(line.description),
    period:
      line.periodStart !== null && line.periodEnd !== null
        ? format.period(line.periodStart, line.periodEnd, `${path}.period`)
        : null,
    quantity: format.quantity(line.quantity, `${path}.quantity`),
    unitAmount: line.unitAmount === null ? "" : format.money(line.unitAmount, `${path}.unitAmount`),
    amount: format.money(line.amount, `${path}.amount`),
    explanation: line.explanation.map(cleanText),
    sectionHeading: line.sectionHeading === undefined ? null : cleanText(line.sectionHeading),
  };
}

function presentTotals(document: InvoiceDocument, format: Formatter): PresentedTotal[] {
  const { totals } = document;
  const row = (label: string, amount: string, path: string, emphasized = false): PresentedTotal => ({
    label,
    value: format.money(amount, path),
    emphasized,
  });
  // Discounts, credits and balance are stored as positive amounts taken off the invoice.
  const deduction = (label: string, amount: string, path: string) =>
    row(label, negateDecimalString(format.decimal(amount, path)), path);
  const isNonZero = (amount: string, path: string) => !isZeroDecimalString(format.decimal(amount, path));

  const rows = [row("Subtotal", totals.subtotal, "$.totals.subtotal")];
  if (document.discounts.length > 0) {
    document.discounts.forEach((discount, index) => {
      rows.push(deduction(cleanText(discount.label), discount.amount, `$.discounts[${index}].amount`));
    });
  } else if (isNonZero(totals.discount, "$.totals.discount")) {
    rows.push(deduction("Discount", totals.discount, "$.totals.discount"));
  }
  if (isNonZero(totals.credits, "$.totals.credits")) {
    rows.push(deduction("Credits applied", totals.credits, "$.totals.credits"));
  }
  if (document.tax !== null) {
    const rate = `${cleanText(document.tax.label)} ${format.percent(document.tax.percent, "$.tax.percent")}`;
    rows.push(row(document.tax.inclusive ? `Includes ${rate}` : rate, totals.tax, "$.totals.tax"));
  } else if (isNonZero(totals.tax, "$.totals.tax")) {
    rows.push(row("Tax", totals.tax, "$.totals.tax"));
  }
  rows.push(row("Total", totals.total, "$.totals.total", true));
  if (isNonZero(totals.balanceApplied, "$.totals.balanceApplied")) {
    rows.push(deduction("Customer balance applied", totals.balanceApplied, "$.totals.balanceApplied"));
  }
  return rows;
}

/** Formats every field of the document; throws InvoiceDocumentError naming the first field it cannot read. */
export function presentInvoiceDocument(document: InvoiceDocument): PresentedDocument {
  const format = formatterFor(document);
  const isCreditNote = document.kind === "credit_note";
  const kindLabel = isCreditNote ? "Credit note" : "Invoice";
  const number = document.number === null ? null : singleLine(document.number);
  const status = humanize(document.status);

  const facts: PresentedFact[] = [
    { label: `${kindLabel} number`, value: number ?? "Draft, not yet numbered" },
    { label: "Status", value: status },
    { label: "Issue date", value: format.date(document.issuedAt, "$.issuedAt") },
  ];
  if (document.dueAt !== null)
    facts.push({ label: "Due date", value: format.date(document.dueAt, "$.dueAt") });
  if (document.periodStart !== null && document.periodEnd !== null) {
    facts.push({
      label: "Billing period",
      value: format.period(document.periodStart, document.periodEnd, "$.period"),
    });
  }
  if (isCreditNote && document.relatedInvoiceNumber !== null) {
    facts.push({ label: "Corrects invoice", value: singleLine(document.relatedInvoiceNumber) });
  }

  const amountPaid = document.totals.amountPaid;
  return {
    language: Intl.getCanonicalLocales(document.locale)[0]!,
    kindLabel,
    title: number === null ? `Draft ${kindLabel.toLowerCase()}` : `${kindLabel} ${number}`,
    heading: number === null ? `Draft ${kindLabel.toLowerCase()}` : kindLabel,
    watermark: number === null ? "Draft" : document.status === "void" ? "Void" : null,
    facts,
    reason: document.reason === null ? null : cleanText(document.reason),
    seller: presentParty(document.seller, "From", format),
    buyer: presentParty(document.buyer, isCreditNote ? "Credited to" : "Billed to", format),
    linesCaption: isCreditNote ? "Credited lines" : "Invoice lines",
    columnHeadings: {
      description: "Description",
      quantity: "Quantity",
      unitAmount: "Unit price",
      amount: "Amount",
    },
    lines: document.lines.map((line, index) => presentLine(line, index, format)),
    totals: presentTotals(document, format),
    amountDue: {
      label: isCreditNote ? "Amount credited" : "Amount due",
      value: format.money(document.totals.amountDue, "$.totals.amountDue"),
      emphasized: true,
    },
    amountPaid:
      amountPaid === undefined
        ? null
        : { label: "Amount paid", value: format.money(amountPaid, "$.totals.amountPaid"), emphasized: false },
    taxNote: document.tax?.note == null ? null : cleanText(document.tax.note),
    memo: document.memo === null ? null : cleanText(document.memo),
    paymentInstructions:
      document.paymentInstructions == null ? null : `How to pay: ${cleanText(document.paymentInstructions)}`,
    sellerFooter: document.sellerFooter == null ? null : cleanText(document.sellerFooter),
    footer: `Amounts in ${document.currency}. Dates in the ${document.timeZone} time zone.`,
  };
}
