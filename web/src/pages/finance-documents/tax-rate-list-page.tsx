// Tax rates, filtered by country or region, archived ones on request (kept
// in the address): each with its percentage, whether prices include it,
// whether a reverse charge may apply, and the dates it is valid between.
import type { QueryOf } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { DataTable } from "../../ui/data-table.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import { archivedFilter, FilteredListPage, useFilteredList } from "../../ui/filtered-list-page.tsx";

type TaxRateQuery = QueryOf<"/v1/tax-rates">;

const filterFields: FilterField<keyof TaxRateQuery>[] = [
  { name: "country", label: "Country", hint: "DE", kind: "code" },
  { name: "region", label: "Region", hint: "CA" },
  archivedFilter("Archived", ["Rates in use", "Archived rates"]),
];

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function TaxRateListPage() {
  const filteredList = useFilteredList("/v1/tax-rates", filterFields, 100);

  return (
    <FilteredListPage
      title="Tax rates"
      subtitle="The rates invoices apply by the customer's country and region."
      basePath="/tax-rates"
      filteredList={filteredList}
      noun={["tax rate", "tax rates"]}
      csv={{
        header: [
          "name",
          "country",
          "region",
          "percent",
          "inclusive",
          "reverse_charge_eligible",
          "valid_from",
          "valid_until",
        ],
        row: (rate) => [
          rate.name,
          rate.country,
          rate.region ?? "",
          rate.percent,
          String(rate.inclusive),
          String(rate.reverse_charge_eligible),
          rate.valid_from ?? "",
          rate.valid_until ?? "",
        ],
      }}
    >
      {(rates) => (
        <DataTable
          label="Tax rates table"
          rows={rates}
          rowKey={(rate) => rate.id}
          columns={[
            { header: "Name", cell: (rate) => rate.name },
            {
              header: "Where",
              cell: (rate) => `${countryName(rate.country)}${rate.region ? `, ${rate.region}` : ""}`,
            },
            { header: "Rate", numeric: true, cell: (rate) => `${rate.percent}%` },
            { header: "Prices", cell: (rate) => (rate.inclusive ? "Include the tax" : "Exclude the tax") },
            {
              header: "Reverse charge",
              cell: (rate) => (rate.reverse_charge_eligible ? "May apply" : "No"),
            },
            {
              header: "Valid",
              cell: (rate) =>
                rate.valid_from === null && rate.valid_until === null
                  ? "Always"
                  : `${rate.valid_from ? `from ${formatDateTime(rate.valid_from)}` : ""}${rate.valid_until ? ` until ${formatDateTime(rate.valid_until)}` : ""}`.trim(),
            },
          ]}
        />
      )}
    </FilteredListPage>
  );
}
