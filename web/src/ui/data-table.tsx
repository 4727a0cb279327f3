// A table of rows, one column definition each: a header, the cell of a row,
// and whether it holds numbers. One column heads its row (<th scope="row">),
// the first unless another says so; on a phone the rows stack and each cell
// shows its column's name (data-label). List pages, invoice lines and the
// portal all use it. A table with a `selection` starts each row with a
// checkbox, and its header with one that selects every row of the page shown.
import { Fragment, type ReactNode } from "react";
import { pageWindow, type SortValue, sortRows } from "../format/list-order.ts";
import type { ListView } from "./list-view.tsx";
import { TableScroll } from "./table-scroll.tsx";

export type Column<Row> = {
  header: ReactNode;
  /** The column's name beside each cell on a phone; the header when that is text. */
  label?: string;
  cell: (row: Row, index: number) => ReactNode;
  numeric?: boolean;
  className?: string;
  /** This column's cells head their rows (the first column's do when none says so). */
  rowHeader?: boolean;
  /** What the column sorts by, under its name in the address (?sort=…), in a table with a `view`. */
  sort?: { key: string; value: (row: Row) => SortValue };
};

type DataTableProps<Row> = {
  /** The name of the scrollable region around the table. */
  label: string;
  rows: readonly Row[];
  columns: readonly (Column<Row> | false)[];
  /** A row's React key; rows without an id (invoice lines) keep their position. */
  rowKey: (row: Row, index: number) => string | number;
  /** Extra classes of the <table>; its rows stack on a phone unless `stacked` is false. */
  className?: string;
  stacked?: boolean;
  /** Whether a cell of each row heads it (the default), or every cell is data. */
  rowHeaders?: boolean;
  footer?: ReactNode;
  /** A heading across the table before a row that opens a group (a consolidated invoice's child); null for none. */
  groupHeading?: (row: Row, index: number) => ReactNode | null;
  /** Sorted by the address's column and cut to its page (the main lists); without it, rows as given. */
  view?: ListView;
  /** Rows chosen for a bulk action: a checkbox per row (its key is the row's id) and one for the page shown. */
  selection?: TableSelection<Row>;
};

export type TableSelection<Row> = {
  selected: ReadonlySet<string>;
  /** Selects (or clears) these rows, by key. */
  change: (keys: readonly string[], selected: boolean) => void;
  /** What a row's checkbox selects, for a screen reader: "INV-000012". */
  rowLabel: (row: Row) => string;
  /** The rows, for the header's checkbox: "Select every invoice shown". */
  noun: string;
};

function SelectAllShown({ keys, selection }: { keys: string[]; selection: TableSelection<never> }) {
  const chosen = keys.filter((key) => selection.selected.has(key)).length;
  return (
    <input
      type="checkbox"
      aria-label={`Select every ${selection.noun} shown`}
      checked={keys.length > 0 && chosen === keys.length}
      ref={(element) => {
        if (element) element.indeterminate = chosen > 0 && chosen < keys.length;
      }}
      onChange={(event) => selection.change(keys, event.target.checked)}
    />
  );
}

/** The rows a view shows: sorted by its column (unless the API sorted them), then its page of them. */
function viewedRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], view: ListView | undefined) {
  if (view === undefined) return rows;
  const sorted = columns.find(
    (column) => column.sort !== undefined && column.sort.key === view.sortKey,
  )?.sort;
  const ordered = sorted && view.apiSort === undefined ? sortRows(rows, sorted.value, view.direction) : rows;
  const shown = pageWindow(ordered.length, view.page, view.pageSize);
  return ordered.slice(shown.start, shown.end);
}

function SortHeader({ header, sortKey, view }: { header: ReactNode; sortKey: string; view: ListView }) {
  const sorted = view.sortKey === sortKey;
  return (
    <button type="button" className="sort-button" onClick={() => view.sortBy(sortKey)}>
      {header}
      <span aria-hidden="true">{sorted ? (view.direction === "ascending" ? " ▲" : " ▼") : " ↕"}</span>
      <span className="visually-hidden">
        {sorted
          ? `, sorted ${view.direction}; sort ${view.direction === "ascending" ? "descending" : "ascending"}`
          : ", sort"}
      </span>
    </button>
  );
}

function columnClass(column: { numeric?: boolean; className?: string }): string | undefined {
  const classes = [column.numeric ? "numeric" : undefined, column.className].filter(Boolean).join(" ");
  return classes === "" ? undefined : classes;
}

export function DataTable<Row>({
  label,
  rows,
  columns,
  rowKey,
  className,
  stacked = true,
  rowHeaders = true,
  footer,
  groupHeading,
  view,
  selection,
}: DataTableProps<Row>) {
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  const shownRows = viewedRows(rows, shown, view);
  const shownKeys = shownRows.map((row, index) => String(rowKey(row, index)));
  const headerIndex = rowHeaders
    ? Math.max(
        0,
        shown.findIndex((column) => column.rowHeader),
      )
    : -1;
  const tableClass = [className, stacked ? "stacked-on-phone" : undefined].filter(Boolean).join(" ");
  return (
    <TableScroll label={label}>
      <table className={tableClass === "" ? undefined : tableClass}>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="row-select">
                <span className="visually-hidden">Select</span>
                <SelectAllShown keys={shownKeys} selection={selection as TableSelection<never>} />
              </th>
            )}
            {shown.map((column, index) => (
              <th
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for the table's life
                key={index}
                scope="col"
                className={column.numeric ? "numeric" : undefined}
                aria-sort={
                  view && column.sort && view.sortKey === column.sort.key ? view.direction : undefined
                }
              >
                {view && column.sort ? (
                  <SortHeader header={column.header} sortKey={column.sort.key} view={view} />
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shownRows.map((row, rowIndex) => (
            <Fragment key={rowKey(row, rowIndex)}>
              {groupHeading?.(row, rowIndex) != null && (
                <tr className="group-heading">
                  <th scope="rowgroup" colSpan={shown.length + (selection ? 1 : 0)}>
                    {groupHeading(row, rowIndex)}
                  </th>
                </tr>
              )}
              <tr>
                {selection && (
                  <td className="row-select" data-label={stacked ? "Select" : undefined}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${selection.rowLabel(row)}`}
                      checked={selection.selected.has(String(rowKey(row, rowIndex)))}
                      onChange={(event) =>
                        selection.change([String(rowKey(row, rowIndex))], event.target.checked)
                      }
                    />
                  </td>
                )}
                {shown.map((column, index) => {
                  const content = column.cell(row, rowIndex);
                  if (index === headerIndex) {
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for the table's life
                      <th key={index} scope="row" className={columnClass(column)}>
                        {content}
                      </th>
                    );
                  }
                  const dataLabel =
                    column.label ?? (typeof column.header === "string" ? column.header : undefined);
                  return (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for the table's life
                      key={index}
                      data-label={stacked && dataLabel ? dataLabel : undefined}
                      className={columnClass(column)}
                    >
                      {content}
                    </td>
                  );
                })}
              </tr>
            </Fragment>
          ))}
        </tbody>
        {footer}
      </table>
    </TableScroll>
  );
}
