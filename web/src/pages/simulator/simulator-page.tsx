// The simulator: paste a scenario (or start from an example), run it through
// the billing engine with POST /v1/simulations, and read the invoices it
// would issue. Nothing is stored.
import { type FormEvent, lazy, Suspense, useId, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { SimulationResult } from "../../api/resources.ts";
import { asApiError } from "../../api/use-api.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { sumDecimalStrings } from "../../format/decimal-sum.ts";
import { SelectField } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { InvoiceTable } from "./invoice-table.tsx";
import { scenarioExamples } from "./scenario-examples.ts";

const InvoiceChart = lazy(() => import("./invoice-chart.tsx"));

type Outcome =
  | { status: "idle" }
  | { status: "running" }
  | { status: "error"; error: ApiError }
  | { status: "done"; result: SimulationResult; timeZone: string };

function pretty(scenario: object): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

function timeZoneOf(scenario: unknown): string {
  const zone = (scenario as { timezone?: unknown } | null)?.timezone;
  return typeof zone === "string" && zone !== "" ? zone : "UTC";
}

export function SimulatorPage() {
  const first = scenarioExamples[0]!;
  const [exampleId, setExampleId] = useState(first.id);
  const [text, setText] = useState(pretty(first.scenario));
  const [parseError, setParseError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ status: "idle" });
  const textareaId = useId();

  const chooseExample = (id: string) => {
    setExampleId(id);
    const example = scenarioExamples.find((candidate) => candidate.id === id);
    if (example) setText(pretty(example.scenario));
    setParseError(undefined);
    setOutcome({ status: "idle" });
  };

  const run = async (event: FormEvent) => {
    event.preventDefault();
    let scenario: unknown;
    try {
      scenario = JSON.parse(text);
    } catch (error) {
      setParseError(
        `The scenario is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    setParseError(undefined);
    setOutcome({ status: "running" });
    try {
      const result = await apiRequest<SimulationResult>("POST", "/v1/simulations", { body: scenario });
      setOutcome({ status: "done", result, timeZone: timeZoneOf(scenario) });
    } catch (error) {
      setOutcome({ status: "error", error: asApiError(error) });
    }
  };

  return (
    <>
      <PageHeader
        title="Simulator"
        subtitle="Run a billing scenario through the same engine that bills live subscriptions. Nothing is saved."
      />
      <form className="panel simulator-form" onSubmit={(event) => void run(event)}>
        <SelectField
          label="Start from an example"
          value={exampleId}
          onValueChange={chooseExample}
          options={scenarioExamples.map((example) => ({ value: example.id, label: example.label }))}
          hint="Examples from the project's hand-worked scenarios. Or paste your own scenario below."
        />
        <div className={`field${parseError ? " field-invalid" : ""}`}>
          <label htmlFor={textareaId}>Scenario (JSON)</label>
          <textarea
            id={textareaId}
            className="scenario-editor"
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            rows={18}
            aria-invalid={parseError ? true : undefined}
            aria-describedby={`${textareaId}-hint${parseError ? ` ${textareaId}-error` : ""}`}
          />
          <p className="field-hint" id={`${textareaId}-hint`}>
            Meters, plans, one subscription with its changes, coupons, credit grants, tax and usage events, in
            the format of <code>fairbill simulate</code>.
          </p>
          {parseError && (
            <p className="field-error" id={`${textareaId}-error`} role="alert">
              {parseError}
            </p>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={outcome.status === "running"}>
            {outcome.status === "running" ? "Simulating…" : "Run simulation"}
          </button>
        </div>
      </form>

      <section aria-labelledby="simulation-results-title" className="results">
        <h2 id="simulation-results-title">Invoices</h2>
        {outcome.status === "idle" && <p className="muted">Run the simulation to see its invoices.</p>}
        {outcome.status === "running" && <LoadingState label="Simulating…" />}
        {outcome.status === "error" && (
          <ErrorState error={outcome.error} title="The simulation did not run" />
        )}
        {outcome.status === "done" && (
          <SimulationResults result={outcome.result} timeZone={outcome.timeZone} />
        )}
      </section>
    </>
  );
}

function SimulationResults({ result, timeZone }: { result: SimulationResult; timeZone: string }) {
  const invoices = result.invoices;
  if (invoices.length === 0) return <EmptyState title="The scenario issues no invoices before bill_until." />;
  const currency = invoices[0]!.currency;
  const totalDue = sumDecimalStrings(invoices.map((invoice) => invoice.amount_due));
  return (
    <>
      <p className="simulation-summary" role="status">
        {invoices.length} {invoices.length === 1 ? "invoice" : "invoices"}, {formatMoney(totalDue, currency)}{" "}
        due in all.
      </p>
      {invoices.length > 1 && (
        <Suspense fallback={<LoadingState label="Drawing the chart…" />}>
          <InvoiceChart invoices={invoices} timeZone={timeZone} />
        </Suspense>
      )}
      {invoices.map((invoice, index) => (
        // Invoices of a simulation have no id; their order is the billing order.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <InvoiceTable key={index} invoice={invoice} index={index} timeZone={timeZone} />
      ))}
    </>
  );
}
