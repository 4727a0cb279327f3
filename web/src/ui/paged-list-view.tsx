// A list page's body: loading and error states, what to show when the list
// is empty, the items (usually a DataTable), and under them the count with
// "Load more", or the numbered pages of a list view.
import type { ReactNode } from "react";
import type { PagedList } from "../api/queries.ts";
import { ListFooter } from "./list-footer.tsx";
import { ListPager, type ListView } from "./list-view.tsx";
import { ResourceView } from "./resource-view.tsx";

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
  loadingLabel: string;
  empty: ReactNode;
  /** Numbered pages (and sorting, by the table) instead of "Load more". */
  view?: ListView;
  children: (items: Item[]) => ReactNode;
}) {
  return (
    <>
      <ResourceView resource={list} loadingLabel={loadingLabel}>
        {(items) => (items.length === 0 ? empty : children(items))}
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
