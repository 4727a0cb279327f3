// Filters of a list page, kept in the address (?search=…) so that a filtered
// list survives a reload and can be shared. The form edits a copy; "Apply"
// navigates, and the page reads the filters back from the address with
// useFilters, as the query of its list route.
import { type FormEvent, type ReactNode, useState } from "react";
import { Link } from "../routing/link.tsx";
import { navigate, useLocation } from "../routing/router.ts";
import { SelectField, TextField } from "./form-field.tsx";
import { EmptyState } from "./states.tsx";

export type FilterField<Name extends string = string> = {
  /** The query parameter of the list route that the field fills. */
  name: Name;
  label: string;
  hint?: string;
  /**
   * "instant" is a date and time in the browser's zone, sent to the API as
   * UTC; "flag" is a choice between "" and "true", sent as a boolean.
   */
  kind?: "text" | "search" | "instant" | "code" | "flag";
  options?: { value: string; label: string }[];
};

type FilterValues = Record<string, string>;

function filterValues(query: URLSearchParams, fields: FilterField[]): FilterValues {
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

/** A filter's value as the API's query takes it: a flag as a boolean, an instant in UTC ISO 8601. */
function queryValue(field: FilterField, value: string): string | boolean {
  if (field.kind === "flag") return value === "true";
  if (field.kind !== "instant") return value;
  const instant = new Date(value);
  // What cannot be read goes as typed, so that the API names the field.
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}

/**
 * The filters in the address as the list route's query, and whether any is
 * set. The address is typed by a person: a value such as a status goes as it
 * was typed (not checked against the route's list), and the API names the
 * one it cannot read.
 */
export function useFilters<Query>(fields: FilterField<keyof Query & string>[]): {
  query: Partial<Query>;
  filtered: boolean;
} {
  const { query } = useLocation();
  const result = cleaned(filterValues(query, fields), fields);
  const values = fields.flatMap((field) => {
    const value = result.get(field.name);
    return value === null ? [] : [[field.name, queryValue(field, value)] as const];
  });
  return { query: Object.fromEntries(values) as Partial<Query>, filtered: values.length > 0 };
}

export function FilterForm({
  basePath,
  fields,
  label,
}: {
  basePath: string;
  fields: FilterField[];
  label: string;
}) {
  const { query } = useLocation();
  // A new address (a link, "Back") starts the form again from it.
  return (
    <FilterFormFields
      key={query.toString()}
      basePath={basePath}
      fields={fields}
      label={label}
      initial={filterValues(query, fields)}
    />
  );
}

function FilterFormFields({
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

/**
 * An empty list: "No meter matches these filters." (with a link that clears
 * them, when `clearPath` is given) or, unfiltered, "No meters yet." and how to
 * make one.
 */
export function FilteredEmptyState({
  filtered,
  noMatch,
  none,
  clear,
  children,
}: {
  filtered: boolean;
  noMatch: string;
  none: string;
  /** Where the list is unfiltered, and what it then shows ("every customer"). */
  clear?: { path: string; shows: string };
  /** Shown under `none`: how to make the first one. */
  children?: ReactNode;
}) {
  if (!filtered) return <EmptyState title={none}>{children}</EmptyState>;
  return (
    <EmptyState title={noMatch}>
      {clear && (
        <p>
          <Link to={clear.path}>Clear the filters</Link> to see {clear.shows}.
        </p>
      )}
    </EmptyState>
  );
}
