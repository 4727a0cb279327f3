// The journal as CSV for a spreadsheet: a cell that a spreadsheet would read
// as a formula is written as text (OWASP's CSV injection rule), whatever field
// it is in; plain numbers stay numbers.
import { describe, expect, it } from "vitest";
import { type JournalLine, journalCsv } from "./journal.ts";

const line: JournalLine = {
  entry_id: "jre_1",
  date: "2026-02-01",
  account: "1100",
  account_name: "Receivables",
  account_role: "accounts_receivable",
  debit: "12.50",
  credit: "",
  currency: "EUR",
  reference: "INV-1",
  document_type: "invoice",
  document_id: "inv_1",
  customer_id: "cus_1",
  product: null,
  memo: "",
};

function memoCell(memo: string): string {
  const [, row] = journalCsv([{ ...line, memo }]).split("\r\n");
  return String(row?.split(",").at(-1));
}

describe("the journal as CSV", () => {
  it("writes every cell that starts with = + - @, a tab or a carriage return as text", () => {
    expect(memoCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(memoCell("\tcalc")).toBe("'\tcalc");
    expect(memoCell("=1+1")).toBe("'=1+1");
    expect(memoCell("+1")).toBe("'+1");
    expect(memoCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(journalCsv([{ ...line, memo: "\r=1" }])).toContain(`"'\r=1"`);
  });

  it("leaves plain numbers and other text as they are", () => {
    expect(memoCell("-12.50")).toBe("-12.50");
    expect(memoCell("12")).toBe("12");
    expect(memoCell("Pro plan")).toBe("Pro plan");
  });
});
