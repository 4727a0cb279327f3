// A dataset as files: Parquet (hyparquet-writer; every column text, so that
// amounts keep their exact decimals and timestamps their ISO form) and CSV
// (RFC 4180, a header row, cells safe to open in a spreadsheet).
import { parquetWriteBuffer } from "hyparquet-writer";
import { csvCell } from "../platform/csv.ts";
import type { PlainRow } from "../platform/database/changed-rows.ts";
import type { WarehouseFormat } from "./tables.ts";

/** The columns of the rows, in the order they first appear. */
function columnsOf(rows: readonly PlainRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) columns.add(column);
  return [...columns];
}

const text = (value: PlainRow[string] | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

export function datasetFile(rows: readonly PlainRow[], format: WarehouseFormat): Uint8Array {
  const columns = columnsOf(rows);
  if (format === "parquet") {
    return new Uint8Array(
      parquetWriteBuffer({
        columnData: columns.map((name) => ({
          name,
          data: rows.map((row) => text(row[name])),
          type: "STRING",
        })),
        createdBy: "Fairbill warehouse export",
      }),
    );
  }
  const lines = [
    columns.map(csvCell).join(","),
    ...rows.map((row) => columns.map((column) => csvCell(text(row[column]))).join(",")),
  ];
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
}
