// Webhook endpoints: where Fairbill sends its events (signed per Standard
// Webhooks), which event types each receives, and whether it is enabled. A
// new endpoint's signing secret is shown once, right after it is added.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { NewWebhookSecret, RequestBody } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { webhookPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { CheckboxField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { type FormState, useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { SecretPanel } from "../../ui/secret-panel.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

export function WebhookListPage() {
  const session = useSignedInSession();
  const list = usePagedList("/v1/webhook-endpoints", { params: { query: { limit: 50 } } });
  const [created, setCreated] = useState<NewWebhookSecret | undefined>();
  const manages = can(session, "webhooks:manage");
  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Endpoints that receive Fairbill's events, signed per Standard Webhooks."
      />
      {created && <NewSigningSecret created={created} onDismiss={() => setCreated(undefined)} />}
      {manages && <EndpointForm onCreated={setCreated} />}
      <Panel title="Endpoints">
        <PagedListView list={list} noun={["endpoint", "endpoints"]} empty="No endpoints yet.">
          {(endpoints) => (
            <DataTable
              label="Webhook endpoints table"
              rows={endpoints}
              rowKey={(endpoint) => endpoint.id}
              columns={[
                {
                  header: "Endpoint",
                  className: "properties",
                  cell: (endpoint) => (
                    <>
                      <Link to={webhookPath(endpoint.id)}>{endpoint.url}</Link>
                      {endpoint.description && <span className="actor-id">{endpoint.description}</span>}
                    </>
                  ),
                },
                { header: "Events", cell: (endpoint) => eventTypesText(endpoint.event_types) },
                { header: "Status", cell: (endpoint) => <EnabledBadge enabled={endpoint.enabled} /> },
                { header: "Added", cell: (endpoint) => formatDateTime(endpoint.created_at) },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
    </>
  );
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <span className={enabled ? "badge badge-success" : "badge badge-muted"}>
      {enabled ? "Enabled" : "Disabled"}
    </span>
  );
}

type EventType = RequestBody<"/v1/webhook-endpoints", "post">["event_types"][number];

/**
 * The event types an endpoint's form chose, as its body sends them. The
 * choices are the ones GET /v1/webhook-event-types lists, which the document
 * types as plain strings.
 */
export function chosenEventTypes(values: { all: boolean; event_types: string[] }): EventType[] {
  return (values.all ? ["*"] : values.event_types) as EventType[];
}

export function eventTypesText(types: readonly string[]): string {
  return types.includes("*") ? "Every event" : types.join(", ");
}

/** The signing secret of an endpoint just added or rotated: the only time it is shown. */
export function NewSigningSecret({
  created,
  onDismiss,
}: {
  created: NewWebhookSecret;
  onDismiss: () => void;
}) {
  return (
    <SecretPanel
      title={`Copy the signing secret of ${created.endpoint.url} now`}
      secret={created.secret}
      secretLabel="Signing secret"
      copyLabel="Copy secret"
      inputId="signing-secret"
      onDismiss={onDismiss}
    >
      <p>Your receiver checks each event's signature with it. This is the only time Fairbill shows it.</p>
    </SecretPanel>
  );
}

type EndpointValues = { url: string; description: string; all: boolean; event_types: string[] };

function checkEndpoint(values: EndpointValues) {
  const checks = new FieldChecks();
  if (checks.required("url", values.url) && !/^https?:\/\/\S+$/.test(values.url.trim())) {
    checks.report("url", "must start with https:// or http://");
  }
  if (!values.all && values.event_types.length === 0)
    checks.report("event_types", "choose at least one event type");
  return checks.errors;
}

const noEndpoint = (): EndpointValues => ({ url: "", description: "", all: false, event_types: [] });

function EndpointForm({ onCreated }: { onCreated: (created: NewWebhookSecret) => void }) {
  const form = useFormState<EndpointValues>(noEndpoint, checkEndpoint);
  const create = useApiMutation({
    call: (current: EndpointValues) =>
      api.POST("/v1/webhook-endpoints", {
        body: {
          url: current.url.trim(),
          ...(current.description.trim() === "" ? {} : { description: current.description.trim() }),
          event_types: chosenEventTypes(current),
        },
      }),
    invalidates: ["/v1/webhook-endpoints"],
    onSuccess: onCreated,
  });

  return (
    <Panel title="Add an endpoint">
      <FormFrame
        form={form}
        refusedTitle="The endpoint was not added"
        onSubmit={() => form.submitAndStartOver(create.mutateAsync)}
      >
        <div className="field-grid">
          <TextField
            {...form.bind("url")}
            label="URL"
            required
            type="url"
            autoComplete="off"
            hint="Receives each event as a POST."
          />
          <TextField {...form.bind("description")} label="Description" autoComplete="off" />
        </div>
        <EventTypeChoices form={form} />
        <SubmitButton busy={form.busy} label="Add endpoint" busyLabel="Adding…" />
      </FormFrame>
    </Panel>
  );
}

type EventTypeValues = { all: boolean; event_types: string[] };

/** The event types an endpoint receives: every one, or those chosen from the API's list. */
export function EventTypeChoices<Values extends EventTypeValues>({ form }: { form: FormState<Values> }) {
  const types = useQuery(apiQuery("/v1/webhook-event-types"));
  const { all, event_types: chosen } = form.values;
  const error = form.errorOf("event_types");
  return (
    <fieldset className="choice-list event-type-choices">
      <legend>Event types</legend>
      <CheckboxField
        label="Every event type, including those added later"
        checked={all}
        onCheckedChange={(checked) => form.set("all", checked)}
      />
      {!all && (
        <div className="choice-grid">
          {(types.data?.data ?? []).map((type) => (
            <CheckboxField
              key={type}
              label={type}
              checked={chosen.includes(type)}
              onCheckedChange={(checked) =>
                form.set(
                  "event_types",
                  checked ? [...chosen, type] : chosen.filter((candidate) => candidate !== type),
                )
              }
            />
          ))}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
      {types.error && <ErrorState error={types.error} onRetry={() => void types.refetch()} />}
    </fieldset>
  );
}
