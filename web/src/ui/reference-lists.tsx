// The pickers of code fields: every ISO 4217 currency, ISO 3166 country and
// IANA time zone, offered as <datalist>s whose choices carry the name a
// person searches by ("Germany", "Euro", "UTC+01:00"): typing filters the
// list by code or name, the field keeps the code, and the name of the code
// chosen shows under it. The API remains the judge of what is valid.
import type { ReactNode } from "react";
import {
  countryOptions,
  currencyOptions,
  optionName,
  type ReferenceOption,
  timeZoneOptions,
} from "../format/reference-options.ts";

const currencyListId = "currency-codes";
const countryListId = "country-codes";
const timeZoneListId = "time-zones";

// Read once: the browser's tables do not change while the console runs.
let lists:
  | { currency: ReferenceOption[]; country: ReferenceOption[]; timeZone: ReferenceOption[] }
  | undefined;

function referenceOptions() {
  lists ??= { currency: currencyOptions(), country: countryOptions(), timeZone: timeZoneOptions() };
  return lists;
}

export type ReferenceKind = "currency" | "country" | "timeZone";

const listIds: Record<ReferenceKind, string> = {
  currency: currencyListId,
  country: countryListId,
  timeZone: timeZoneListId,
};

/** The datalist id of a kind of code. */
export function referenceListId(kind: ReferenceKind): string {
  return listIds[kind];
}

/** The hint of a picker: the chosen code's name ("Germany."), then the field's own hint. */
export function pickedHint(kind: ReferenceKind, value: string, hint: ReactNode): ReactNode {
  const name = value.trim() === "" ? undefined : optionName(referenceOptions()[kind], value);
  if (name === undefined) return hint;
  return (
    <>
      <span className="picked-name">{name}.</span> {hint}
    </>
  );
}

export function ReferenceLists() {
  const options = referenceOptions();
  return (
    <>
      {(Object.keys(listIds) as ReferenceKind[]).map((kind) => (
        <datalist key={kind} id={listIds[kind]}>
          {options[kind].map((option) => (
            <option key={option.code} value={option.code} label={option.name} />
          ))}
        </datalist>
      ))}
    </>
  );
}
