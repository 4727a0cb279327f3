// A new meter: which events it counts (by name and property filters), how it
// aggregates them, and which properties split its usage into groups.
import { useCallback } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { RequestBody } from "../../api/resources.ts";
import { navigate } from "../../routing/router.ts";
import { CodeAndNameFields } from "../../ui/code-and-name-fields.tsx";
import { FieldGroup, SelectField, TextField } from "../../ui/form-field.tsx";
import { PageForm } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { RemoveButton } from "../../ui/remove-button.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { newRowKey } from "../catalog/version-editor/version-form-values.ts";

type Aggregation = RequestBody<"/v1/meters", "post">["aggregation"];

const aggregations: { value: Aggregation; label: string }[] = [
  { value: "count", label: "Count of events" },
  { value: "sum", label: "Sum of a property" },
  { value: "max", label: "Maximum of a property" },
  { value: "unique_count", label: "Unique values of a property" },
  { value: "latest", label: "Latest value of a property" },
  { value: "weighted_sum", label: "Time-weighted level of a property" },
];

type FilterValues = { key: string; property: string; values: string; type: "text" | "number" | "boolean" };

type MeterValues = {
  code: string;
  name: string;
  description: string;
  event_name: string;
  aggregation: Aggregation;
  property: string;
  group_by: string;
  filters: FilterValues[];
};

function listOf(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function filterValue(text: string, type: FilterValues["type"]): string | number | boolean {
  if (type === "number") return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

function meterBody(values: MeterValues): RequestBody<"/v1/meters", "post"> {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    ...(values.description.trim() === "" ? {} : { description: values.description.trim() }),
    event_name: values.event_name.trim(),
    aggregation: values.aggregation,
    ...(values.aggregation === "count" ? {} : { property: values.property.trim() }),
    ...(values.filters.length === 0
      ? {}
      : {
          filters: Object.fromEntries(
            values.filters.map((filter) => [
              filter.property.trim(),
              listOf(filter.values).map((value) => filterValue(value, filter.type)),
            ]),
          ),
        }),
    ...(listOf(values.group_by).length === 0 ? {} : { group_by: listOf(values.group_by) }),
  };
}

function checkMeter(values: MeterValues) {
  const checks = new FieldChecks();
  checks.code("code", values.code, "A meter code");
  checks.required("name", values.name);
  checks.required("event_name", values.event_name);
  if (values.aggregation !== "count") {
    checks.required("property", values.property, `is required for a ${values.aggregation} meter`);
  }
  values.filters.forEach((filter, index) => {
    checks.required(`filters.${index}.property`, filter.property);
    if (checks.required(`filters.${index}.values`, filter.values, "list at least one value")) {
      for (const value of listOf(filter.values)) {
        if (filter.type === "number" && !/^-?\d+(\.\d+)?$/.test(value)) {
          checks.report(`filters.${index}.values`, `"${value}" is not a number`);
        }
        if (filter.type === "boolean" && value !== "true" && value !== "false") {
          checks.report(`filters.${index}.values`, "each value is true or false");
        }
      }
    }
  });
  return checks.errors;
}

export function MeterCreatePage() {
  const initial = useCallback(
    (): MeterValues => ({
      code: "",
      name: "",
      description: "",
      event_name: "",
      aggregation: "count",
      property: "",
      group_by: "",
      filters: [],
    }),
    [],
  );
  // The API names a filter by its property ("filters.region"); the form names rows by position.
  const form = useFormState<MeterValues>(initial, checkMeter);
  const { values } = form;
  const placed = new Set([
    "code",
    "name",
    "description",
    "event_name",
    "aggregation",
    "property",
    "group_by",
  ]);
  for (const filter of values.filters) placed.add(`filters.${filter.property.trim()}`);

  const create = useApiMutation({
    call: (current: MeterValues) => api.POST("/v1/meters", { body: meterBody(current) }),
    invalidates: ["/v1/meters"],
    onSuccess: () => navigate("/meters"),
  });

  return (
    <>
      <PageHeader title="New meter" subtitle="What usage billing counts from events, and how." />
      <PageForm
        form={form}
        refusedTitle="The meter was not created"
        onSubmit={() => form.submit(create.mutateAsync)}
        placed={placed}
        submit={["Create meter", "Creating…"]}
        onCancel={() => navigate("/meters")}
      >
        <FieldGroup legend="Meter">
          <CodeAndNameFields form={form} codeHint="How plans name the meter, such as api_calls." />
          <TextField {...form.bind("description")} label="Description" autoComplete="off" />
        </FieldGroup>
        <FieldGroup legend="What it counts">
          <TextField
            {...form.bind("event_name")}
            label="Event name"
            required
            autoComplete="off"
            hint="The name of the events the meter counts, such as api_call."
          />
          <SelectField {...form.bind("aggregation")} label="Aggregation" options={aggregations} />
          {values.aggregation !== "count" && (
            <TextField
              {...form.bind("property")}
              label="Property"
              required
              autoComplete="off"
              hint="The event property aggregated, such as bytes."
            />
          )}
          <TextField
            {...form.bind("group_by")}
            label="Group by"
            autoComplete="off"
            hint="Optional: property names, separated by commas, that split usage into groups."
          />
        </FieldGroup>
        <fieldset>
          <legend>Filters</legend>
          <p className="field-hint">
            Optional: an event counts only when each listed property holds one of its values.
          </p>
          {values.filters.map((filter, index) => (
            <div className="row-editor row-editor-three" key={filter.key}>
              <TextField {...form.bind(`filters.${index}.property`)} label={`Filter ${index + 1} property`} />
              <TextField
                {...form.bind(`filters.${index}.values`)}
                label={`Filter ${index + 1} values`}
                hint="Separated by commas."
                error={
                  form.errorOf(`filters.${index}.values`) ??
                  form.serverErrors[`filters.${filter.property.trim()}`]
                }
              />
              <SelectField
                {...form.bind(`filters.${index}.type`)}
                label={`Filter ${index + 1} value type`}
                options={[
                  { value: "text", label: "Text" },
                  { value: "number", label: "Number" },
                  { value: "boolean", label: "True or false" },
                ]}
              />
              <RemoveButton
                of={`filter ${index + 1}`}
                onRemove={() =>
                  form.restructure((draft) => {
                    draft.filters.splice(index, 1);
                  })
                }
              />
            </div>
          ))}
          <button
            type="button"
            className="button"
            onClick={() =>
              form.restructure((draft) => {
                draft.filters.push({ key: newRowKey(), property: "", values: "", type: "text" });
              })
            }
          >
            Add a filter
          </button>
        </fieldset>
      </PageForm>
    </>
  );
}
