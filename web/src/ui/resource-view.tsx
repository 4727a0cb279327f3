// What a page shows for one read of the API: "Loading…" while it is asked,
// the API's explanation with "Try again" when it fails, and the data once it
// is there. Takes a useQuery result (or a paged list), so every page shows
// the three states the same way. A list read may say what shows when it is empty.
import { type QueryKey, type UseQueryOptions, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ApiError } from "../api/api-error.ts";
import { PageHeader } from "./page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "./states.tsx";

/** The part of a useQuery result that a page shows. */
export type Resource<Data> = {
  status: "pending" | "error" | "success";
  data: Data | undefined;
  error: ApiError | null;
  refetch: () => unknown;
};

export function ResourceView<Data>({
  resource,
  loadingLabel,
  empty,
  children,
}: {
  resource: Resource<Data>;
  loadingLabel: string;
  /**
   * What shows in place of a list (or a list route's page) with nothing in it:
   * the title of an empty state ("No open sessions."), or the element itself.
   */
  empty?: ReactNode;
  children: (data: Data) => ReactNode;
}) {
  if (resource.status === "error" && resource.error) {
    return <ErrorState error={resource.error} onRetry={() => void resource.refetch()} />;
  }
  if (resource.status === "pending" || resource.data === undefined)
    return <LoadingState label={loadingLabel} />;
  if (empty !== undefined && isEmptyList(resource.data)) {
    return typeof empty === "string" ? <EmptyState title={empty} /> : empty;
  }
  return <>{children(resource.data)}</>;
}

function isEmptyList(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  const items = typeof data === "object" && data !== null && "data" in data ? data.data : undefined;
  return Array.isArray(items) && items.length === 0;
}

/**
 * A page about one object (a customer, a plan), read with `query`: until the
 * object is read, a heading that names its kind above the loading or error
 * state; then the page itself, which brings its own heading. The router
 * (app.tsx) reads each object page's object this way.
 */
export function ResourcePage<Data, Key extends QueryKey>({
  query,
  title,
  loadingLabel,
  children,
}: {
  query: UseQueryOptions<Data, ApiError, Data, Key>;
  /** The heading while the object is not read yet: "Customer". */
  title: string;
  loadingLabel: string;
  children: (data: Data) => ReactNode;
}) {
  const resource = useQuery(query);
  if (resource.status === "success") return <>{children(resource.data)}</>;
  return (
    <>
      <PageHeader title={title} />
      <ResourceView resource={resource} loadingLabel={loadingLabel}>
        {() => null}
      </ResourceView>
    </>
  );
}
