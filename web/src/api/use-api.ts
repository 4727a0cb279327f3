// React hooks over apiRequest: one resource, or a cursor-paginated list with
// "Load more". Each exposes loading and error states so that every page can
// show them, and drops the answer of a request the page no longer wants.
import { useCallback, useEffect, useState } from "react";
import { ApiError, apiRequest } from "./api-client.ts";
import type { Page } from "./api-types.ts";

export type ResourceState<Data> =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | { status: "ready"; data: Data };

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: 0,
    code: "console_error",
    detail: error instanceof Error ? error.message : String(error),
  });
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** GETs `path` (nothing while it is null) and again whenever `reload` is called. */
export function useApiResource<Data>(path: string | null): {
  state: ResourceState<Data>;
  reload: () => void;
  replace: (data: Data) => void;
} {
  const [state, setState] = useState<ResourceState<Data>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is how reload asks for a new request
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState({ status: "loading" });
    apiRequest<Data>("GET", path, { signal: controller.signal }).then(
      (data) => setState({ status: "ready", data }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: "error", error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((data: Data) => setState({ status: "ready", data }), []);
  return { state, reload, replace };
}

export type PagedList<Item> = {
  state: ResourceState<Item[]>;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: ApiError | undefined;
  loadMore: () => void;
  reload: () => void;
};

/** A list route's pages, concatenated; `path` may carry its own query string. */
export function usePagedList<Item>(path: string): PagedList<Item> {
  const [state, setState] = useState<ResourceState<Item[]>>({ status: "loading" });
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ApiError | undefined>();
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is how reload asks for a new request
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    setNextCursor(null);
    setLoadMoreError(undefined);
    apiRequest<Page<Item>>("GET", path, { signal: controller.signal }).then(
      (page) => {
        setState({ status: "ready", data: page.data });
        setNextCursor(page.next_cursor);
      },
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: "error", error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const loadMore = useCallback(() => {
    if (nextCursor === null) return;
    const separator = path.includes("?") ? "&" : "?";
    setLoadingMore(true);
    setLoadMoreError(undefined);
    apiRequest<Page<Item>>("GET", `${path}${separator}cursor=${encodeURIComponent(nextCursor)}`)
      .then(
        (page) => {
          setState((previous) =>
            previous.status === "ready"
              ? { status: "ready", data: [...previous.data, ...page.data] }
              : previous,
          );
          setNextCursor(page.next_cursor);
        },
        (error: unknown) => setLoadMoreError(asApiError(error)),
      )
      .finally(() => setLoadingMore(false));
  }, [path, nextCursor]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, hasMore: nextCursor !== null, loadingMore, loadMoreError, loadMore, reload };
}

/**
 * Every item of a list route, page after page (up to `maximumPages`): for the
 * short lists a form chooses from, such as meters or features. Nothing is
 * asked while `path` is null.
 */
export function useAllPages<Item>(
  path: string | null,
  maximumPages = 10,
): ResourceState<Item[]> & { reload: () => void } {
  const [state, setState] = useState<ResourceState<Item[]>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is how reload asks for a new request
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState({ status: "loading" });
    const separator = path.includes("?") ? "&" : "?";
    const load = async () => {
      const items: Item[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < maximumPages; page += 1) {
        const cursorQuery: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
        const result: Page<Item> = await apiRequest<Page<Item>>(
          "GET",
          `${path}${separator}limit=100${cursorQuery}`,
          { signal: controller.signal },
        );
        items.push(...result.data);
        cursor = result.next_cursor;
        if (cursor === null) break;
      }
      return items;
    };
    load().then(
      (items) => setState({ status: "ready", data: items }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: "error", error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [path, maximumPages, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
