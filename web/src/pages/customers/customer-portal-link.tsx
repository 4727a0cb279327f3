// A link to the customer's portal (usage, cost, invoices, alerts), issued on
// the customer's page to send or open: it works for the time chosen (one hour
// unless told, at most seven days) or until the portal secret is rotated. The
// link is shown once, with a button that copies it.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { WriteResult } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { CopyButton } from "../../ui/copy-button.tsx";
import { SelectField } from "../../ui/form-field.tsx";
import { SubmitButton } from "../../ui/form-frame.tsx";
import { Panel } from "../../ui/panel.tsx";

type PortalLink = WriteResult<"/v1/customers/{id}/portal-links", "post">;

const lifetimes = [
  { value: "3600", label: "One hour" },
  { value: "86400", label: "One day" },
  { value: "604800", label: "Seven days" },
];

export function CustomerPortalLink({ customerId }: { customerId: string }) {
  const [lifetime, setLifetime] = useState("3600");
  const [link, setLink] = useState<PortalLink | undefined>();
  const issue = useApiMutation({
    call: (seconds: number) =>
      api.POST("/v1/customers/{id}/portal-links", {
        params: { path: { id: customerId } },
        body: { expires_in_seconds: seconds },
      }),
    invalidates: [],
    onSuccess: setLink,
  });
  const inputId = `portal-link-${customerId}`;

  return (
    <Panel title="Customer portal">
      <p>
        A link to the customer's own view of usage, cost, invoices and alerts, to send them or open yourself.
      </p>
      <form
        className="inline-form"
        aria-label="Issue a portal link"
        onSubmit={(event) => {
          event.preventDefault();
          issue.mutate(Number(lifetime));
        }}
      >
        <SelectField label="Works for" value={lifetime} onValueChange={setLifetime} options={lifetimes} />
        <div className="filters-actions">
          <SubmitButton
            busy={issue.isPending}
            label="Issue portal link"
            busyLabel="Issuing…"
            primary={false}
          />
        </div>
      </form>
      {issue.error && <p className="form-error">{issue.error.detail}</p>}
      {link && (
        <div className="secret-row">
          <label htmlFor={inputId} className="portal-link-label">
            Portal link, works until {formatDateTime(link.expires_at)}
          </label>
          <input id={inputId} className="secret" readOnly value={link.url} spellCheck={false} />
          <CopyButton text={link.url} targetId={inputId} label="Copy link" />
          <a className="button" href={link.url} target="_blank" rel="noreferrer">
            Open the portal
          </a>
        </div>
      )}
    </Panel>
  );
}
