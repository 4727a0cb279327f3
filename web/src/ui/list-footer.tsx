// Under a list that has items: how many are shown, "Load more" while the API
// has a next page, and the error of a page that failed to load. An empty list
// says so itself.
import type { PagedList } from "../api/queries.ts";
import { ErrorState } from "./states.tsx";

export function ListFooter<Item>({ list, noun }: { list: PagedList<Item>; noun: [string, string] }) {
  if (list.status !== "success" || list.data === undefined || list.data.length === 0) return null;
  const count = list.data.length;
  return (
    <>
      <div className="list-footer">
        <p role="status" aria-live="polite">
          Showing {count} {count === 1 ? noun[0] : noun[1]}
          {list.hasMore ? "; more are available." : "."}
        </p>
        {list.hasMore && (
          <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? "Loading…" : "Load more"}
          </button>
        )}
      </div>
      {list.loadMoreError && <ErrorState error={list.loadMoreError} onRetry={list.loadMore} />}
    </>
  );
}
