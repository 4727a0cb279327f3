// Who the console is signed in as. On load it checks the stored key with the
// server; a key the server refuses (now or on any later call) sends the
// console back to the sign-in page with the server's reason. Signing in or
// out empties the cache of API reads: what one key could see is not shown to
// the next.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { describeApiKey, onUnauthorized } from "../api/api-client.ts";
import { type ApiError, asApiError } from "../api/api-error.ts";
import { forgetApiKey, storeApiKey, storedApiKey } from "./session-storage.ts";

export type ConsoleSession = Awaited<ReturnType<typeof describeApiKey>>;
export type Permission = ConsoleSession["permissions"][number];

export type SessionState =
  | { status: "checking" }
  | { status: "signed-out"; message?: string }
  | { status: "unavailable"; error: ApiError }
  | { status: "signed-in"; session: ConsoleSession };

type SessionValue = {
  state: SessionState;
  signIn: (apiKey: string) => Promise<void>;
  signOut: () => void;
  retry: () => void;
};

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>(() =>
    storedApiKey() === undefined ? { status: "signed-out" } : { status: "checking" },
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    onUnauthorized((detail) => {
      queryClient.clear();
      setState({ status: "signed-out", message: `You were signed out: ${detail}` });
    });
  }, [queryClient]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is how retry asks for a new check
  useEffect(() => {
    if (storedApiKey() === undefined) return;
    let current = true;
    describeApiKey().then(
      (session) => current && setState({ status: "signed-in", session }),
      (error: unknown) => {
        const apiError = asApiError(error);
        // A 401 already signed the console out through onUnauthorized.
        if (current && apiError.status !== 401) setState({ status: "unavailable", error: apiError });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const signIn = useCallback(
    async (apiKey: string) => {
      const session = await describeApiKey(apiKey);
      storeApiKey(apiKey);
      queryClient.clear();
      setState({ status: "signed-in", session });
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    forgetApiKey();
    queryClient.clear();
    setState({ status: "signed-out", message: "You signed out. The key was removed from this browser tab." });
  }, [queryClient]);

  const retry = useCallback(() => {
    setState({ status: "checking" });
    setAttempt((value) => value + 1);
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error("useSession needs a SessionProvider above it");
  return value;
}

/** The signed-in session; only for pages shown after sign-in. */
export function useSignedInSession(): ConsoleSession {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("This page needs a signed-in session");
  return state.session;
}

export function can(session: ConsoleSession, permission: Permission): boolean {
  return session.permissions.includes(permission);
}
