// The customer's allowances (1,000 credits a month, say): for each unit, what
// the last closed period granted, carried in, used and let expire, and the
// balance it carried into the period under way. Shown only when the customer
// has an allowance.
import { useQuery } from "@tanstack/react-query";
import type { PortalProfile } from "../api/resources.ts";
import { formatDateTime } from "../format/date-format.ts";
import { formatQuantity } from "../format/decimal-format.ts";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalQuery } from "./portal-api.ts";

export function PortalAllowances({ profile }: { profile: PortalProfile }) {
  const allowances = useQuery(portalQuery("/v1/portal/allowances"));
  if (allowances.data?.data.length === 0) return null;
  return (
    <Panel title="Allowances">
      <ResourceView resource={allowances} loadingLabel="Loading your allowances…">
        {({ data }) => (
          <dl className="portal-figures">
            {data.map((allowance) => {
              const units = (amount: string) => `${formatQuantity(amount, profile.locale)} ${allowance.unit}`;
              return (
                <div className="portal-figure" key={`${allowance.subscription_id} ${allowance.unit}`}>
                  <dt>Carried into this period ({allowance.unit})</dt>
                  <dd>{units(allowance.balance)}</dd>
                  <dd className="muted">
                    Period to {formatDateTime(allowance.as_of, profile.locale, profile.timezone)}:{" "}
                    {units(allowance.granted)} granted and {units(allowance.rolled_over)} carried in,{" "}
                    {units(allowance.used)} used, {units(allowance.expired)} expired.
                  </dd>
                </div>
              );
            })}
          </dl>
        )}
      </ResourceView>
    </Panel>
  );
}
