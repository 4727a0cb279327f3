// One webhook endpoint: its settings (URL, event types, enabled), a new
// signing secret with an optional overlap, deletion, and its delivery log:
// every delivery with every attempt's response code, latency and error, and
// a redelivery on demand.
import { type FormEvent, useRef, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { NewWebhookSecret, WebhookDelivery, WebhookEndpoint } from "../../api/resources.ts";
import { asApiError, useApiResource, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { navigate } from "../../routing/router.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { CheckboxField, SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { EventTypeChoices, eventTypesText, NewSigningSecret } from "./webhook-list-page.tsx";

const deliveryStatusClasses: Record<WebhookDelivery["status"], string> = {
  pending: "badge badge-warning",
  succeeded: "badge badge-success",
  failed: "badge badge-muted",
  canceled: "badge badge-muted",
};

export function WebhookDetailPage({ endpointId }: { endpointId: string }) {
  const session = useSignedInSession();
  const path = `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`;
  const request = useApiResource<WebhookEndpoint>(path);
  const [rotated, setRotated] = useState<NewWebhookSecret | undefined>();
  const [dialog, setDialog] = useState<"rotate" | "delete" | undefined>();
  const manages = can(session, "webhooks:manage");

  if (request.state.status !== "ready") {
    return (
      <>
        <PageHeader title="Webhook endpoint" />
        {request.state.status === "loading" && <LoadingState label="Loading the endpoint…" />}
        {request.state.status === "error" && (
          <ErrorState error={request.state.error} onRetry={request.reload} />
        )}
      </>
    );
  }
  const endpoint = request.state.data;
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        subtitle={
          <>
            <code>{endpoint.url}</code>{" "}
            <span className={endpoint.enabled ? "badge badge-success" : "badge badge-muted"}>
              {endpoint.enabled ? "Enabled" : "Disabled"}
            </span>
          </>
        }
        actions={
          manages && (
            <>
              <button type="button" className="button" onClick={() => setDialog("rotate")}>
                New signing secret
              </button>
              <button type="button" className="button button-danger" onClick={() => setDialog("delete")}>
                Delete
              </button>
            </>
          )
        }
      />
      {rotated && <NewSigningSecret created={rotated} onDismiss={() => setRotated(undefined)} />}
      {endpoint.previous_secret_expires_at && (
        <p className="notice">
          Events are also signed with the previous secret until{" "}
          {formatDateTime(endpoint.previous_secret_expires_at)}.
        </p>
      )}
      {manages ? (
        <EndpointSettings
          key={endpoint.updated_at}
          endpoint={endpoint}
          path={path}
          onSaved={request.replace}
        />
      ) : (
        <p>Receives: {eventTypesText(endpoint.event_types)}.</p>
      )}
      <DeliveryLog endpointId={endpoint.id} canRedeliver={manages && endpoint.enabled} />
      {dialog === "rotate" && (
        <RotateDialog
          path={path}
          onDone={(newSecret) => {
            setDialog(undefined);
            setRotated(newSecret);
            request.replace(newSecret.endpoint);
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog === "delete" && (
        <DeleteDialog
          path={path}
          url={endpoint.url}
          onDone={() => navigate("/webhooks")}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </>
  );
}

type SettingsValues = {
  url: string;
  description: string;
  all: boolean;
  event_types: string[];
  enabled: boolean;
};

function EndpointSettings({
  endpoint,
  path,
  onSaved,
}: {
  endpoint: WebhookEndpoint;
  path: string;
  onSaved: (endpoint: WebhookEndpoint) => void;
}) {
  const types = useApiResource<{ data: string[] }>("/v1/webhook-event-types");
  const form = useFormState<SettingsValues>(
    () => ({
      url: endpoint.url,
      description: endpoint.description ?? "",
      all: endpoint.event_types.includes("*"),
      event_types: endpoint.event_types.filter((type) => type !== "*"),
      enabled: endpoint.enabled,
    }),
    () => ({}),
  );
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;
  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let saved: WebhookEndpoint | undefined;
    const sent = await form.submit(async (current) => {
      saved = await apiRequest<WebhookEndpoint>("PATCH", path, {
        body: {
          url: current.url.trim(),
          description: current.description.trim() === "" ? null : current.description.trim(),
          event_types: current.all ? ["*"] : current.event_types,
          enabled: current.enabled,
        },
      });
    });
    if (sent && saved) onSaved(saved);
  };
  return (
    <section className="panel" aria-labelledby="endpoint-settings-title">
      <h2 id="endpoint-settings-title">Settings</h2>
      <form ref={formElement} onSubmit={(event) => void submit(event)} noValidate>
        <FormErrorSummary
          title="The settings were not saved"
          refusal={form.refusal}
          failingChecks={form.failingChecks}
          markedServerErrors={Object.keys(form.serverErrors).length}
          unplaced={[]}
          summaryRef={summary}
        />
        <div className="field-grid">
          <TextField {...form.bind("url")} label="URL" required type="url" />
          <TextField {...form.bind("description")} label="Description" />
          <CheckboxField
            label="Enabled"
            hint="A disabled endpoint receives nothing; pending deliveries are canceled."
            checked={values.enabled}
            onCheckedChange={(checked) => form.set("enabled", checked)}
          />
        </div>
        <EventTypeChoices
          types={types.state.status === "ready" ? types.state.data.data : []}
          all={values.all}
          chosen={values.event_types}
          error={form.errorOf("event_types")}
          onAllChange={(all) => form.set("all", all)}
          onChosenChange={(chosen) => form.set("event_types", chosen)}
        />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? "Saving…" : "Save settings"}
        </button>
      </form>
    </section>
  );
}

function DeliveryLog({ endpointId, canRedeliver }: { endpointId: string; canRedeliver: boolean }) {
  const [status, setStatus] = useState("");
  const list = usePagedList<WebhookDelivery>(
    `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries?limit=20${status ? `&status=${status}` : ""}`,
  );
  const [outcome, setOutcome] = useState("");
  const [error, setError] = useState<ApiError | undefined>();

  const redeliver = async (delivery: WebhookDelivery) => {
    setError(undefined);
    try {
      await apiRequest("POST", `/v1/webhook-deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
      setOutcome(`Delivery of ${delivery.event_type} queued again: refresh to see the attempt.`);
    } catch (caught) {
      setError(asApiError(caught));
    }
  };

  return (
    <section className="panel" aria-labelledby="deliveries-title">
      <div className="panel-heading">
        <h2 id="deliveries-title">Delivery log</h2>
        <span className="page-actions">
          <SelectField
            label="Show"
            value={status}
            onValueChange={setStatus}
            options={[
              { value: "", label: "Every delivery" },
              { value: "pending", label: "Pending" },
              { value: "succeeded", label: "Succeeded" },
              { value: "failed", label: "Failed" },
              { value: "canceled", label: "Canceled" },
            ]}
          />
          <button type="button" className="button button-small" onClick={list.reload}>
            Refresh
          </button>
        </span>
      </div>
      <p className="outcome" role="status">
        {outcome}
      </p>
      {error && <ErrorState error={error} title="Not redelivered" />}
      {list.state.status === "loading" && <LoadingState label="Loading deliveries…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No deliveries yet." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Deliveries table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next attempt</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row">
                    {delivery.event_type}
                    <code className="actor-id">{delivery.event_id}</code>
                  </th>
                  <td data-label="Status">
                    <span className={deliveryStatusClasses[delivery.status]}>{delivery.status}</span>
                  </td>
                  <td data-label="Attempts">
                    {delivery.attempts.length === 0 ? (
                      "None yet"
                    ) : (
                      <ol className="plain-list attempt-list">
                        {delivery.attempts.map((attempt) => (
                          <li key={attempt.attempt_number}>
                            #{attempt.attempt_number} {attempt.trigger === "manual" ? "(by hand) " : ""}
                            {attempt.status === "succeeded" ? "succeeded" : "failed"}:{" "}
                            {attempt.response_status === null
                              ? (attempt.error ?? "no answer")
                              : `HTTP ${attempt.response_status}`}{" "}
                            in {attempt.latency_ms} ms
                            <span className="actor-id">{formatDateTime(attempt.started_at)}</span>
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                  <td data-label="Next attempt">
                    {delivery.next_attempt_at ? formatDateTime(delivery.next_attempt_at) : "—"}
                  </td>
                  <td className="row-actions">
                    {canRedeliver && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => void redeliver(delivery)}
                      >
                        Redeliver<span className="visually-hidden"> {delivery.event_type}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["delivery", "deliveries"]} />
    </section>
  );
}

function RotateDialog({
  path,
  onDone,
  onCancel,
}: {
  path: string;
  onDone: (created: NewWebhookSecret) => void;
  onCancel: () => void;
}) {
  const [overlap, setOverlap] = useState("0");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const rotate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(
        await apiRequest<NewWebhookSecret>("POST", `${path}/rotate-secret`, {
          body: { previous_secret_valid_for_seconds: Number(overlap) },
        }),
      );
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title="Give the endpoint a new signing secret?"
      confirmLabel="New secret"
      tone="primary"
      busy={busy}
      onConfirm={() => void rotate()}
      onCancel={onCancel}
    >
      <SelectField
        label="The old secret also signs"
        value={overlap}
        onValueChange={setOverlap}
        options={[
          { value: "0", label: "No longer" },
          { value: "3600", label: "For 1 hour" },
          { value: "86400", label: "For 24 hours" },
          { value: "604800", label: "For 7 days" },
        ]}
      />
      {error && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </ConfirmDialog>
  );
}

function DeleteDialog({
  path,
  url,
  onDone,
  onCancel,
}: {
  path: string;
  url: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const remove = async () => {
    setBusy(true);
    try {
      await apiRequest("DELETE", path);
      onDone();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title="Delete this endpoint?"
      confirmLabel="Delete endpoint"
      busy={busy}
      onConfirm={() => void remove()}
      onCancel={onCancel}
    >
      <p>
        Nothing more is sent to <code>{url}</code>. Its delivery log is kept.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </ConfirmDialog>
  );
}
