// Who the console is signed in as. On load it checks the stored key with the
// server; a key the server refuses (now or on any later call) sends the
// console back to the sign-in page with the server's reason.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type ApiError, apiRequest, onUnauthorized } from "../api/api-client.ts";
import type { ConsoleSession } from "../api/api-types.ts";
import { asApiError } from "../api/use-api.ts";
import { forgetApiKey, storeApiKey, storedApiKey } from "./session-storage.ts";

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

const sessionPath = "/console/session";

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    storedApiKey() === undefined ? { status: "signed-out" } : { status: "checking" },
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    onUnauthorized((detail) => setState({ status: "signed-out", message: `You were signed out: ${detail}` }));
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is how retry asks for a new check
  useEffect(() => {
    if (storedApiKey() === undefined) return;
    let current = true;
    apiRequest<ConsoleSession>("GET", sessionPath).then(
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

  const signIn = useCallback(async (apiKey: string) => {
    const session = await apiRequest<ConsoleSession>("GET", sessionPath, { apiKey });
    storeApiKey(apiKey);
    setState({ status: "signed-in", session });
  }, []);

  const signOut = useCallback(() => {
    forgetApiKey();
    setState({ status: "signed-out", message: "You signed out. The key was removed from this browser tab." });
  }, []);

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

export function can(session: ConsoleSession, permission: string): boolean {
  return session.permissions.includes(permission);
}
