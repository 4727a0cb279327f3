// Bulk actions on the invoices chosen in the list: finalize the drafts, retry
// the payment of those still owed, send them a payment reminder. Each is one
// request naming the eligible invoices among those chosen; the answer is
// shown per invoice ("2 finalized, 1 refused"), each refusal with its reason.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { Invoice } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { compareDecimalStrings } from "../../format/list-order.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import type { TableSelection } from "../../ui/data-table.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { invoiceName } from "./invoice-table.tsx";

type BulkAction = "finalize" | "collect" | "remind";

type BulkResult = Awaited<ReturnType<typeof bulkRequest>>;

/** Open or partly paid with something left to pay: what a payment retry or a reminder is for. */
const owed = (invoice: Invoice) =>
  (invoice.status === "open" || invoice.status === "partially_paid") &&
  compareDecimalStrings(invoice.amount_remaining, "0") > 0;

/** Each action: its button, which invoices it takes, who may take it, and the word for one done. */
const actions: Record<
  BulkAction,
  {
    label: string;
    eligible: (invoice: Invoice) => boolean;
    permission: "billing:write" | "finance:write";
    done: string;
    confirm: string;
  }
> = {
  finalize: {
    label: "Finalize",
    eligible: (invoice) => invoice.status === "draft",
    permission: "billing:write",
    done: "finalized",
    confirm: "A finalized invoice gets its number and no longer changes.",
  },
  collect: {
    label: "Retry payment",
    eligible: owed,
    permission: "finance:write",
    done: "charged",
    confirm: "Each is charged what remains with its customer's default payment method.",
  },
  remind: {
    label: "Send reminder",
    eligible: owed,
    permission: "billing:write",
    done: "reminded",
    confirm: "Each customer is emailed a payment reminder now.",
  },
};

function bulkRequest(action: BulkAction, invoiceIds: string[]) {
  const body = { body: { invoice_ids: invoiceIds } };
  switch (action) {
    case "finalize":
      return answer(api.POST("/v1/invoices/bulk-finalize", body));
    case "collect":
      return answer(api.POST("/v1/invoices/bulk-collect", body));
    case "remind":
      return answer(api.POST("/v1/invoices/bulk-send-reminder", body));
  }
}

/** The rows chosen for a bulk action, by invoice id. */
export function useInvoiceSelection(): TableSelection<Invoice> & { clear: () => void } {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    noun: "invoice",
    rowLabel: invoiceName,
    change: (keys, chosen) =>
      setSelected((current) => {
        const next = new Set(current);
        for (const key of keys) {
          if (chosen) next.add(key);
          else next.delete(key);
        }
        return next;
      }),
    clear: () => setSelected(new Set()),
  };
}

export function InvoiceBulkActions({
  invoices,
  selection,
}: {
  /** Every invoice loaded: the chosen ones are looked up here. */
  invoices: Invoice[];
  selection: ReturnType<typeof useInvoiceSelection>;
}) {
  const session = useSignedInSession();
  const [asking, setAsking] = useState<BulkAction | undefined>();
  const [outcome, setOutcome] = useState<{ action: BulkAction; result: BulkResult } | undefined>();
  const chosen = invoices.filter((invoice) => selection.selected.has(invoice.id));
  const names = new Map(invoices.map((invoice) => [invoice.id, invoiceName(invoice)]));
  const eligible = (action: BulkAction) => chosen.filter(actions[action].eligible);

  const take = useApiMutation({
    write: (action: BulkAction) =>
      bulkRequest(
        action,
        eligible(action).map((invoice) => invoice.id),
      ),
    // Finalizing numbers invoices and moves credits; a charge records payments; a reminder is an email.
    invalidates: [
      "/v1/invoices",
      "/v1/payments",
      "/v1/emails",
      "/v1/customers/{id}",
      "/v1/receivables/ageing",
    ],
    onSuccess: (result, action) => {
      setOutcome({ action, result });
      setAsking(undefined);
      selection.clear();
    },
  });

  const shownActions = (Object.keys(actions) as BulkAction[]).filter((action) =>
    can(session, actions[action].permission),
  );
  if (shownActions.length === 0) return null;
  const count = (n: number) => (n === 1 ? "1 invoice" : `${n} invoices`);
  return (
    <>
      <section className="bulk-actions" aria-label="Actions on the chosen invoices">
        <p role="status" aria-live="polite">
          {chosen.length === 0
            ? "Choose invoices to act on several at once."
            : `${count(chosen.length)} chosen.`}
        </p>
        {shownActions.map((action) => {
          const n = eligible(action).length;
          return (
            <button
              key={action}
              type="button"
              className="button button-small"
              disabled={n === 0}
              onClick={() => {
                take.reset();
                setAsking(action);
              }}
            >
              {`${actions[action].label} (${n})`}
            </button>
          );
        })}
      </section>
      {asking && (
        <ConfirmDialog
          open
          tone="primary"
          title={`${actions[asking].label}: ${count(eligible(asking).length)}?`}
          confirmLabel={actions[asking].label}
          busy={take.isPending}
          error={take.error?.detail}
          onConfirm={() => take.mutate(asking)}
          onCancel={() => setAsking(undefined)}
        >
          <p>{actions[asking].confirm}</p>
          <ul>
            {eligible(asking).map((invoice) => (
              <li key={invoice.id}>{invoiceName(invoice)}</li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
      {outcome && (
        <>
          <OutcomeMessage
            message={
              `${outcome.result.done} ${actions[outcome.action].done}` +
              (outcome.result.refused > 0 ? `, ${outcome.result.refused} refused.` : ".")
            }
          />
          <ul className="bulk-results" aria-label="Outcome per invoice">
            {outcome.result.results.map((result) => (
              <li key={result.invoice_id}>
                <strong>{names.get(result.invoice_id) ?? result.invoice_id}</strong>
                {result.outcome === "done"
                  ? `: ${result.summary ?? actions[outcome.action].done}`
                  : `: refused, ${result.problem?.detail ?? "no reason given"}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
