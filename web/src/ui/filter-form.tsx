// Filters of a list page, kept in the address (?search=…) so that a filtered
// list survives a reload and can be shared. The form edits a copy; "Apply"
// navigates, and the page reads the filters back from the address.
import { type FormEvent, useState } from "react";
import { navigate } from "../routing/router.ts";
import { SelectField, TextField } from "./form-field.tsx";

export type FilterField = {
  name: string;
  label: string;
  hint?: string;
  /** "instant" is a date and time in the browser's zone, sent to the API as UTC. */
  kind?: "text" | "search" | "instant" | "code";
  options?: { value: string; label: string }[];
};

export type FilterValues = Record<string, string>;

export function filterValues(query: URLSearchParams, fields: FilterField[]): FilterValues {
  return Object.fromEntries(fields.map((field) => [field.name, query.get(field.name) ?? ""]));
}

function cleaned(values: FilterValues, fields: FilterField[]): URLSearchParams {
  const query = new URLSearchParams();
  for (const field of fields) {
    const value = (values[field.name] ?? "").trim();
    if (value !== "") query.set(field.name, field.kind === "code" ? value.toUpperCase() : value);
  }
  return query;
}

/** The API's query for the filters in the address: instants become UTC ISO 8601. */
export function apiQuery(query: URLSearchParams, fields: FilterField[]): URLSearchParams {
  const result = cleaned(filterValues(query, fields), fields);
  for (const field of fields) {
    const value = result.get(field.name);
    if (field.kind !== "instant" || value === null) continue;
    const instant = new Date(value);
    // What cannot be read goes as typed, so that the API names the field.
    if (!Number.isNaN(instant.getTime())) result.set(field.name, instant.toISOString());
  }
  return result;
}

export function hasFilters(query: URLSearchParams, fields: FilterField[]): boolean {
  return cleaned(filterValues(query, fields), fields).size > 0;
}

export function FilterForm({
  basePath,
  fields,
  label,
  initial,
}: {
  basePath: string;
  fields: FilterField[];
  label: string;
  initial: FilterValues;
}) {
  const [values, setValues] = useState(initial);
  const set = (name: string) => (value: string) => setValues((previous) => ({ ...previous, [name]: value }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const query = cleaned(values, fields).toString();
    navigate(query === "" ? basePath : `${basePath}?${query}`);
  };

  return (
    <search>
      <form className="filters" onSubmit={apply} aria-label={label}>
        {fields.map((field) =>
          field.options ? (
            <SelectField
              key={field.name}
              label={field.label}
              name={field.name}
              value={values[field.name] ?? ""}
              onValueChange={set(field.name)}
              options={field.options}
              hint={field.hint}
            />
          ) : (
            <TextField
              key={field.name}
              label={field.label}
              name={field.name}
              type={field.kind === "search" ? "search" : field.kind === "instant" ? "datetime-local" : "text"}
              autoCapitalize={field.kind === "code" ? "characters" : undefined}
              value={values[field.name] ?? ""}
              onValueChange={set(field.name)}
              hint={field.hint}
            />
          ),
        )}
        <div className="filters-actions">
          <button type="submit" className="button">
            Apply filters
          </button>
        </div>
      </form>
    </search>
  );
}
