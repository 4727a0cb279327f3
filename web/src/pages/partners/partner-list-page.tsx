// Partners: resellers, referral partners, marketplaces and installers, each
// opening its page of agreements and settlement statements.
import { useAllPages } from "../../api/queries.ts";
import { Link } from "../../routing/link.tsx";
import { partnerPath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";

export const partnerKindLabels = {
  reseller: "Reseller",
  referral: "Referral partner",
  marketplace: "Marketplace",
  installer: "Installer",
} as const;

export function PartnerListPage() {
  const partners = useAllPages("/v1/partners");
  return (
    <>
      <PageHeader
        title="Partners"
        subtitle="Partners paid under their agreements: monthly statements, approved by a second person, then paid."
      />
      <Panel title="All partners">
        <ResourceView
          resource={partners}
          loadingLabel="Loading the partners…"
          empty={
            <EmptyState title="No partners yet.">
              <p>Partners and their agreements are created through the API (POST /v1/partners).</p>
            </EmptyState>
          }
        >
          {(loaded) => (
            <DataTable
              label="Partners table"
              rows={loaded}
              rowKey={(partner) => partner.id}
              columns={[
                {
                  header: "Partner",
                  cell: (partner) => (
                    <>
                      <Link to={partnerPath(partner.id)}>{partner.name}</Link>
                      <code className="actor-id">{partner.code}</code>
                    </>
                  ),
                },
                { header: "Kind", cell: (partner) => partnerKindLabels[partner.kind] },
                { header: "Currency", cell: (partner) => partner.currency },
                { header: "Email", cell: (partner) => partner.email ?? "—" },
              ]}
            />
          )}
        </ResourceView>
      </Panel>
    </>
  );
}
