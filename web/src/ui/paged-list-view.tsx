// A list page's body: loading and error states, what to show when the list
// is empty, the items (usually a DataTable), and under them the count with
// "Load more".
import type { ReactNode } from "react";
import type { PagedList } from "../api/queries.ts";
import { ListFooter } from "./list-footer.tsx";
import { ResourceView } from "./resource-view.tsx";

export function PagedListView<Item>({
  list,
  noun,
  loadingLabel,
  empty,
  children,
}: {
  list: PagedList<Item>;
  /** The item's name, singular and plural, for "Showing 3 customers". */
  noun: [string, string];
  loadingLabel: string;
  empty: ReactNode;
  children: (items: Item[]) => ReactNode;
}) {
  return (
    <>
      <ResourceView resource={list} loadingLabel={loadingLabel}>
        {(items) => (items.length === 0 ? empty : children(items))}
      </ResourceView>
      <ListFooter list={list} noun={noun} />
    </>
  );
}
