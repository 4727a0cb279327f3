import { describe, expect, it } from "vitest";
import { csvText } from "./csv.ts";

describe("CSV of a table", () => {
  it("writes a header and rows ended by CRLF, quoting only what needs it", () => {
    expect(
      csvText(
        ["month", "customer", "recognized"],
        [
          ["2026-11", "Acme, Inc.", "120.50"],
          ["2026-12", 'The "Best" Ltd', "0.00"],
          ["2026-12", "Line\nbreak", "-3.10"],
        ],
      ),
    ).toBe(
      'month,customer,recognized\r\n2026-11,"Acme, Inc.",120.50\r\n2026-12,"The ""Best"" Ltd",0.00\r\n2026-12,"Line\nbreak",-3.10\r\n',
    );
  });

  it("writes only the header when there are no rows", () => {
    expect(csvText(["a", "b"], [])).toBe("a,b\r\n");
  });
});
