// The customer's credits: what is usable now and what becomes usable later, per currency.
import { useQuery } from "@tanstack/react-query";
import type { PortalProfile } from "../api/resources.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalQuery } from "./portal-api.ts";
import { PortalWallets } from "./portal-wallets.tsx";

/** "0", "0.00": zero, read from the decimal string itself. */
function isZero(amount: string): boolean {
  return /^[-+]?0*(\.0*)?$/.test(amount);
}

export function PortalCredits({ profile }: { profile: PortalProfile }) {
  const balances = useQuery(portalQuery("/v1/portal/credit-balances"));
  return (
    <Panel title="Credits">
      <ResourceView
        resource={balances}
        loadingLabel="Loading your credits…"
        empty={<p>You have no credits.</p>}
      >
        {({ data }) => (
          <dl className="portal-figures">
            {data.map((balance) => (
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
        )}
      </ResourceView>
      <PortalWallets profile={profile} />
    </Panel>
  );
}
