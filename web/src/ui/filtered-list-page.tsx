// A list page with filters in the address (customers, invoices, meters,
// events, subscriptions, the audit log): its heading and main action, the
// filter form, and the list with "Load more". An empty list says whether the
// filters or the environment are empty, and how to go on. The form's label and
// the loading and empty texts follow from the noun unless a page says otherwise.
// useFilteredList reads the filters from the address and asks the list route with them.
import type { ReactNode } from "react";
import { type ListItem, type ListPath, type PagedList, usePagedList } from "../api/queries.ts";
import type { QueryOf } from "../api/resources.ts";
import { Link } from "../routing/link.tsx";
import { CsvDownloadButton } from "./csv-download-button.tsx";
import { FilteredEmptyState, type FilterField, FilterForm, useFilters } from "./filter-form.tsx";
import { labelOptions } from "./form-field.tsx";
import type { ListView } from "./list-view.tsx";
import { PageHeader } from "./page-header.tsx";
import { PagedListView } from "./paged-list-view.tsx";

export type ListEmptyText = {
  /** "No meter matches these filters." unless told. */
  noMatch?: string;
  /** "No meters yet." unless told. */
  none?: string;
  /** What the list shows without filters ("every customer"), for a link that clears them. */
  clearShows?: string;
  /** Under `none`: how to make the first one. */
  hint?: ReactNode;
};

/** A list page's filter fields, whether any is set in the address, and the list asked with them. */
export type FilteredList<Item> = { fields: FilterField[]; filtered: boolean; list: PagedList<Item> };

/**
 * The list route's pages of `limit` items, asked with the filters in the
 * address, in the view's order when the API sorts by its column (`view.apiSort`).
 */
export function useFilteredList<Path extends ListPath>(
  path: Path,
  fields: FilterField<keyof QueryOf<Path> & string>[],
  limit: number,
  view?: ListView,
): FilteredList<ListItem<Path>> {
  const filters = useFilters<QueryOf<Path>>(fields);
  const sort = view?.apiSort === undefined ? {} : { sort: view.apiSort };
  const init = { params: { query: { ...filters.query, ...sort, limit } } };
  const list = (usePagedList as (path: Path, init: object) => PagedList<ListItem<Path>>)(path, init);
  return { fields, filtered: filters.filtered, list };
}

/** A "Status" filter choosing among a list's status labels, "Any status" first. */
export function statusFilter(
  labels: Record<string, string>,
  more: { value: string; label: string }[] = [],
): FilterField<"status"> {
  return {
    name: "status",
    label: "Status",
    options: [{ value: "", label: "Any status" }, ...labelOptions(labels), ...more],
  };
}

/**
 * An "archived" filter: what is in use (the default), or what was archived,
 * each choice named as the list says it: ["Active", "Archived"].
 */
export function archivedFilter(label: string, [inUse, archived]: [string, string]): FilterField<"archived"> {
  return {
    name: "archived",
    label,
    kind: "flag",
    options: [
      { value: "", label: inUse },
      { value: "true", label: archived },
    ],
  };
}

/** A filter by the customer a row belongs to. */
export const customerIdFilter: FilterField<"customer_id"> = {
  name: "customer_id",
  label: "Customer id",
  hint: "cus_…",
};

/** A filter by the invoice a row belongs to. */
export const invoiceIdFilter: FilterField<"invoice_id"> = {
  name: "invoice_id",
  label: "Invoice id",
  hint: "inv_…",
};

export function FilteredListPage<Item>({
  title,
  subtitle,
  create,
  basePath,
  filteredList: { fields, filtered, list },
  filterLabel,
  noun,
  loadingLabel,
  empty = {},
  beforeFilters,
  view,
  csv,
  children,
}: {
  title: string;
  subtitle: string;
  /** The page's main action ("New meter"), when the key may take it. */
  create?: { to: string; label: string } | false;
  basePath: string;
  filteredList: FilteredList<Item>;
  /** "Filter meters" unless told. */
  filterLabel?: string;
  /** The noun for one item and for several: ["meter", "meters"]. */
  noun: [string, string];
  /** "Loading meters…" unless told. */
  loadingLabel?: string;
  empty?: ListEmptyText;
  /** What the page shows above the filters (revenue by month). */
  beforeFilters?: ReactNode;
  /** Sorted, numbered pages kept in the address (give the same view to the page's DataTable). */
  view?: ListView;
  /** A "Download CSV" of the rows shown, above them: its header, and each row's cells (named after the path). */
  csv?: { header: readonly string[]; row: (item: Item) => readonly string[] };
  children: (items: Item[]) => ReactNode;
}) {
  const [one, several] = noun;
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          create && (
            <Link to={create.to} className="button button-primary">
              {create.label}
            </Link>
          )
        }
      />
      {beforeFilters}
      <FilterForm basePath={basePath} fields={fields} label={filterLabel ?? `Filter ${several}`} />
      <PagedListView
        list={list}
        noun={noun}
        loadingLabel={loadingLabel ?? `Loading ${several}…`}
        {...(view ? { view } : {})}
        empty={
          <FilteredEmptyState
            filtered={filtered}
            noMatch={empty.noMatch ?? `No ${one} matches these filters.`}
            none={empty.none ?? `No ${several} yet.`}
            {...(empty.clearShows ? { clear: { path: basePath, shows: empty.clearShows } } : {})}
          >
            {empty.hint}
          </FilteredEmptyState>
        }
      >
        {(items) => (
          <>
            {csv && (
              <CsvDownloadButton
                fileName={`${basePath.slice(1)}.csv`}
                what={`the ${several} shown`}
                header={csv.header}
                rows={items.map(csv.row)}
              />
            )}
            {children(items)}
          </>
        )}
      </PagedListView>
    </>
  );
}
