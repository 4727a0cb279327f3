// The customer's credits: what is usable now and what becomes usable later, per currency.

import type { CreditBalances, PortalProfile } from "../api/resources.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { ErrorState, LoadingState } from "../ui/states.tsx";
import { usePortalResource } from "./use-portal-resource.ts";

/** "0", "0.00": zero, read from the decimal string itself. */
function isZero(amount: string): boolean {
  return /^[-+]?0*(\.0*)?$/.test(amount);
}

export function PortalCredits({ profile }: { profile: PortalProfile }) {
  const { state, reload } = usePortalResource<CreditBalances>("/v1/portal/credit-balances");
  return (
    <section className="panel" aria-labelledby="portal-credits-heading">
      <h2 id="portal-credits-heading">Credits</h2>
      {state.status === "loading" && <LoadingState label="Loading your credits…" />}
      {state.status === "error" && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === "ready" &&
        (state.data.data.length === 0 ? (
          <p>You have no credits.</p>
        ) : (
          <dl className="portal-figures">
            {state.data.data.map((balance) => (
              <div className="portal-figure" key={balance.currency}>
                <dt>Available ({balance.currency})</dt>
                <dd>{formatMoney(balance.available, balance.currency, profile.locale)}</dd>
                {!isZero(balance.scheduled) && (
                  <dd className="muted">
                    and {formatMoney(balance.scheduled, balance.currency, profile.locale)} to come
                  </dd>
                )}
              </div>
            ))}
          </dl>
        ))}
    </section>
  );
}
