// Webhook endpoints: where Fairbill sends its events (signed per Standard
// Webhooks), which event types each receives, and whether it is enabled. A
// new endpoint's signing secret is shown once, right after it is added.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { apiRequest } from "../../api/api-client.ts";
import type { NewWebhookSecret, WebhookEndpoint } from "../../api/resources.ts";
import { useApiResource, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { webhookPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { CopyButton } from "../../ui/copy-button.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { CheckboxField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";

export function WebhookListPage() {
  const session = useSignedInSession();
  const list = usePagedList<WebhookEndpoint>("/v1/webhook-endpoints?limit=50");
  const [created, setCreated] = useState<NewWebhookSecret | undefined>();
  const manages = can(session, "webhooks:manage");
  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Endpoints that receive Fairbill's events, signed per Standard Webhooks."
      />
      {created && <NewSigningSecret created={created} onDismiss={() => setCreated(undefined)} />}
      {manages && (
        <EndpointForm
          onCreated={(newSecret) => {
            setCreated(newSecret);
            list.reload();
          }}
        />
      )}
      <section className="panel" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {list.state.status === "loading" && <LoadingState label="Loading endpoints…" />}
        {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
        {list.state.status === "ready" && list.state.data.length === 0 && (
          <EmptyState title="No endpoints yet." />
        )}
        {list.state.status === "ready" && list.state.data.length > 0 && (
          <TableScroll label="Webhook endpoints table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Events</th>
                  <th scope="col">Status</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {list.state.data.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <th scope="row" className="properties">
                      <Link to={webhookPath(endpoint.id)}>{endpoint.url}</Link>
                      {endpoint.description && <span className="actor-id">{endpoint.description}</span>}
                    </th>
                    <td data-label="Events">{eventTypesText(endpoint.event_types)}</td>
                    <td data-label="Status">
                      <span className={endpoint.enabled ? "badge badge-success" : "badge badge-muted"}>
                        {endpoint.enabled ? "Enabled" : "Disabled"}
                      </span>
                    </td>
                    <td data-label="Added">{formatDateTime(endpoint.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ListFooter list={list} noun={["endpoint", "endpoints"]} />
      </section>
    </>
  );
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
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.focus();
  }, []);
  return (
    <section
      className="panel panel-highlight"
      aria-labelledby="signing-secret-title"
      tabIndex={-1}
      ref={panel}
    >
      <h2 id="signing-secret-title">Copy the signing secret of {created.endpoint.url} now</h2>
      <p>Your receiver checks each event's signature with it. This is the only time Fairbill shows it.</p>
      <div className="secret-row">
        <label htmlFor="signing-secret" className="visually-hidden">
          Signing secret
        </label>
        <input id="signing-secret" className="secret" readOnly value={created.secret} spellCheck={false} />
        <CopyButton text={created.secret} targetId="signing-secret" label="Copy secret" />
      </div>
      <button type="button" className="button" onClick={onDismiss}>
        I have saved it
      </button>
    </section>
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

function EndpointForm({ onCreated }: { onCreated: (created: NewWebhookSecret) => void }) {
  const types = useApiResource<{ data: string[] }>("/v1/webhook-event-types");
  const form = useFormState<EndpointValues>(
    () => ({ url: "", description: "", all: false, event_types: [] }),
    checkEndpoint,
  );
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let created: NewWebhookSecret | undefined;
    const sent = await form.submit(async (current) => {
      created = await apiRequest<NewWebhookSecret>("POST", "/v1/webhook-endpoints", {
        body: {
          url: current.url.trim(),
          ...(current.description.trim() === "" ? {} : { description: current.description.trim() }),
          event_types: current.all ? ["*"] : current.event_types,
        },
      });
    });
    if (sent && created) {
      form.reset({ url: "", description: "", all: false, event_types: [] });
      onCreated(created);
    }
  };

  return (
    <section className="panel" aria-labelledby="add-endpoint-title">
      <h2 id="add-endpoint-title">Add an endpoint</h2>
      <form ref={formElement} onSubmit={(event) => void submit(event)} noValidate>
        <FormErrorSummary
          title="The endpoint was not added"
          refusal={form.refusal}
          failingChecks={form.failingChecks}
          markedServerErrors={Object.keys(form.serverErrors).length}
          unplaced={[]}
          summaryRef={summary}
        />
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
        <EventTypeChoices
          types={types.state.status === "ready" ? types.state.data.data : []}
          all={values.all}
          chosen={values.event_types}
          error={form.errorOf("event_types")}
          onAllChange={(all) => form.set("all", all)}
          onChosenChange={(chosen) => form.set("event_types", chosen)}
        />
        {types.state.status === "error" && <ErrorState error={types.state.error} onRetry={types.reload} />}
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? "Adding…" : "Add endpoint"}
        </button>
      </form>
    </section>
  );
}

export function EventTypeChoices({
  types,
  all,
  chosen,
  error,
  onAllChange,
  onChosenChange,
}: {
  types: readonly string[];
  all: boolean;
  chosen: readonly string[];
  error: string | undefined;
  onAllChange: (all: boolean) => void;
  onChosenChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset className="choice-list event-type-choices">
      <legend>Event types</legend>
      <CheckboxField
        label="Every event type, including those added later"
        checked={all}
        onCheckedChange={onAllChange}
      />
      {!all && (
        <div className="choice-grid">
          {types.map((type) => (
            <CheckboxField
              key={type}
              label={type}
              checked={chosen.includes(type)}
              onCheckedChange={(checked) =>
                onChosenChange(checked ? [...chosen, type] : chosen.filter((candidate) => candidate !== type))
              }
            />
          ))}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
