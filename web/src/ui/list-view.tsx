// How a main list is shown (customers, invoices, subscriptions, payments):
// sorted by a column and cut into numbered pages, both kept in the address
// beside the filters (?sort=total&order=descending&page=2), so that a sorted
// page survives a reload and can be shared. A column the API sorts by (its
// list's `sort` parameter) is sorted by the API, across every page; another
// column orders the rows loaded so far. The next page past the last loaded
// one asks the API for more.
import { useEffect } from "react";
import type { PagedList } from "../api/queries.ts";
import { pageNumber, pageWindow, type SortDirection } from "../format/list-order.ts";
import { navigate, useLocation } from "../routing/router.ts";
import { ErrorState } from "./states.tsx";

export type ListView = {
  /** The column sorted by (its sortKey), or undefined for the API's order (newest first). */
  sortKey: string | undefined;
  direction: SortDirection;
  /** The list route's `sort` for this column and direction ("-total"), when the API sorts by it; else undefined. */
  apiSort: string | undefined;
  /** 1-based, as the address says; the table shows the last page when it is past the end. */
  page: number;
  pageSize: number;
  /** Sorts by a column: ascending first, descending when it is sorted ascending already. */
  sortBy: (sortKey: string) => void;
  goTo: (page: number) => void;
};

/**
 * The view of a list in the address; `apiSorts` names, for each column the
 * list route sorts by, its field there (`{ total: "total", issued: "issued_at" }`).
 */
export function useListView(pageSize: number, apiSorts: Readonly<Record<string, string>> = {}): ListView {
  const { path, query } = useLocation();
  const sortKey = query.get("sort") ?? undefined;
  const direction: SortDirection = query.get("order") === "descending" ? "descending" : "ascending";
  const apiField = sortKey === undefined ? undefined : apiSorts[sortKey];
  const go = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(query);
    change(next);
    const text = next.toString();
    navigate(text === "" ? path : `${path}?${text}`, { replace: true });
  };
  return {
    sortKey,
    direction,
    apiSort: apiField === undefined ? undefined : `${direction === "descending" ? "-" : ""}${apiField}`,
    page: pageNumber(query.get("page")),
    pageSize,
    sortBy: (key) =>
      go((next) => {
        next.set("sort", key);
        next.set("order", sortKey === key && direction === "ascending" ? "descending" : "ascending");
        next.delete("page");
      }),
    goTo: (page) =>
      go((next) => {
        if (page <= 1) next.delete("page");
        else next.set("page", String(page));
      }),
  };
}

/**
 * Under a paged table: which rows are shown of how many are loaded, the
 * numbered pages, Previous and Next; Next past the last loaded page asks the
 * API for more. An address that names a page not loaded yet loads up to it.
 */
export function ListPager<Item>({
  list,
  view,
  noun,
}: {
  list: PagedList<Item>;
  view: ListView;
  noun: [string, string];
}) {
  const total = list.data?.length ?? 0;
  const shown = pageWindow(total, view.page, view.pageSize);
  const wantsMore = view.page > shown.pages && list.hasMore;
  const { loadingMore, loadMore } = list;
  useEffect(() => {
    if (wantsMore && !loadingMore) loadMore();
  }, [wantsMore, loadingMore, loadMore]);

  if (list.status !== "success" || total === 0) return null;
  const lastLoaded = shown.page === shown.pages;
  const next = () => {
    if (lastLoaded && list.hasMore) list.loadMore();
    view.goTo(shown.page + 1);
  };
  return (
    <>
      <nav className="list-footer list-pager" aria-label={`Pages of ${noun[1]}`}>
        <p role="status" aria-live="polite">
          Showing {noun[1]} {shown.start + 1}–{shown.end} of {total} loaded
          {list.hasMore ? "; more are available." : "."}
          {view.sortKey !== undefined &&
            view.apiSort === undefined &&
            list.hasMore &&
            " The sort orders the loaded ones."}
        </p>
        <ul className="pager-pages">
          <li>
            <button
              type="button"
              className="button"
              disabled={shown.page === 1}
              onClick={() => view.goTo(shown.page - 1)}
            >
              Previous
            </button>
          </li>
          {Array.from({ length: shown.pages }, (_, index) => index + 1).map((page) => (
            <li key={page}>
              <button
                type="button"
                className={page === shown.page ? "button button-primary" : "button"}
                aria-current={page === shown.page ? "page" : undefined}
                aria-label={`Page ${page}`}
                onClick={() => view.goTo(page)}
              >
                {page}
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="button"
              disabled={(lastLoaded && !list.hasMore) || list.loadingMore}
              onClick={next}
            >
              {list.loadingMore ? "Loading…" : "Next"}
            </button>
          </li>
        </ul>
      </nav>
      {list.loadMoreError && <ErrorState error={list.loadMoreError} onRetry={list.loadMore} />}
    </>
  );
}
