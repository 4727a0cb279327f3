// One GET of the portal API with its loading and error states, again on reload.
import { useCallback, useEffect, useState } from "react";
import type { ResourceState } from "../api/use-api.ts";
import { asApiError } from "../api/use-api.ts";
import { portalRequest } from "./portal-api.ts";

export function usePortalResource<Data>(path: string): { state: ResourceState<Data>; reload: () => void } {
  const [state, setState] = useState<ResourceState<Data>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is how reload asks for a new request
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    portalRequest<Data>("GET", path, { signal: controller.signal }).then(
      (data) => setState({ status: "ready", data }),
      (error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) {
          setState({ status: "error", error: asApiError(error) });
        }
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}
