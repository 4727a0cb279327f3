// One partner: its agreements, and its settlement statements with every line
// and the invoice, payment or document behind it. A draft is approved here by
// another person than the one who computed it (four-eyes), an approved one
// recorded as paid; each downloads as CSV or PDF. A signed link lets the
// partner read its approved statements itself. A second tab holds the
// partner's external sales: the upload and the sales no statement matches.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { GetData, ListItem } from "../../api/queries.ts";
import { apiQuery, useAllPages, useApiMutation } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { invoicePath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Detail } from "../../ui/detail.tsx";
import { DownloadButton } from "../../ui/download-button.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { SecretPanel } from "../../ui/secret-panel.tsx";
import { EmptyState, ErrorState } from "../../ui/states.tsx";
import { PartnerExternalSales } from "./partner-external-sales.tsx";
import { partnerKindLabels } from "./partner-list-page.tsx";

type Partner = GetData<"/v1/partners/{id}">;
type Agreement = GetData<"/v1/partners/{id}/agreements">["data"][number];
type Settlement = ListItem<"/v1/partner-settlements">;
type SettlementLine = Settlement["lines"][number];

const statusLabels: Record<Settlement["status"], string> = {
  draft: "Draft, waiting for approval",
  approved: "Approved, to be paid",
  paid: "Paid",
};

const lineKindLabels: Record<SettlementLine["kind"], string> = {
  revenue_share: "Revenue share",
  activation_fee: "Activation fee",
  minimum_guarantee: "Minimum guarantee",
  clawback: "Clawback",
  adjustment: "Adjustment",
};

export function PartnerPage({ partner }: { partner: Partner }) {
  const agreements = useQuery(
    apiQuery("/v1/partners/{id}/agreements", { params: { path: { id: partner.id } } }),
  );
  const settlements = useAllPages("/v1/partner-settlements", {
    params: { query: { partner_id: partner.id } },
  });
  const [outcome, setOutcome] = useState("");
  const [tab, setTab] = useState<"statements" | "external-sales">("statements");
  return (
    <>
      <PageHeader
        title={partner.name}
        subtitle={`${partnerKindLabels[partner.kind]} · ${partner.currency}`}
      />
      <OutcomeMessage message={outcome} />
      <Panel title="Details">
        <dl className="details">
          <Detail term="Code">
            <code>{partner.code}</code>
          </Detail>
          <Detail term="Email">{partner.email}</Detail>
          <Detail term="Partner since">{formatDateTime(partner.created_at)}</Detail>
        </dl>
        <StatementLink partner={partner} />
      </Panel>
      <div className="tab-list" role="tablist" aria-label="Partner sections">
        {(
          [
            ["statements", "Agreements and statements"],
            ["external-sales", "External sales"],
          ] as const
        ).map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`partner-tab-${key}`}
            aria-selected={tab === key}
            aria-controls={tab === key ? `partner-tab-panel-${key}` : undefined}
            className={tab === key ? "tab tab-selected" : "tab"}
            onClick={() => setTab(key)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`partner-tab-panel-${tab}`} aria-labelledby={`partner-tab-${tab}`}>
        {tab === "statements" ? (
          <>
            <Panel title="Agreements">
              <ResourceView
                resource={agreements}
                loadingLabel="Loading the agreements…"
                empty="No agreement yet."
              >
                {({ data }) => (
                  <DataTable
                    label="Agreements table"
                    rows={data}
                    rowKey={(agreement) => agreement.id}
                    columns={[
                      { header: "From", cell: (agreement) => formatDateTime(agreement.effective_from) },
                      {
                        header: "Basis",
                        cell: (agreement) => (agreement.basis === "cash" ? "Cash" : "Accrual"),
                      },
                      { header: "Terms", cell: (agreement) => termsText(agreement, partner.currency) },
                    ]}
                  />
                )}
              </ResourceView>
            </Panel>
            <ResourceView
              resource={settlements}
              loadingLabel="Loading the statements…"
              empty={
                <Panel title="Statements">
                  <EmptyState title="No statement yet." />
                </Panel>
              }
            >
              {(loaded) =>
                loaded.map((settlement) => (
                  <StatementPanel
                    key={settlement.id}
                    settlement={settlement}
                    partner={partner}
                    onDone={setOutcome}
                  />
                ))
              }
            </ResourceView>
          </>
        ) : (
          <PartnerExternalSales partner={partner} />
        )}
      </div>
    </>
  );
}

function termsText(agreement: Agreement, currency: string): string {
  const parts = agreement.revenue_shares.map(
    (share) => `${share.percent} % of ${share.plan ?? share.product ?? share.charge ?? "every fee"}`,
  );
  if (agreement.volume_tiers.length > 0) parts.push(`${agreement.volume_tiers.length} volume tiers`);
  if (agreement.activation_fee)
    parts.push(`${formatMoney(agreement.activation_fee, currency)} per activation`);
  if (agreement.minimum_guarantee) {
    parts.push(`at least ${formatMoney(agreement.minimum_guarantee, currency)} a month`);
  }
  const clawbacks = [
    agreement.clawback.refunds && "refunds",
    agreement.clawback.credit_notes && "credit notes",
    agreement.clawback.chargebacks && "chargebacks",
  ].filter(Boolean);
  if (clawbacks.length > 0) parts.push(`clawback on ${clawbacks.join(", ")}`);
  return parts.join("; ") || "No terms";
}

function StatementLink({ partner }: { partner: Partner }) {
  const session = useSignedInSession();
  const inputId = useId();
  const issue = useApiMutation({
    call: () =>
      api.POST("/v1/partners/{id}/statement-links", { params: { path: { id: partner.id } }, body: {} }),
    invalidates: [],
  });
  if (!can(session, "billing:write")) return null;
  return (
    <div className="partner-link">
      <button type="button" className="button" disabled={issue.isPending} onClick={() => issue.mutate()}>
        Issue a statement link
      </button>
      {issue.error && <ErrorState error={issue.error} />}
      {issue.data && (
        <SecretPanel
          title={`Statement link for ${partner.name}`}
          secret={issue.data.url}
          secretLabel={`Statement link for ${partner.name}`}
          copyLabel="Copy the link"
          inputId={inputId}
          onDismiss={() => issue.reset()}
        >
          <p>
            Send it to the partner: it opens their approved statements until{" "}
            {formatDateTime(issue.data.expires_at)}. Anyone with the link can read them.
          </p>
        </SecretPanel>
      )}
    </div>
  );
}

function sourceCell(line: SettlementLine) {
  if (line.invoice_id !== null && line.source.type === "invoice") {
    return <Link to={invoicePath(line.invoice_id)}>Invoice {line.source.reference}</Link>;
  }
  return (
    <>
      {line.source.reference}
      <span className="actor-id">{line.source.type}</span>
      {line.invoice_id !== null && (
        <Link to={invoicePath(line.invoice_id)}>
          its invoice<span className="visually-hidden"> {line.invoice_id}</span>
        </Link>
      )}
    </>
  );
}

function StatementPanel({
  settlement,
  partner,
  onDone,
}: {
  settlement: Settlement;
  partner: Partner;
  onDone: (message: string) => void;
}) {
  const money = (amount: string) => formatMoney(amount, settlement.currency);
  const name = `${partner.name} ${settlement.period}`;
  return (
    <Panel title={`Statement ${settlement.period}`}>
      <dl className="details">
        <Detail term="Status">{statusLabels[settlement.status]}</Detail>
        <Detail term="Earned">{money(settlement.earned)}</Detail>
        <Detail term="Total">{money(settlement.total)}</Detail>
        <Detail term="Approved">{settlement.approved_at && formatDateTime(settlement.approved_at)}</Detail>
        <Detail term="Paid">
          {settlement.paid_at &&
            `${formatDateTime(settlement.paid_at)} (${settlement.payment_reference ?? ""})`}
        </Detail>
      </dl>
      <DataTable
        label={`Lines of the ${settlement.period} statement`}
        rows={settlement.lines}
        rowKey={(line) => `${line.kind}-${line.source.type}-${line.source.id}-${line.description}`}
        columns={[
          { header: "Line", cell: (line) => lineKindLabels[line.kind] },
          { header: "Description", cell: (line) => line.description },
          { header: "Source", cell: sourceCell },
          { header: "Amount", numeric: true, cell: (line) => money(line.amount) },
        ]}
      />
      <div className="page-actions">
        <SettlementActions settlement={settlement} label={name} onDone={onDone} />
        {(["csv", "pdf"] as const).map((format) => (
          <DownloadButton
            key={format}
            download={() =>
              answer(
                api.GET(`/v1/partner-settlements/{id}/${format}`, {
                  params: { path: { id: settlement.id } },
                  parseAs: "blob",
                }),
              )
            }
            fileName={`${partner.code}-${settlement.period}.${format}`}
            label={format.toUpperCase()}
            accessibleName={`Download the ${settlement.period} statement as ${format.toUpperCase()}`}
            small
          />
        ))}
      </div>
    </Panel>
  );
}

function SettlementActions({
  settlement,
  label,
  onDone,
}: {
  settlement: Settlement;
  label: string;
  onDone: (message: string) => void;
}) {
  const session = useSignedInSession();
  const [open, setOpen] = useState<"approve" | "pay" | undefined>();
  const [reference, setReference] = useState("");
  const approve = useApiMutation({
    call: () =>
      api.POST("/v1/partner-settlements/{id}/approve", {
        params: { path: { id: settlement.id } },
        body: {},
      }),
    invalidates: ["/v1/partner-settlements"],
    onSuccess: () => {
      setOpen(undefined);
      onDone(`The ${label} statement was approved.`);
    },
  });
  const pay = useApiMutation({
    call: () =>
      api.POST("/v1/partner-settlements/{id}/payments", {
        params: { path: { id: settlement.id } },
        body: { reference },
      }),
    invalidates: ["/v1/partner-settlements"],
    onSuccess: () => {
      setOpen(undefined);
      onDone(`The ${label} statement was recorded as paid.`);
    },
  });
  if (!can(session, "billing:write")) return null;
  const ownDraft = settlement.created_by === session.credentialId;
  return (
    <>
      {settlement.status === "draft" &&
        (ownDraft ? (
          <span className="muted">You computed it: another person approves it</span>
        ) : (
          <button type="button" className="button button-primary" onClick={() => setOpen("approve")}>
            Approve<span className="visually-hidden"> the {label} statement</span>
          </button>
        ))}
      {settlement.status === "approved" && (
        <button type="button" className="button" onClick={() => setOpen("pay")}>
          Record as paid<span className="visually-hidden"> the {label} statement</span>
        </button>
      )}
      <ConfirmDialog
        open={open === "approve"}
        title={`Approve the ${label} statement?`}
        confirmLabel="Approve"
        tone="primary"
        busy={approve.isPending}
        error={approve.error?.detail}
        onConfirm={() => approve.mutate()}
        onCancel={() => setOpen(undefined)}
      >
        <p>
          {formatMoney(settlement.total, settlement.currency)} becomes owed to the partner and is booked in
          the journal. An approved statement never changes: a later correction is an adjustment of the next
          one.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === "pay"}
        title={`Record the ${label} statement as paid?`}
        confirmLabel="Record as paid"
        tone="primary"
        busy={pay.isPending}
        error={pay.error?.detail}
        onConfirm={() => pay.mutate()}
        onCancel={() => setOpen(undefined)}
      >
        <TextField label="Payment reference" value={reference} onValueChange={setReference} required />
      </ConfirmDialog>
    </>
  );
}
