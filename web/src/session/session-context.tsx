// Who the console is signed in as: a person (password, second factor or
// single sign-on, holding a session cookie) or, for development, an API key
// of the test environment. On load it asks the server who the stored key or
// the session cookie stands for; a 401 (now or on any later call) sends the
// console back to the sign-in page with the server's reason. Signing in or
// out empties the cache of API reads: what one person could see is not shown
// to the next.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, describeCaller, onUnauthorized } from "../api/api-client.ts";
import { type ApiError, asApiError } from "../api/api-error.ts";
import { answer } from "../api/typed-client.ts";
import {
  chooseEnvironment,
  type EnvironmentKind,
  forgetApiKey,
  storeApiKey,
  storedApiKey,
} from "./session-storage.ts";

type Me = Awaited<ReturnType<typeof describeCaller>>;
export type Permission = Me["permissions"][number];

export type ConsoleSession = {
  me: Me;
  environment: EnvironmentKind;
  role: NonNullable<Me["role"]> | "none";
  permissions: Permission[];
  /** The key or session of this console: what the API names as the actor of its changes. */
  credentialId: string;
  credentialType: Me["credential"]["type"];
  /** The person accountable for what this console does. */
  person: { id: string; name: string };
};

export type SessionState =
  | { status: "checking" }
  | { status: "signed-out"; message?: string }
  | { status: "unavailable"; error: ApiError }
  | { status: "signed-in"; session: ConsoleSession };

export type PasswordSignIn = { email: string; password: string; totpCode?: string };

type SessionValue = {
  state: SessionState;
  signIn: (apiKey: string) => Promise<void>;
  signInWithPassword: (credentials: PasswordSignIn) => Promise<void>;
  switchEnvironment: (environment: EnvironmentKind) => Promise<void>;
  signOut: () => void;
  retry: () => void;
};

const SessionContext = createContext<SessionValue | undefined>(undefined);

function sessionOf(me: Me): ConsoleSession {
  const person = me.user.owner ?? { id: me.user.id, name: me.user.name };
  return {
    me,
    environment: me.environment,
    role: me.role ?? "none",
    permissions: me.permissions,
    credentialId: me.credential.id,
    credentialType: me.credential.type,
    person: me.user.kind === "person" ? { id: me.user.id, name: me.user.name } : person,
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: "checking" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    onUnauthorized((detail) => {
      queryClient.clear();
      setState((previous) =>
        previous.status === "signed-in"
          ? { status: "signed-out", message: `You were signed out: ${detail}` }
          : previous,
      );
    });
  }, [queryClient]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is how retry asks for a new check
  useEffect(() => {
    let current = true;
    describeCaller().then(
      (me) => current && setState({ status: "signed-in", session: sessionOf(me) }),
      (error: unknown) => {
        const apiError = asApiError(error);
        if (!current) return;
        // No key and no session cookie (or one that ended): the sign-in page.
        if (apiError.status === 401) setState({ status: "signed-out" });
        else setState({ status: "unavailable", error: apiError });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const signIn = useCallback(
    async (apiKey: string) => {
      const me = await describeCaller(apiKey);
      if (me.environment !== "test") {
        throw new Error(
          "API-key sign-in is for development in the test environment: sign in with your email and password to use live.",
        );
      }
      storeApiKey(apiKey);
      queryClient.clear();
      setState({ status: "signed-in", session: sessionOf(me) });
    },
    [queryClient],
  );

  const signInWithPassword = useCallback(
    async ({ email, password, totpCode }: PasswordSignIn) => {
      const signedIn = await answer(
        api.POST("/v1/sign-in", {
          body: { email, password, ...(totpCode === undefined ? {} : { totp_code: totpCode }) },
        }),
      );
      forgetApiKey();
      chooseEnvironment(signedIn.me.environment);
      queryClient.clear();
      setState({ status: "signed-in", session: sessionOf(signedIn.me) });
    },
    [queryClient],
  );

  const switchEnvironment = useCallback(
    async (environment: EnvironmentKind) => {
      chooseEnvironment(environment);
      const me = await describeCaller();
      queryClient.clear();
      setState({ status: "signed-in", session: sessionOf(me) });
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    const usedKey = storedApiKey() !== undefined;
    forgetApiKey();
    chooseEnvironment(undefined);
    queryClient.clear();
    if (!usedKey) void api.POST("/v1/sign-out", {}).catch(() => {});
    setState({
      status: "signed-out",
      message: usedKey ? "You signed out. The key was removed from this browser tab." : "You signed out.",
    });
  }, [queryClient]);

  const retry = useCallback(() => {
    setState({ status: "checking" });
    setAttempt((value) => value + 1);
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signInWithPassword, switchEnvironment, signOut, retry }),
    [state, signIn, signInWithPassword, switchEnvironment, signOut, retry],
  );
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
