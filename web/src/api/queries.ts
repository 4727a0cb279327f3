// Reads and writes of the API through TanStack Query. A read is cached under
// its path template and parameters (["/v1/customers/{id}", { params }]), so
// every component that shows it shares one request; a write names the path
// templates it changes, and every cached read under them is fetched again.
// Pages use `useQuery(apiQuery(...))`, `usePagedList`, `useAllPages` and
// `useApiMutation`; each error is an ApiError.
import {
  type DataTag,
  type QueryKey,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { ClientPathsWithMethod, MaybeOptionalInit, MethodResponse } from "openapi-fetch";
import { api } from "./api-client.ts";
import { type ApiError, asApiError, isAbort } from "./api-error.ts";
import type { paths } from "./generated/openapi.ts";
import { answer, type FairbillClient } from "./typed-client.ts";

/** A path template of the document that answers GET, such as "/v1/customers/{id}". */
export type GetPath = ClientPathsWithMethod<FairbillClient, "get">;
type GetInit<Path extends GetPath> = MaybeOptionalInit<paths[Path], "get">;
/** What a GET of the path answers, as the document describes it. */
export type GetData<Path extends GetPath> = MethodResponse<FairbillClient, "get", Path>;
/** The parameters argument, required when the route has required parameters. */
type InitArgument<Init> = undefined extends Init ? [init?: Init] : [init: Init];

/** A list route: its answer is a page of items with the cursor of the next page. */
export type ListPath = {
  [Path in GetPath]: GetData<Path> extends { data: unknown[]; next_cursor: string | null } ? Path : never;
}[GetPath];
export type ListItem<Path extends ListPath> = GetData<Path>["data"][number];

type Page<Item> = { data: Item[]; next_cursor: string | null };
type Parameters = { params?: { query?: Record<string, unknown> } };

// Inside this module a path is a plain string: the functions that export it keep the types.
async function read(
  client: FairbillClient,
  path: string,
  init: Parameters | undefined,
  signal: AbortSignal,
): Promise<unknown> {
  const get = client.GET as unknown as (path: string, init: object) => Promise<{ data?: unknown }>;
  try {
    return (await get(path, { ...init, signal })).data;
  } catch (error) {
    throw isAbort(error) ? error : asApiError(error);
  }
}

function withQuery(init: Parameters | undefined, query: Record<string, unknown>): Parameters {
  return { ...init, params: { ...init?.params, query: { ...init?.params?.query, ...query } } };
}

/** Query options for one GET of `client`, for useQuery. */
export function queryOf(client: FairbillClient) {
  return <Path extends GetPath>(path: Path, ...[init]: InitArgument<GetInit<Path>>) =>
    queryOptions({
      queryKey: [path, init ?? {}] as const,
      queryFn: ({ signal }) => read(client, path, init as Parameters, signal) as Promise<GetData<Path>>,
    });
}

/** Query options for one GET of the console's API: `useQuery(apiQuery("/v1/customers/{id}", { params }))`. */
export const apiQuery = queryOf(api);

export type PagedList<Item> = {
  status: "pending" | "error" | "success";
  /** The items of every page loaded so far. */
  data: Item[] | undefined;
  error: ApiError | null;
  refetch: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError: ApiError | undefined;
  loadMore: () => void;
};

/** A list route's pages, newest first, with "Load more" over the API's cursor. */
export function usePagedList<Path extends ListPath>(
  path: Path,
  ...[init]: InitArgument<GetInit<Path>>
): PagedList<ListItem<Path>> {
  const query = useInfiniteQuery({
    queryKey: [path, init ?? {}, "pages"] as const,
    queryFn: ({ pageParam, signal }) =>
      read(
        api,
        path,
        pageParam === null ? (init as Parameters) : withQuery(init as Parameters, { cursor: pageParam }),
        signal,
      ) as Promise<Page<ListItem<Path>>>,
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
  });
  const data = query.data?.pages.flatMap((page) => page.data);
  const loadMoreFailed = query.isFetchNextPageError;
  return {
    status: data !== undefined && (loadMoreFailed || query.status === "success") ? "success" : query.status,
    data,
    error: loadMoreFailed ? null : query.error,
    refetch: () => void query.refetch(),
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMoreError: loadMoreFailed ? (query.error ?? undefined) : undefined,
    loadMore: () => void query.fetchNextPage(),
  };
}

/**
 * Every item of a list route, page after page (up to ten pages of 100): for
 * the short lists a form chooses from, such as meters or features. Nothing is
 * asked while `enabled` is false.
 */
export function useAllPages<Path extends ListPath>(
  path: Path,
  init?: GetInit<Path>,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: [path, init ?? {}, "all"] as const,
    enabled,
    queryFn: async ({ signal }) => {
      const items: ListItem<Path>[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const query: Record<string, unknown> = cursor === null ? { limit: 100 } : { limit: 100, cursor };
        const result = (await read(api, path, withQuery(init as Parameters, query), signal)) as Page<
          ListItem<Path>
        >;
        items.push(...result.data);
        cursor = result.next_cursor;
        if (cursor === null) break;
      }
      return items;
    },
  });
}

function isUnder(path: unknown, prefixes: readonly string[]): boolean {
  return (
    typeof path === "string" && prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
  );
}

/**
 * What a write does: one call of the API client, whose answer is the result
 * (`call: (values) => api.POST(...)`), or a function that makes its own
 * calls and gives the result (`write`).
 */
type Writing<Variables, Result> =
  | { call: (variables: Variables) => Promise<{ data?: Result; response: Response }> }
  | { write: (variables: Variables) => Promise<Result> };

/** A write and what it changes: see useApiMutation. */
export type ApiWrite<Variables, Result> = Writing<Variables, Result> & {
  invalidates: readonly (keyof paths)[] | "all";
  answers?: { queryKey: DataTag<QueryKey, Result, ApiError> };
};

/**
 * A write, through useMutation. When it succeeds, every cached read under the
 * path templates it `invalidates` (a template and the ones below it:
 * "/v1/customers/{id}" covers "/v1/customers/{id}/wallets") is fetched again,
 * and so is the audit log, which records every write. A write that can
 * change anything (the test clock bills whatever is due) invalidates "all";
 * one that changes nothing (a simulation) invalidates []. A write that
 * answers with the object as it now is (an invoice just finalized) names the
 * read of that object in `answers`, which shows the answer at once.
 */
export function useApiMutation<Variables = void, Result = unknown>({
  invalidates,
  answers,
  onSuccess,
  ...writing
}: ApiWrite<Variables, Result> & {
  onSuccess?: (result: Result, variables: Variables) => void;
}) {
  const client = useQueryClient();
  return useMutation<Result, ApiError, Variables>({
    mutationFn: async (variables) => {
      try {
        return await ("call" in writing ? answer(writing.call(variables)) : writing.write(variables));
      } catch (error) {
        throw asApiError(error);
      }
    },
    onSuccess: (result, variables) => {
      if (answers) client.setQueryData(answers.queryKey, result);
      if (invalidates === "all") {
        void client.invalidateQueries();
      } else if (invalidates.length > 0) {
        const prefixes: string[] = [...invalidates, "/v1/audit-events"];
        void client.invalidateQueries({ predicate: (query) => isUnder(query.queryKey[0], prefixes) });
      }
      onSuccess?.(result, variables);
    },
  });
}
