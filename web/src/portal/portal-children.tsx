// A parent account's child accounts (account hierarchies): each with what it
// still owes and its latest invoice, and, opened, its invoices with their
// PDFs, read-only (a child's invoices are paid from the child's own portal).
// Shown only to a customer that has children.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { GetData } from "../api/queries.ts";
import type { PortalProfile } from "../api/resources.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { DataTable } from "../ui/data-table.tsx";
import { DisclosureButton } from "../ui/disclosure-button.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalQuery } from "./portal-api.ts";
import { issuedOn, PdfButton, PortalInvoiceTable } from "./portal-invoices.tsx";

type Child = GetData<"/v1/portal/children">["data"][number];

export function PortalChildren({ profile }: { profile: PortalProfile }) {
  const children = useQuery(portalQuery("/v1/portal/children"));
  const [opened, setOpened] = useState<string | undefined>();
  if (children.data?.data.length === 0) return null;
  const balance = (child: Child) =>
    child.open_balances.length === 0
      ? "Nothing owed"
      : child.open_balances.map((owed) => formatMoney(owed.amount, owed.currency, profile.locale)).join(", ");
  return (
    <Panel title="Child accounts">
      <ResourceView resource={children} loadingLabel="Loading your child accounts…">
        {({ data }) => (
          <>
            <DataTable
              label="Child accounts"
              rows={data}
              rowKey={(child) => child.customer_id}
              columns={[
                { header: "Account", cell: (child) => child.name ?? child.customer_id },
                { header: "Open balance", numeric: true, cell: balance },
                {
                  header: "Latest invoice",
                  cell: (child) => {
                    const latest = child.latest_invoices[0];
                    return latest === undefined
                      ? "None yet"
                      : `${latest.number ?? latest.id}, ${issuedOn(latest.issued_at, profile)}`;
                  },
                },
                {
                  header: <span className="visually-hidden">Actions</span>,
                  label: "Actions",
                  cell: (child) => (
                    <DisclosureButton
                      open={opened === child.customer_id}
                      onToggle={() => setOpened(opened === child.customer_id ? undefined : child.customer_id)}
                      small
                    >
                      {opened === child.customer_id ? "Hide" : "Show"} invoices
                      <span className="visually-hidden"> of {child.name ?? child.customer_id}</span>
                    </DisclosureButton>
                  ),
                },
              ]}
            />
            {data
              .filter((child) => child.customer_id === opened)
              .map((child) => (
                <ChildInvoices key={child.customer_id} child={child} profile={profile} />
              ))}
          </>
        )}
      </ResourceView>
    </Panel>
  );
}

function ChildInvoices({ child, profile }: { child: Child; profile: PortalProfile }) {
  const name = child.name ?? child.customer_id;
  const invoices = useQuery(
    portalQuery("/v1/portal/children/{id}/invoices", {
      params: { path: { id: child.customer_id }, query: { limit: 50 } },
    }),
  );
  return (
    <ResourceView
      resource={invoices}
      loadingLabel={`Loading the invoices of ${name}…`}
      empty={<p>{name} has no invoices yet.</p>}
    >
      {({ data }) => (
        <PortalInvoiceTable
          label={`Invoices of ${name}`}
          invoices={data}
          profile={profile}
          actions={(invoice) => <PdfButton invoice={invoice} />}
        />
      )}
    </ResourceView>
  );
}
