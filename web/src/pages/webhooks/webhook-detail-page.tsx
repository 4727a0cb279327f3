// One webhook endpoint: its settings (URL, event types, enabled), a new
// signing secret with an optional overlap, deletion, and its delivery log:
// every delivery with every attempt's response code, latency and error, and
// a redelivery on demand.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { NewWebhookSecret, WebhookDelivery, WebhookEndpoint } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { navigate } from "../../routing/router.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog, type DialogClosing, useDialogStep } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { CheckboxField, SelectField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { StatusMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView, RefreshButton } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { ErrorState } from "../../ui/states.tsx";
import {
  chosenEventTypes,
  EnabledBadge,
  EventTypeChoices,
  eventTypesText,
  NewSigningSecret,
} from "./webhook-list-page.tsx";

const deliveryStatusClasses: Record<WebhookDelivery["status"], string> = {
  pending: "badge badge-warning",
  succeeded: "badge badge-success",
  failed: "badge badge-muted",
  canceled: "badge badge-muted",
};

/** The page of one webhook endpoint, once it is read (the router reads it). */
export function WebhookDetailPage({ endpoint }: { endpoint: WebhookEndpoint }) {
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const [rotated, setRotated] = useState<NewWebhookSecret | undefined>();
  const [dialog, setDialog] = useState<"rotate" | "delete" | undefined>();
  const manages = can(session, "webhooks:manage");
  // A new signing secret comes with the endpoint as it is now: shown at once.
  const show = (updated: WebhookEndpoint) =>
    queryClient.setQueryData(
      apiQuery("/v1/webhook-endpoints/{id}", { params: { path: { id: endpoint.id } } }).queryKey,
      updated,
    );
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        subtitle={
          <>
            <code>{endpoint.url}</code> <EnabledBadge enabled={endpoint.enabled} />
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
        <EndpointSettings key={endpoint.updated_at} endpoint={endpoint} />
      ) : (
        <p>Receives: {eventTypesText(endpoint.event_types)}.</p>
      )}
      <DeliveryLog endpointId={endpoint.id} canRedeliver={manages && endpoint.enabled} />
      {dialog === "rotate" && (
        <RotateDialog
          endpointId={endpoint.id}
          onDone={(newSecret) => {
            setDialog(undefined);
            setRotated(newSecret);
            show(newSecret.endpoint);
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog === "delete" && (
        <DeleteDialog
          endpointId={endpoint.id}
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

function EndpointSettings({ endpoint }: { endpoint: WebhookEndpoint }) {
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
  const { values } = form;
  const save = useApiMutation({
    call: (current: SettingsValues) =>
      api.PATCH("/v1/webhook-endpoints/{id}", {
        params: { path: { id: endpoint.id } },
        body: {
          url: current.url.trim(),
          description: current.description.trim() === "" ? null : current.description.trim(),
          event_types: chosenEventTypes(current),
          enabled: current.enabled,
        },
      }),
    invalidates: ["/v1/webhook-endpoints"],
    answers: apiQuery("/v1/webhook-endpoints/{id}", { params: { path: { id: endpoint.id } } }),
  });
  return (
    <Panel title="Settings">
      <FormFrame
        form={form}
        refusedTitle="The settings were not saved"
        onSubmit={() => form.submit(save.mutateAsync)}
      >
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
        <EventTypeChoices form={form} />
        <SubmitButton busy={form.busy} label="Save settings" busyLabel="Saving…" />
      </FormFrame>
    </Panel>
  );
}

const deliveryStatusOptions = [
  { value: "", label: "Every delivery" },
  { value: "pending", label: "Pending" },
  { value: "succeeded", label: "Succeeded" },
  { value: "failed", label: "Failed" },
  { value: "canceled", label: "Canceled" },
];

function attemptText(attempt: WebhookDelivery["attempts"][number]): string {
  const answerText =
    attempt.response_status === null ? (attempt.error ?? "no answer") : `HTTP ${attempt.response_status}`;
  return (
    `#${attempt.attempt_number} ${attempt.trigger === "manual" ? "(by hand) " : ""}` +
    `${attempt.status === "succeeded" ? "succeeded" : "failed"}: ${answerText} in ${attempt.latency_ms} ms`
  );
}

function DeliveryLog({ endpointId, canRedeliver }: { endpointId: string; canRedeliver: boolean }) {
  const [status, setStatus] = useState<WebhookDelivery["status"] | "">("");
  const list = usePagedList("/v1/webhook-endpoints/{id}/deliveries", {
    params: { path: { id: endpointId }, query: { limit: 20, ...(status === "" ? {} : { status }) } },
  });
  const [outcome, setOutcome] = useState("");
  const redeliver = useApiMutation({
    call: (delivery: WebhookDelivery) =>
      api.POST("/v1/webhook-deliveries/{id}/redeliver", { params: { path: { id: delivery.id } } }),
    invalidates: [],
    onSuccess: (_result, delivery) =>
      setOutcome(`Delivery of ${delivery.event_type} queued again: refresh to see the attempt.`),
  });

  return (
    <Panel
      title="Delivery log"
      actions={
        <span className="page-actions">
          <SelectField
            label="Show"
            value={status}
            onValueChange={(value) => setStatus(value as WebhookDelivery["status"] | "")}
            options={deliveryStatusOptions}
          />
          <RefreshButton onRefresh={list.refetch} />
        </span>
      }
    >
      <StatusMessage>{outcome}</StatusMessage>
      {redeliver.error && <ErrorState error={redeliver.error} title="Not redelivered" />}
      <PagedListView list={list} noun={["delivery", "deliveries"]} empty="No deliveries yet.">
        {(deliveries) => (
          <DataTable
            label="Deliveries table"
            rows={deliveries}
            rowKey={(delivery) => delivery.id}
            columns={[
              {
                header: "Event",
                cell: (delivery) => (
                  <>
                    {delivery.event_type}
                    <code className="actor-id">{delivery.event_id}</code>
                  </>
                ),
              },
              {
                header: "Status",
                cell: (delivery) => (
                  <span className={deliveryStatusClasses[delivery.status]}>{delivery.status}</span>
                ),
              },
              {
                header: "Attempts",
                cell: (delivery) =>
                  delivery.attempts.length === 0 ? (
                    "None yet"
                  ) : (
                    <ol className="plain-list attempt-list">
                      {delivery.attempts.map((attempt) => (
                        <li key={attempt.attempt_number}>
                          {attemptText(attempt)}
                          <span className="actor-id">{formatDateTime(attempt.started_at)}</span>
                        </li>
                      ))}
                    </ol>
                  ),
              },
              {
                header: "Next attempt",
                cell: (delivery) =>
                  delivery.next_attempt_at ? formatDateTime(delivery.next_attempt_at) : "—",
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (delivery) =>
                  canRedeliver && (
                    <RowButton
                      label="Redeliver"
                      of={delivery.event_type}
                      onClick={() => redeliver.mutate(delivery)}
                    />
                  ),
              },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}

function RotateDialog({ endpointId, ...closing }: { endpointId: string } & DialogClosing<NewWebhookSecret>) {
  const [overlap, setOverlap] = useState("0");
  const rotate = useDialogStep(closing, {
    call: () =>
      api.POST("/v1/webhook-endpoints/{id}/rotate-secret", {
        params: { path: { id: endpointId } },
        body: { previous_secret_valid_for_seconds: Number(overlap) },
      }),
    invalidates: ["/v1/webhook-endpoints"],
  });
  return (
    <ConfirmDialog
      title="Give the endpoint a new signing secret?"
      confirmLabel="New secret"
      tone="primary"
      {...rotate}
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
    </ConfirmDialog>
  );
}

function DeleteDialog({ endpointId, url, ...closing }: { endpointId: string; url: string } & DialogClosing) {
  const remove = useDialogStep(closing, {
    call: () => api.DELETE("/v1/webhook-endpoints/{id}", { params: { path: { id: endpointId } } }),
    invalidates: ["/v1/webhook-endpoints"],
  });
  return (
    <ConfirmDialog title="Delete this endpoint?" confirmLabel="Delete endpoint" {...remove}>
      <p>
        Nothing more is sent to <code>{url}</code>. Its delivery log is kept.
      </p>
    </ConfirmDialog>
  );
}
