// What the top bar's search found: customers by name, email or external id,
// invoices by number, plans by name or code; a pasted id (cus_…, inv_…,
// pln_…, sub_…) opens its object's page at once.
import { useQuery } from "@tanstack/react-query";
import { apiQuery, useAllPages } from "../../api/queries.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { useLocation } from "../../routing/router.ts";
import { customerPath, invoicePath, planPath, subscriptionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { InvoiceStatusBadge } from "../invoices/invoice-status.tsx";

const shown = 10;

const idPages: [prefix: string, path: (id: string) => string, noun: string][] = [
  ["cus_", customerPath, "customer"],
  ["inv_", invoicePath, "invoice"],
  ["pln_", planPath, "plan"],
  ["sub_", subscriptionPath, "subscription"],
];

export function SearchPage() {
  const session = useSignedInSession();
  const text = (useLocation().query.get("q") ?? "").trim();
  if (text === "") {
    return (
      <>
        <PageHeader title="Search" />
        <EmptyState title="Type a name, an email, an external id or an invoice number in the search box.">
          <p>Press / or Ctrl+K on any page to start a search.</p>
        </EmptyState>
      </>
    );
  }
  const idPage = idPages.find(([prefix]) => text.startsWith(prefix) && !/\s/.test(text));
  return (
    <>
      <PageHeader title={`Search for “${text}”`} subtitle="Customers, invoices and plans that match." />
      {idPage && (
        <p>
          <Link to={idPage[1](text)}>
            Open the {idPage[2]} {text}
          </Link>
        </p>
      )}
      {can(session, "customers:read") && <CustomerResults text={text} />}
      {can(session, "billing:read") && <InvoiceResults text={text} />}
      {can(session, "catalog:read") && <PlanResults text={text} />}
    </>
  );
}

function CustomerResults({ text }: { text: string }) {
  const customers = useQuery(
    apiQuery("/v1/customers", { params: { query: { search: text, limit: shown } } }),
  );
  return (
    <Panel title="Customers">
      <ResourceView
        resource={customers}
        loadingLabel="Finding customers…"
        empty={<p className="muted">No customer's name, email or external id holds “{text}”.</p>}
      >
        {(page) => (
          <ul className="search-results">
            {page.data.map((customer) => (
              <li className="search-result" key={customer.id}>
                <Link to={customerPath(customer.id)}>{customer.name ?? customer.external_id}</Link>{" "}
                <span className="muted">
                  {customer.external_id}
                  {customer.email ? ` · ${customer.email}` : ""}
                </span>
              </li>
            ))}
            {page.next_cursor !== null && (
              <li className="search-result">
                <Link to={`/customers?search=${encodeURIComponent(text)}`}>Every customer that matches</Link>
              </li>
            )}
          </ul>
        )}
      </ResourceView>
    </Panel>
  );
}

function InvoiceResults({ text }: { text: string }) {
  const invoices = useQuery(apiQuery("/v1/invoices", { params: { query: { number: text, limit: shown } } }));
  return (
    <Panel title="Invoices">
      <ResourceView
        resource={invoices}
        loadingLabel="Finding invoices…"
        empty={<p className="muted">No invoice number holds “{text}”.</p>}
      >
        {(page) => (
          <ul className="search-results">
            {page.data.map((invoice) => (
              <li className="search-result" key={invoice.id}>
                <Link to={invoicePath(invoice.id)}>{invoice.number}</Link>{" "}
                <span className="muted">
                  {invoice.buyer?.name ?? invoice.customer_id} ·{" "}
                  {formatMoney(invoice.total, invoice.currency)}
                </span>{" "}
                <InvoiceStatusBadge invoice={invoice} />
              </li>
            ))}
          </ul>
        )}
      </ResourceView>
    </Panel>
  );
}

function PlanResults({ text }: { text: string }) {
  const plans = useAllPages("/v1/plans");
  const lower = text.toLowerCase();
  return (
    <Panel title="Plans">
      <ResourceView resource={plans} loadingLabel="Finding plans…">
        {(all) => {
          const matching = all.filter(
            (plan) => plan.name.toLowerCase().includes(lower) || plan.code.toLowerCase().includes(lower),
          );
          return matching.length === 0 ? (
            <p className="muted">No plan's name or code holds “{text}”.</p>
          ) : (
            <ul className="search-results">
              {matching.slice(0, shown).map((plan) => (
                <li className="search-result" key={plan.id}>
                  <Link to={planPath(plan.id)}>{plan.name}</Link> <span className="muted">{plan.code}</span>
                </li>
              ))}
            </ul>
          );
        }}
      </ResourceView>
    </Panel>
  );
}
