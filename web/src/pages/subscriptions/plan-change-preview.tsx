// What a plan change would do to the subscription's next invoice, shown in
// the change-plan dialog before the change is confirmed: the first invoice at
// or after the change without it and with it (where the proration credit and
// the new plan's prorated fee appear), and the difference. The API checks the
// change exactly as it would record it, and records nothing.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { ApiError } from "../../api/api-error.ts";
import type { InvoicePreview, WriteResult } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import type { PlanChange } from "./subscription-action-dialog.tsx";

type PlanChangePreviewResult = WriteResult<"/v1/subscriptions/{id}/change-plan/preview", "post">;

// Typing a date fires a change per keystroke; wait for a pause before asking.
const askAfterMilliseconds = 300;

const kindLabels: Record<string, string> = {
  fixed: "Fixed fee",
  usage: "Usage",
  proration_credit: "Proration credit",
  minimum_true_up: "Minimum true-up",
  progressive_billing_credit: "Billed earlier",
  one_off: "One-off",
};

/** The value once it has stayed the same for `milliseconds`. */
function useSettled<Value>(value: Value, milliseconds: number): Value {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), milliseconds);
    return () => clearTimeout(timer);
  }, [value, milliseconds]);
  return settled;
}

/**
 * Asks the preview route about the change once the person stops typing
 * (nothing while it is null). The route records nothing: it is a read, cached
 * by the change it was asked about.
 */
function usePlanChangePreview(subscriptionId: string, change: PlanChange | null) {
  const changeText = change === null ? null : JSON.stringify(change);
  const settledText = useSettled(changeText, askAfterMilliseconds);
  const preview = useQuery({
    queryKey: ["/v1/subscriptions/{id}/change-plan/preview", subscriptionId, settledText] as const,
    enabled: settledText !== null,
    queryFn: ({ signal }) =>
      answer(
        api.POST("/v1/subscriptions/{id}/change-plan/preview", {
          params: { path: { id: subscriptionId } },
          body: JSON.parse(settledText ?? "null") as PlanChange,
          signal,
        }),
      ),
  });
  // While the person is still typing, the answer shown would be about an earlier choice.
  return { preview, settled: settledText === changeText };
}

export function PlanChangePreview({
  subscriptionId,
  body,
  locale,
}: {
  subscriptionId: string;
  /** The change-plan body, or null while the plan or the date is still to be chosen. */
  body: PlanChange | null;
  locale?: string;
}) {
  const { preview, settled } = usePlanChangePreview(subscriptionId, body);
  return (
    <section className="plan-change-preview" aria-labelledby="plan-change-preview-title" aria-live="polite">
      <h3 id="plan-change-preview-title">What it changes on the next invoice</h3>
      {body === null ? (
        <EmptyState title="Choose the plan and when to see what it costs." />
      ) : !settled || preview.isPending || preview.isFetching ? (
        <LoadingState label="Computing the invoices with and without the change…" />
      ) : preview.error ? (
        <PreviewRefusal error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <PreviewComparison preview={preview.data} locale={locale} />
      )}
    </section>
  );
}

function PreviewRefusal({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  if (error.code === "subscription_already_on_version") {
    return <EmptyState title="The subscription is on this version then: choose another plan or version." />;
  }
  // A refusal (400, 409) answers the same until the choice changes; only a failure is worth retrying.
  const retriable = error.status === 0 || error.status >= 500;
  return retriable ? (
    <ErrorState error={error} onRetry={onRetry} />
  ) : (
    <ErrorState error={error} title="This change cannot be made" />
  );
}

function PreviewComparison({ preview, locale }: { preview: PlanChangePreviewResult; locale?: string }) {
  const currency = preview.after?.currency ?? preview.before?.currency;
  if (currency === undefined) {
    return <EmptyState title="No invoice follows the change, with it or without it." />;
  }
  const money = (amount: string) => formatMoney(amount, currency, locale);
  return (
    <>
      <PreviewInvoice title="Without the change" invoice={preview.before} locale={locale} />
      <PreviewInvoice title="With the change" invoice={preview.after} locale={locale} />
      <p className="plan-change-difference">
        Difference: <strong data-testid="plan-change-difference">{money(preview.difference)}</strong>{" "}
        {preview.difference.startsWith("-") ? "less" : "more"} on the next invoice (usage as recorded so far).
      </p>
    </>
  );
}

function PreviewInvoice({
  title,
  invoice,
  locale,
}: {
  title: string;
  invoice: InvoicePreview | null;
  locale: string | undefined;
}) {
  if (invoice === null) {
    return (
      <div className="plan-change-invoice">
        <h4>{title}</h4>
        <p>No invoice.</p>
      </div>
    );
  }
  const money = (amount: string) => formatMoney(amount, invoice.currency, locale);
  return (
    <div className="plan-change-invoice">
      <h4>
        {title}: invoice of {formatDateTime(invoice.issued_at, locale)}
      </h4>
      <table className="invoice-table">
        <caption className="visually-hidden">{`${title}: lines and total`}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col" className="numeric">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, index) => (
            // Previewed lines have no id; their order on the invoice is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              <th scope="row">
                {line.description}
                <span className="line-kind">{kindLabels[line.kind] ?? line.kind}</span>
              </th>
              <td className="numeric">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="numeric">{money(invoice.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
