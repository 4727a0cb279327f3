// What a page shows for one read of the API: "Loading…" while it is asked,
// the API's explanation with "Try again" when it fails, and the data once it
// is there. Takes a useQuery result (or a paged list), so every page shows
// the three states the same way.
import { type QueryKey, type UseQueryOptions, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ApiError } from "../api/api-error.ts";
import { PageHeader } from "./page-header.tsx";
import { ErrorState, LoadingState } from "./states.tsx";

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
  children,
}: {
  resource: Resource<Data>;
  loadingLabel: string;
  children: (data: Data) => ReactNode;
}) {
  if (resource.status === "error" && resource.error) {
    return <ErrorState error={resource.error} onRetry={() => void resource.refetch()} />;
  }
  if (resource.status === "pending" || resource.data === undefined)
    return <LoadingState label={loadingLabel} />;
  return <>{children(resource.data)}</>;
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
