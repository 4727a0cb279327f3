// Bulk actions on the invoices chosen in a list: finalize the drafts, retry
// the payment of those still owed, send them a payment reminder (the invoice
// list), or retry the invoices of failed payments (the payment list). Each is
// one request naming the eligible invoices among those chosen; the answer is
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

export type BulkAction = "finalize" | "collect" | "remind";

/** A chosen row as the actions see it: the invoice acted on, its name, and which actions take it. */
export type BulkTarget = { invoiceId: string; name: string; actions: readonly BulkAction[] };

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
    done: "retried",
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

const allActions = Object.keys(actions) as BulkAction[];

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

/** An invoice of the list as a bulk action's target: the actions its status allows. */
export function invoiceTarget(invoice: Invoice): BulkTarget {
  return {
    invoiceId: invoice.id,
    name: invoiceName(invoice),
    actions: allActions.filter((action) => actions[action].eligible(invoice)),
  };
}

/** The rows chosen for a bulk action, by their key (an invoice's or a payment's id). */
export function useRowSelection<Row>(
  noun: string,
  rowLabel: (row: Row) => string,
): TableSelection<Row> & { clear: () => void } {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    noun,
    rowLabel,
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
  targets,
  chosen,
  clear,
  offered = allActions,
  noun = ["invoice", "invoices"],
}: {
  /** The rows loaded, as targets: the names in the outcome come from here. */
  targets: readonly BulkTarget[];
  /** The targets of the rows chosen (an invoice named twice is acted on once). */
  chosen: readonly BulkTarget[];
  /** Forgets the rows chosen, once an action is done. */
  clear: () => void;
  /** The actions this list offers (all three unless told). */
  offered?: readonly BulkAction[];
  /** What a row is, singular and plural, for "2 payments chosen.". */
  noun?: [string, string];
}) {
  const session = useSignedInSession();
  const [asking, setAsking] = useState<BulkAction | undefined>();
  const [outcome, setOutcome] = useState<{ action: BulkAction; result: BulkResult } | undefined>();
  const names = new Map(targets.map((target) => [target.invoiceId, target.name]));
  // Two chosen rows of one invoice (two failed payments of it) ask for it once.
  const eligible = (action: BulkAction) => [
    ...new Map(
      chosen
        .filter((target) => target.actions.includes(action))
        .map((target) => [target.invoiceId, target] as const),
    ).values(),
  ];

  const take = useApiMutation({
    write: (action: BulkAction) =>
      bulkRequest(
        action,
        eligible(action).map((target) => target.invoiceId),
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
      clear();
    },
  });

  const shownActions = offered.filter((action) => can(session, actions[action].permission));
  if (shownActions.length === 0) return null;
  const count = (n: number) => (n === 1 ? "1 invoice" : `${n} invoices`);
  const chosenRows = (n: number) => (n === 1 ? `1 ${noun[0]}` : `${n} ${noun[1]}`);
  return (
    <>
      <section className="bulk-actions" aria-label={`Actions on the chosen ${noun[1]}`}>
        <p role="status" aria-live="polite">
          {chosen.length === 0
            ? `Choose ${noun[1]} to act on several at once.`
            : `${chosenRows(chosen.length)} chosen.`}
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
            {eligible(asking).map((target) => (
              <li key={target.invoiceId}>{target.name}</li>
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
