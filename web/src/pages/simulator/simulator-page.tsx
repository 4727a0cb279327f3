// The simulator: paste a scenario (or start from an example), run it through
// the billing engine with POST /v1/simulations, and read the invoices it
// would issue. Nothing is stored.
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { RequestBody, SimulationResult } from "../../api/resources.ts";
import { formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { sumDecimalStrings } from "../../format/decimal-sum.ts";
import { BarChart, moneyTicks } from "../../ui/bar-chart.tsx";
import { SelectField } from "../../ui/form-field.tsx";
import { SubmitButton } from "../../ui/form-frame.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { InvoiceTable } from "./invoice-table.tsx";
import { scenarioExamples } from "./scenario-examples.ts";

type Scenario = RequestBody<"/v1/simulations", "post">;

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
  // Nothing is stored: the simulation invalidates no read.
  const simulation = useApiMutation({
    call: (scenario: Scenario) => api.POST("/v1/simulations", { body: scenario }),
    invalidates: [],
  });
  const textareaId = useId();

  const chooseExample = (id: string) => {
    setExampleId(id);
    const example = scenarioExamples.find((candidate) => candidate.id === id);
    if (example) setText(pretty(example.scenario));
    setParseError(undefined);
    simulation.reset();
  };

  const run = (event: FormEvent) => {
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
    // The scenario is JSON a person wrote: the API checks it and names each bad field.
    simulation.mutate(scenario as Scenario);
  };

  return (
    <>
      <PageHeader
        title="Simulator"
        subtitle="Run a billing scenario through the same engine that bills live subscriptions. Nothing is saved."
      />
      <form className="panel simulator-form" onSubmit={run}>
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
          <SubmitButton busy={simulation.isPending} label="Run simulation" busyLabel="Simulating…" />
        </div>
      </form>

      <section aria-labelledby="simulation-results-title" className="results">
        <h2 id="simulation-results-title">Invoices</h2>
        {simulation.isIdle && <p className="muted">Run the simulation to see its invoices.</p>}
        {simulation.isPending && <LoadingState label="Simulating…" />}
        {simulation.error && <ErrorState error={simulation.error} title="The simulation did not run" />}
        {simulation.data && (
          <SimulationResults result={simulation.data} timeZone={timeZoneOf(simulation.variables)} />
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
        <figure className="chart">
          <figcaption>Amount due per invoice ({currency})</figcaption>
          <BarChart
            label="Amount due per invoice"
            describeValues
            series={[{ key: "amount_due", name: "Amount due" }]}
            points={invoices.map((invoice) => ({
              label: formatPeriodBound(invoice.issued_at, timeZone),
              values: { amount_due: invoice.amount_due },
            }))}
            formatValue={(amount) => formatMoney(amount, currency)}
            formatTick={moneyTicks(currency)}
          />
        </figure>
      )}
      {invoices.map((invoice, index) => (
        // Invoices of a simulation have no id; their order is the billing order.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <InvoiceTable key={index} invoice={invoice} index={index} timeZone={timeZone} />
      ))}
    </>
  );
}
