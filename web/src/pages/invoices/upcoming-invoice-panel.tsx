// A customer's upcoming invoice as it stands now, on a contract's or a
// subscription's page: "No upcoming invoice." when the API has none to
// preview (404), and otherwise what the page shows of it.
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { apiQuery, type GetData } from "../../api/queries.ts";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";

type UpcomingInvoice = GetData<"/v1/customers/{id}/upcoming-invoice">;

export function UpcomingInvoicePanel({
  customerId,
  subscriptionId,
  nothingBilled,
  children,
}: {
  customerId: string;
  /** Only this subscription's charges. */
  subscriptionId?: string;
  /** Why nothing more is billed, shown without asking (a subscription that has ended). */
  nothingBilled?: string | false;
  children: (upcoming: UpcomingInvoice) => ReactNode;
}) {
  const preview = useQuery({
    ...apiQuery("/v1/customers/{id}/upcoming-invoice", {
      params: {
        path: { id: customerId },
        ...(subscriptionId === undefined ? {} : { query: { subscription_id: subscriptionId } }),
      },
    }),
    enabled: !nothingBilled,
  });
  return (
    <Panel title="Upcoming invoice">
      {nothingBilled ? (
        <EmptyState title={nothingBilled} />
      ) : preview.error?.status === 404 ? (
        <EmptyState title="No upcoming invoice." />
      ) : (
        <ResourceView resource={preview} loadingLabel="Computing the upcoming invoice…">
          {children}
        </ResourceView>
      )}
    </Panel>
  );
}
