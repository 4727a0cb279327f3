// "Download CSV" of what a list shows now (its filters applied, the pages
// loaded so far), built in the browser from the same rows as the table.
import { csvText } from "../format/csv.ts";
import { DownloadButton } from "./download-button.tsx";

export function CsvDownloadButton({
  fileName,
  header,
  rows,
  what,
}: {
  fileName: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
  /** What the rows are, for a screen reader: "the payments shown" ("Download CSV of the payments shown"). */
  what: string;
}) {
  return (
    <DownloadButton
      download={async () => new Blob([csvText(header, rows)], { type: "text/csv;charset=utf-8" })}
      fileName={fileName}
      label="Download CSV"
      accessibleName={`Download CSV of ${what}`}
      small
    />
  );
}
