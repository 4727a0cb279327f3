// A partner's statements at /partner/, opened by the signed link billing
// operations send (POST /v1/partners/{id}/statement-links): each approved
// statement with every line and the invoice or payment behind it, downloaded
// as CSV or PDF. The token travels in the fragment and is kept for this tab
// only, like the customer portal's.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { GetData } from "../api/queries.ts";
import { queryOf } from "../api/queries.ts";
import { answer, createFairbillClient } from "../api/typed-client.ts";
import { formatDateTime } from "../format/date-format.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { DataTable } from "../ui/data-table.tsx";
import { DownloadButton } from "../ui/download-button.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { SignedLinkPage } from "../ui/signed-link-page.tsx";
import "../portal/portal.css";

type Statement = GetData<"/v1/partner-view/statements">["data"][number];

let partnerToken: string | undefined;

const partnerApi = createFairbillClient({
  authorization: () => (partnerToken === undefined ? undefined : `Partner ${partnerToken}`),
  idempotencyKeys: false,
  unreachable: "The statements page could not reach the server. Check your connection and try again.",
});
const partnerQuery = queryOf(partnerApi);

const storageKey = "fairbill.partner-link";

/** The token of a link just opened (taken out of the address bar), else the one this tab holds. */
function takeToken(): string | undefined {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  try {
    if (token !== null && token !== "") {
      window.sessionStorage.setItem(storageKey, token);
      window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
      return token;
    }
    return window.sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    // Storage refused: the token lives as long as the page.
    return token ?? undefined;
  }
}

const statusLabels: Record<Statement["status"], string> = {
  draft: "Draft",
  approved: "Approved",
  paid: "Paid",
};

export default function PartnerViewApp() {
  const [token] = useState(() => {
    partnerToken = takeToken();
    return partnerToken;
  });
  if (token === undefined) {
    return (
      <main id="main" className="portal">
        <h1>Partner statements</h1>
        <p>This page opens from the link your contact sends you. Ask them for a new link.</p>
      </main>
    );
  }
  return <PartnerStatements />;
}

function PartnerStatements() {
  const me = useQuery(partnerQuery("/v1/partner-view/me"));
  const statements = useQuery(partnerQuery("/v1/partner-view/statements"));
  return (
    <SignedLinkPage title="Partner statements" owner={me} loadingLabel="Opening your statements…">
      {(partner) => (
        <main id="main" className="portal">
          <header className="portal-header">
            <h1>Statements for {partner.name}</h1>
          </header>
          <ResourceView
            resource={statements}
            loadingLabel="Loading your statements…"
            empty={
              <Panel title="Statements">
                <p>No approved statement yet.</p>
              </Panel>
            }
          >
            {({ data }) =>
              data.map((statement) => <StatementPanel key={statement.id} statement={statement} />)
            }
          </ResourceView>
        </main>
      )}
    </SignedLinkPage>
  );
}

function StatementPanel({ statement }: { statement: Statement }) {
  const money = (amount: string) => formatMoney(amount, statement.currency);
  const paid = statement.paid_at === null ? "" : `, paid ${formatDateTime(statement.paid_at)}`;
  return (
    <Panel title={`Statement ${statement.period}`}>
      <p>
        {statusLabels[statement.status]}
        {paid}. Total {money(statement.total)}.
      </p>
      <DataTable
        label={`Lines of the ${statement.period} statement`}
        stacked={false}
        rowHeaders={false}
        rows={statement.lines}
        rowKey={(line) => `${line.kind}-${line.source.type}-${line.source.id}-${line.description}`}
        columns={[
          { header: "Line", cell: (line) => line.description },
          { header: "Source", cell: (line) => `${line.source.type} ${line.source.reference}` },
          { header: "Amount", numeric: true, cell: (line) => money(line.amount) },
        ]}
      />
      <p>
        {(["csv", "pdf"] as const).map((format) => (
          <DownloadButton
            key={format}
            download={() =>
              answer(
                partnerApi.GET(`/v1/partner-view/statements/{id}/${format}`, {
                  params: { path: { id: statement.id } },
                  parseAs: "blob",
                }),
              )
            }
            fileName={`${statement.period}.${format}`}
            label={format.toUpperCase()}
            accessibleName={`Download the ${statement.period} statement as ${format.toUpperCase()}`}
            small
          />
        ))}
      </p>
    </Panel>
  );
}
