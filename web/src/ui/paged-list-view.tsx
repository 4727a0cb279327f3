// A list page's body: loading and error states, what to show when the list
// is empty, the items (usually a DataTable), and under them the count with
// "Load more", or the numbered pages of a list view. The loading text
// follows from the noun unless a page says otherwise.
import type { ReactNode } from "react";
import type { PagedList } from "../api/queries.ts";
import { ListFooter } from "./list-footer.tsx";
import { ListPager, type ListView } from "./list-view.tsx";
import { ResourceView } from "./resource-view.tsx";
import { EmptyState } from "./states.tsx";

export function PagedListView<Item>({
  list,
  noun,
  loadingLabel,
  empty,
  view,
  children,
}: {
  list: PagedList<Item>;
  /** The item's name, singular and plural, for "Showing 3 customers". */
  noun: [string, string];
  /** "Loading customers…" unless told. */
  loadingLabel?: string;
  /** What shows when there are none: the title of an empty state ("No keys."), or the element itself. */
  empty: ReactNode;
  /** Numbered pages (and sorting, by the table) instead of "Load more". */
  view?: ListView;
  children: (items: Item[]) => ReactNode;
}) {
  const none = typeof empty === "string" ? <EmptyState title={empty} /> : empty;
  return (
    <>
      <ResourceView resource={list} loadingLabel={loadingLabel ?? `Loading ${noun[1]}…`}>
        {(items) => (items.length === 0 ? none : children(items))}
      </ResourceView>
      {view ? <ListPager list={list} view={view} noun={noun} /> : <ListFooter list={list} noun={noun} />}
    </>
  );
}

/** A small "Refresh" button for a panel's list that others may change meanwhile (a queue, a log). */
export function RefreshButton({ onRefresh }: { onRefresh: () => void }) {
  return (
    <button type="button" className="button button-small" onClick={onRefresh}>
      Refresh
    </button>
  );
}
