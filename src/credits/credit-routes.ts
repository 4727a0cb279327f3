// HTTP routes of credits: grants (/v1/customers/{id}/credit-grants,
// /v1/credit-grants), wallets and top-ups (/v1/customers/{id}/wallets,
// /v1/wallets), the ledger and balances, and the customer balance.
import { PagedQuery, PageOf } from "../platform/http/pagination.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { creditBalances, creditLedger } from "./credit-balances.ts";
import { createCreditGrant, getCreditGrant, listCreditGrants, voidCreditGrant } from "./credit-grants.ts";
import {
  CreateCreditGrantBody,
  CreatedCreditGrantSchema,
  CreateWalletBody,
  CreditBalancesSchema,
  CreditGrantListQuery,
  CreditGrantSchema,
  CreditLedgerEntrySchema,
  CreditLedgerQuery,
  CustomerBalanceEntryQuery,
  CustomerBalanceEntrySchema,
  CustomerBalanceSchema,
  UpdateWalletBody,
  VoidCreditGrantBody,
  WalletSchema,
} from "./credit-schemas.ts";
import { customerBalanceLedger, customerBalances } from "./customer-balance.ts";
import { customerLedgerPage } from "./sequence-pages.ts";
import { createWallet, getWallet, listWallets, updateWallet } from "./wallets.ts";

export function registerCreditRoutes(app: FairbillApp): void {
  registerGrantRoutes(app);
  registerWalletRoutes(app);
  registerBalanceRoutes(app);
}

const access = { read: "billing:read", write: "billing:write" } as const;

function registerGrantRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Credits"], ...access });

  routes.writeById(
    "POST /customers/:id/credit-grants",
    {
      operationId: "createCreditGrant",
      summary: "Grant credits to a customer: money their invoices use before anything is due",
      body: CreateCreditGrantBody,
      response: CreatedCreditGrantSchema,
      status: 201,
    },
    createCreditGrant,
  );

  routes.listById(
    "GET /customers/:id/credit-grants",
    {
      operationId: "listCreditGrants",
      summary: "List a customer's credit grants, newest first",
      filters: CreditGrantListQuery,
      item: CreditGrantSchema,
    },
    listCreditGrants,
  );

  routes.readById(
    "GET /credit-grants/:id",
    {
      operationId: "getCreditGrant",
      summary: "Read a credit grant",
      response: CreditGrantSchema,
    },
    getCreditGrant,
  );

  routes.writeById(
    "POST /credit-grants/:id/void",
    {
      operationId: "voidCreditGrant",
      summary: "Void a credit grant: what is left leaves the ledger and is never used",
      body: VoidCreditGrantBody,
      response: CreditGrantSchema,
    },
    (context, id, body) => voidCreditGrant(context, id, body.reason),
  );

  routes.readById(
    "GET /customers/:id/credit-balances",
    {
      operationId: "getCreditBalances",
      summary: "A customer's credits per currency: usable now, scheduled, and per grant",
      response: CreditBalancesSchema,
    },
    creditBalances,
  );

  routes.read(
    "GET /customers/:id/credit-ledger",
    {
      operationId: "listCreditLedgerEntries",
      summary: "Every increment, burn, expiry, void and void reversal of a customer's credits, newest first",
      params: IdParams,
      query: PagedQuery(CreditLedgerQuery),
      response: PageOf(CreditLedgerEntrySchema),
    },
    ({ context, params, query: { limit = 20, cursor, ...filters } }) =>
      customerLedgerPage(context, creditLedger, params.id, filters, { limit, cursor }),
  );
}

function registerWalletRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Wallets"], ...access });

  routes.writeById(
    "POST /customers/:id/wallets",
    {
      operationId: "createWallet",
      summary: "Open a prepaid wallet for a customer, optionally with an automatic top-up",
      body: CreateWalletBody,
      response: WalletSchema,
      status: 201,
    },
    createWallet,
  );

  routes.listById(
    "GET /customers/:id/wallets",
    {
      operationId: "listWallets",
      summary: "List a customer's wallets, newest first",
      item: WalletSchema,
    },
    (context, id, _filters, page) => listWallets(context, id, page),
  );

  routes.readById(
    "GET /wallets/:id",
    {
      operationId: "getWallet",
      summary: "Read a wallet and its balance",
      response: WalletSchema,
    },
    getWallet,
  );

  routes.writeById(
    "PATCH /wallets/:id",
    {
      operationId: "updateWallet",
      summary: "Rename a wallet, or set or clear (null) its automatic top-up",
      body: UpdateWalletBody,
      response: WalletSchema,
    },
    updateWallet,
  );
}

function registerBalanceRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Customer balance"], ...access });

  routes.readById(
    "GET /customers/:id/balance",
    {
      operationId: "getCustomerBalance",
      summary: "Money owed to the customer, per currency, that later invoices use",
      response: CustomerBalanceSchema,
    },
    customerBalances,
  );

  routes.read(
    "GET /customers/:id/balance-entries",
    {
      operationId: "listCustomerBalanceEntries",
      summary: "The movements of the customer balance, newest first",
      params: IdParams,
      query: PagedQuery(CustomerBalanceEntryQuery),
      response: PageOf(CustomerBalanceEntrySchema),
    },
    ({ context, params, query: { limit = 20, cursor, ...filters } }) =>
      customerLedgerPage(context, customerBalanceLedger, params.id, filters, { limit, cursor }),
  );
}
