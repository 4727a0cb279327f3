// Suggestions for code fields from the browser's own tables (every ISO 4217
// currency, every IANA time zone), offered as <datalist>s: typing stays free
// and the API remains the judge of what is valid.

function supported(kind: "currency" | "timeZone"): string[] {
  try {
    return Intl.supportedValuesOf(kind);
  } catch {
    return [];
  }
}

export const currencyListId = "currency-codes";
export const timeZoneListId = "time-zones";

export function ReferenceLists() {
  return (
    <>
      <datalist id={currencyListId}>
        {supported("currency").map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <datalist id={timeZoneListId}>
        {supported("timeZone").map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
