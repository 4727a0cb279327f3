// The cache of API reads that the console and the portal share (TanStack
// Query). Errors show at once, without retries, as they did when each page
// fetched for itself; a read is fetched again when a write invalidates it or
// a page asks, not when the window regains focus.
import { QueryClient } from "@tanstack/react-query";
import type { ApiError } from "./api-error.ts";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
