// A list page with filters in the address (customers, invoices, meters,
// events, subscriptions, the audit log): its heading and main action, the
// filter form, and the list with "Load more". An empty list says whether the
// filters or the environment are empty, and how to go on. The form's label and
// the loading and empty texts follow from the noun unless a page says otherwise.
import type { ReactNode } from "react";
import type { PagedList } from "../api/queries.ts";
import { Link } from "../routing/link.tsx";
import { FilteredEmptyState, type FilterField, FilterForm } from "./filter-form.tsx";
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

export function FilteredListPage<Item>({
  title,
  subtitle,
  create,
  basePath,
  fields,
  filterLabel,
  filtered,
  list,
  noun,
  loadingLabel,
  empty = {},
  beforeFilters,
  view,
  children,
}: {
  title: string;
  subtitle: string;
  /** The page's main action ("New meter"), when the key may take it. */
  create?: { to: string; label: string } | false;
  basePath: string;
  fields: FilterField[];
  /** "Filter meters" unless told. */
  filterLabel?: string;
  filtered: boolean;
  list: PagedList<Item>;
  /** The noun for one item and for several: ["meter", "meters"]. */
  noun: [string, string];
  /** "Loading meters…" unless told. */
  loadingLabel?: string;
  empty?: ListEmptyText;
  /** What the page shows above the filters (revenue by month). */
  beforeFilters?: ReactNode;
  /** Sorted, numbered pages kept in the address (give the same view to the page's DataTable). */
  view?: ListView;
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
        {children}
      </PagedListView>
    </>
  );
}
