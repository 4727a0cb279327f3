// The console: the pages of emailed and printed links (first admin,
// invitation, password reset), the sign-in page until a person or a key is
// signed in, then the shell with the page that the address names.
import type { QueryKey, UseQueryOptions } from "@tanstack/react-query";
import { type ComponentType, type ReactNode, useEffect } from "react";
import type { ApiError } from "./api/api-error.ts";
import { apiQuery } from "./api/queries.ts";
import { AppShell } from "./layout/app-shell.tsx";
import { sections } from "./layout/navigation.ts";
import { ApiKeysPage } from "./pages/api-keys/api-keys-page.tsx";
import { AuditLogPage } from "./pages/audit/audit-log-page.tsx";
import { BillRunsPage } from "./pages/billing/bill-runs-page.tsx";
import { ApprovalQueuePage } from "./pages/catalog/approval-queue-page.tsx";
import { FeatureListPage } from "./pages/catalog/feature-list-page.tsx";
import { PlanCreatePage } from "./pages/catalog/plan-create-page.tsx";
import { PlanDetailPage } from "./pages/catalog/plan-detail-page.tsx";
import { PlanDiffPage } from "./pages/catalog/plan-diff-page.tsx";
import { PlanListPage } from "./pages/catalog/plan-list-page.tsx";
import { PlanVersionEditPage } from "./pages/catalog/plan-version-edit-page.tsx";
import { PlanVersionPage } from "./pages/catalog/plan-version-page.tsx";
import { ProductListPage } from "./pages/catalog/product-list-page.tsx";
import { ContractPage } from "./pages/contracts/contract-page.tsx";
import { CouponListPage } from "./pages/coupons/coupon-list-page.tsx";
import { CustomerCreatePage } from "./pages/customers/customer-create-page.tsx";
import { CustomerDetailPage } from "./pages/customers/customer-detail-page.tsx";
import { CustomerEditPage } from "./pages/customers/customer-edit-page.tsx";
import { CustomerListPage } from "./pages/customers/customer-list-page.tsx";
import { KpisPage } from "./pages/finance/kpis-page.tsx";
import { ReconciliationPage } from "./pages/finance/reconciliation-page.tsx";
import { CreditNoteListPage } from "./pages/finance-documents/credit-note-list-page.tsx";
import { DisputeListPage } from "./pages/finance-documents/dispute-list-page.tsx";
import { JournalPage } from "./pages/finance-documents/journal-page.tsx";
import { TaxRateListPage } from "./pages/finance-documents/tax-rate-list-page.tsx";
import { HomePage } from "./pages/home/home-page.tsx";
import { CutOverPage } from "./pages/imports/cut-over-page.tsx";
import { ImportsPage } from "./pages/imports/imports-page.tsx";
import { ParallelRunsPage } from "./pages/imports/parallel-runs-page.tsx";
import { IntegrationsPage } from "./pages/integrations/integrations-page.tsx";
import { InvoiceCreatePage } from "./pages/invoices/invoice-create-page.tsx";
import { InvoiceDetailPage } from "./pages/invoices/invoice-detail-page.tsx";
import { InvoiceListPage } from "./pages/invoices/invoice-list-page.tsx";
import { EventExplorerPage } from "./pages/metering/event-explorer-page.tsx";
import { MeterCreatePage } from "./pages/metering/meter-create-page.tsx";
import { MeterListPage } from "./pages/metering/meter-list-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { PartnerListPage } from "./pages/partners/partner-list-page.tsx";
import { PartnerPage } from "./pages/partners/partner-page.tsx";
import { PaymentListPage } from "./pages/payments/payment-list-page.tsx";
import { AccountPage } from "./pages/people/account-page.tsx";
import { UsersPage } from "./pages/people/users-page.tsx";
import { BacktestsPage } from "./pages/pricing-changes/backtests-page.tsx";
import { ExperimentDetailPage } from "./pages/pricing-changes/experiment-detail-page.tsx";
import { ExperimentsPage } from "./pages/pricing-changes/experiments-page.tsx";
import { HeldDraftsPage } from "./pages/pricing-changes/held-drafts-page.tsx";
import { RolloutsPage } from "./pages/pricing-changes/rollouts-page.tsx";
import { RevenueReportPage } from "./pages/revenue/revenue-report-page.tsx";
import { SearchPage } from "./pages/search/search-page.tsx";
import { DunningCampaignsPage } from "./pages/settings/dunning-campaigns-page.tsx";
import { EmailTemplatesPage } from "./pages/settings/email-templates-page.tsx";
import { SettingsPage } from "./pages/settings/settings-page.tsx";
import { SimulatorPage } from "./pages/simulator/simulator-page.tsx";
import { SubscriptionCreatePage } from "./pages/subscriptions/subscription-create-page.tsx";
import { SubscriptionDetailPage } from "./pages/subscriptions/subscription-detail-page.tsx";
import { SubscriptionListPage } from "./pages/subscriptions/subscription-list-page.tsx";
import { WebhookDetailPage } from "./pages/webhooks/webhook-detail-page.tsx";
import { WebhookListPage } from "./pages/webhooks/webhook-list-page.tsx";
import { navigate, useLocation } from "./routing/router.ts";
import { matchRoute, type Route, type SinglePage } from "./routing/routes.ts";
import { AccountLinkPages, accountLinkPageOf } from "./session/account-link-pages.tsx";
import { can, SessionProvider, useSession, useSignedInSession } from "./session/session-context.tsx";
import { SignInPage } from "./session/sign-in-page.tsx";
import { ResourcePage } from "./ui/resource-view.tsx";
import { ErrorState, LoadingState } from "./ui/states.tsx";

export function App() {
  return (
    <SessionProvider>
      <Console />
    </SessionProvider>
  );
}

function Console() {
  const { state, retry } = useSession();
  const { path } = useLocation();
  const linkPage = accountLinkPageOf(path);
  if (linkPage !== undefined) return <AccountLinkPages page={linkPage} />;
  if (state.status === "checking") {
    return (
      <main id="main" className="sign-in">
        <LoadingState label="Checking your session…" />
      </main>
    );
  }
  if (state.status === "unavailable") {
    return (
      <main id="main" className="sign-in">
        <div className="sign-in-card">
          <h1>Fairbill</h1>
          <ErrorState error={state.error} onRetry={retry} />
        </div>
      </main>
    );
  }
  if (state.status === "signed-out") return <SignInPage message={state.message} />;
  return (
    <AppShell>
      <CurrentPage />
    </AppShell>
  );
}

function CurrentPage() {
  const session = useSignedInSession();
  const { path } = useLocation();
  const route = matchRoute(path);
  // A key that reads billing opens on the home page; another (ingest) on its first section.
  const showsHome = can(session, "billing:read");
  const home = sections.find((section) => section.path !== "/" && can(session, section.permission))?.path;

  useEffect(() => {
    if (route.page === "home" && !showsHome && home) navigate(home, { replace: true });
  }, [route.page, showsHome, home]);

  if (isPlainPage(route)) {
    const Page = plainPages[route.page];
    return <Page />;
  }
  switch (route.page) {
    case "home":
      if (showsHome) return <HomePage />;
      return home ? null : <NoSectionsPage />;
    case "customer":
      return loaded(customer(route.customerId), "Customer", "Loading the customer…", (found) => (
        <CustomerDetailPage customer={found} />
      ));
    case "customer-edit":
      return loaded(customer(route.customerId), "Edit customer", "Loading the customer…", (found) => (
        <CustomerEditPage customer={found} />
      ));
    case "plan":
      return loaded(plan(route.planId), "Plan", "Loading the plan…", (found) => (
        <PlanDetailPage plan={found} />
      ));
    case "plan-diff":
      return loaded(plan(route.planId), "Compare versions", "Loading the plan…", (found) => (
        <PlanDiffPage plan={found} />
      ));
    case "plan-version":
      return (
        <PlanVersionPage
          key={`${route.planId}/${route.version}`}
          planId={route.planId}
          version={route.version}
        />
      );
    case "plan-version-edit":
      return loaded(
        apiQuery("/v1/plans/{id}/versions/{version}", {
          params: { path: { id: route.planId, version: route.version } },
        }),
        `Edit version ${route.version}`,
        "Loading the version…",
        (found) => <PlanVersionEditPage planVersion={found} />,
      );
    case "webhook":
      return loaded(
        apiQuery("/v1/webhook-endpoints/{id}", byId(route.endpointId)),
        "Webhook endpoint",
        "Loading the endpoint…",
        (found) => <WebhookDetailPage endpoint={found} />,
      );
    case "invoice":
      return loaded(
        apiQuery("/v1/invoices/{id}", byId(route.invoiceId)),
        "Invoice",
        "Loading the invoice…",
        (found) => <InvoiceDetailPage invoice={found} />,
      );
    case "subscription":
      return loaded(
        apiQuery("/v1/subscriptions/{id}", byId(route.subscriptionId)),
        "Subscription",
        "Loading the subscription…",
        (found) => <SubscriptionDetailPage subscription={found} />,
      );
    case "experiment":
      return loaded(
        apiQuery("/v1/experiments/{id}", byId(route.experimentId)),
        "Experiment",
        "Loading the experiment…",
        (found) => <ExperimentDetailPage experiment={found} />,
      );
    case "partner":
      return loaded(
        apiQuery("/v1/partners/{id}", byId(route.partnerId)),
        "Partner",
        "Loading the partner…",
        (found) => <PartnerPage partner={found} />,
      );
    case "not-found":
      return <NotFoundPage path={route.path} />;
  }
}

/** The pages without parameters: a section's page, a list, a form that makes something new. */
type PlainPage =
  | SinglePage
  | "customers"
  | "customer-new"
  | "meter-new"
  | "plan-new"
  | "invoice-new"
  | "subscription-new";

/** The pages without parameters, by their route. */
const plainPages: Record<PlainPage, ComponentType> = {
  customers: CustomerListPage,
  "customer-new": CustomerCreatePage,
  "meter-new": MeterCreatePage,
  "plan-new": PlanCreatePage,
  "invoice-new": InvoiceCreatePage,
  "subscription-new": SubscriptionCreatePage,
  meters: MeterListPage,
  events: EventExplorerPage,
  "audit-log": AuditLogPage,
  "api-keys": ApiKeysPage,
  users: UsersPage,
  account: AccountPage,
  simulator: SimulatorPage,
  products: ProductListPage,
  features: FeatureListPage,
  plans: PlanListPage,
  approvals: ApprovalQueuePage,
  subscriptions: SubscriptionListPage,
  coupons: CouponListPage,
  contracts: ContractPage,
  invoices: InvoiceListPage,
  "bill-runs": BillRunsPage,
  webhooks: WebhookListPage,
  reconciliation: ReconciliationPage,
  kpis: KpisPage,
  backtests: BacktestsPage,
  experiments: ExperimentsPage,
  rollouts: RolloutsPage,
  "held-drafts": HeldDraftsPage,
  payments: PaymentListPage,
  revenue: RevenueReportPage,
  search: SearchPage,
  "credit-notes": CreditNoteListPage,
  disputes: DisputeListPage,
  "tax-rates": TaxRateListPage,
  journal: JournalPage,
  integrations: IntegrationsPage,
  imports: ImportsPage,
  "parallel-runs": ParallelRunsPage,
  "cut-over": CutOverPage,
  settings: SettingsPage,
  "dunning-campaigns": DunningCampaignsPage,
  "email-templates": EmailTemplatesPage,
  partners: PartnerListPage,
};

function isPlainPage(route: Route): route is Extract<Route, { page: PlainPage }> {
  return Object.hasOwn(plainPages, route.page);
}

/** A route's parameters that name one object by its id. */
function byId(id: string) {
  return { params: { path: { id } } };
}

const customer = (id: string) => apiQuery("/v1/customers/{id}", byId(id));
const plan = (id: string) => apiQuery("/v1/plans/{id}", byId(id));

/**
 * The page of one object, once `query` has read it. A page of another object
 * starts afresh (the key), so that nothing typed on one shows on the next.
 */
function loaded<Data, Key extends QueryKey>(
  query: UseQueryOptions<Data, ApiError, Data, Key>,
  title: string,
  loadingLabel: string,
  page: (data: Data) => ReactNode,
) {
  return (
    <ResourcePage
      key={JSON.stringify(query.queryKey)}
      query={query}
      title={title}
      loadingLabel={loadingLabel}
    >
      {page}
    </ResourcePage>
  );
}

function NoSectionsPage() {
  return (
    <>
      <h1 tabIndex={-1}>Nothing to show for this key</h1>
      <p>
        This key's role (such as ingest) can send usage events but not use the console. Sign out and sign in
        with an admin, billing operations, finance or viewer key.
      </p>
    </>
  );
}
