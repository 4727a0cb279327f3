// A page opened from a signed link (the billing portal, a partner's
// statements): while the link's owner is read, a loading state; when the
// link has expired or was revoked, says so (a retry cannot help), and any
// other failure offers "Try again".
import type { ReactNode } from "react";
import type { ApiError } from "../api/api-error.ts";
import { ErrorState, LoadingState } from "./states.tsx";

export function SignedLinkPage<Owner>({
  title,
  owner,
  loadingLabel,
  afterError,
  children,
}: {
  /** The page's heading above a failure: "Billing portal". */
  title: string;
  /** The read of whom the link is for. */
  owner: { isPending: boolean; error: ApiError | null; data: Owner | undefined; refetch: () => unknown };
  loadingLabel: string;
  /** What follows a failure (a way back to the provider's app). */
  afterError?: ReactNode;
  children: (owner: Owner) => ReactNode;
}) {
  if (owner.isPending) {
    return (
      <main id="main" className="portal">
        <LoadingState label={loadingLabel} />
      </main>
    );
  }
  if (owner.error || owner.data === undefined) {
    const expired = owner.error?.status === 401;
    return (
      <main id="main" className="portal">
        <h1>{title}</h1>
        {owner.error && (
          <ErrorState
            error={owner.error}
            title={expired ? "This link no longer works" : undefined}
            onRetry={expired ? undefined : () => void owner.refetch()}
          />
        )}
        {afterError}
      </main>
    );
  }
  return children(owner.data);
}
