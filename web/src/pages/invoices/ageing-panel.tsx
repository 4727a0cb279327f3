// Receivables by age: what customers still owe per currency, in the buckets
// of days past the due date (current, 1–30, 31–60, 61–90, over 90), each a
// link to the invoices in it.
import { useQuery } from "@tanstack/react-query";
import type { GetData } from "../../api/queries.ts";
import { apiQuery } from "../../api/queries.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";

type Ageing = GetData<"/v1/receivables/ageing">;
type Bucket = Ageing["currencies"][number]["buckets"][number]["bucket"];

export const ageingLabels: Record<Bucket, string> = {
  current: "Not yet due",
  "1_30": "1–30 days overdue",
  "31_60": "31–60 days overdue",
  "61_90": "61–90 days overdue",
  over_90: "Over 90 days overdue",
};

export function AgeingPanel() {
  const ageing = useQuery(apiQuery("/v1/receivables/ageing"));
  return (
    <Panel title="Receivables by age">
      <ResourceView resource={ageing} loadingLabel="Ageing receivables…">
        {(loaded) =>
          loaded.currencies.length === 0 ? (
            <EmptyState title="Nothing is owed." />
          ) : (
            <DataTable
              label="Receivables by age table"
              rows={loaded.currencies}
              rowKey={(row) => row.currency}
              columns={[
                { header: "Currency", cell: (row) => row.currency },
                ...Object.entries(ageingLabels).map(([bucket, label]) => ({
                  header: label.replace(" overdue", ""),
                  cell: (row: Ageing["currencies"][number]) => {
                    const entry = row.buckets.find((candidate) => candidate.bucket === bucket);
                    if (entry === undefined || entry.invoices === 0) return "—";
                    const count = entry.invoices === 1 ? "1 invoice" : `${entry.invoices} invoices`;
                    return (
                      <Link to={`/invoices?ageing=${bucket}`}>
                        {/* The link's name holds its visible text, as speech input needs. */}
                        <span className="visually-hidden">
                          {label} in {row.currency}:{" "}
                        </span>
                        {formatMoney(entry.amount, row.currency)} <span className="actor-id">{count}</span>
                      </Link>
                    );
                  },
                })),
                { header: "Total owed", cell: (row) => formatMoney(row.total, row.currency) },
              ]}
            />
          )
        }
      </ResourceView>
    </Panel>
  );
}
