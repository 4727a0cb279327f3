// HTTP routes of credits: grants (/v1/customers/{id}/credit-grants,
// /v1/credit-grants), wallets and top-ups (/v1/customers/{id}/wallets,
// /v1/wallets), the ledger and balances, and the customer balance.
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { creditBalances, listCreditLedger } from "./credit-balances.ts";
import { createCreditGrant, getCreditGrant, listCreditGrants, voidCreditGrant } from "./credit-grants.ts";
import {
  CreateCreditGrantBody,
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
import { customerBalances, listCustomerBalanceEntries } from "./customer-balance.ts";
import { createWallet, getWallet, listWallets, updateWallet } from "./wallets.ts";

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerCreditRoutes(app: FairbillApp): void {
  registerGrantRoutes(app);
  registerWalletRoutes(app);
  registerBalanceRoutes(app);
}

const read = { permission: "billing:read" as const };
const write = { permission: "billing:write" as const };

function registerGrantRoutes(app: FairbillApp): void {
  const tags = ["Credits"];

  app.post(
    "/customers/:id/credit-grants",
    {
      config: write,
      schema: {
        tags,
        summary: "Grant credits to a customer: money their invoices use before anything is due",
        params: IdParams,
        body: CreateCreditGrantBody,
        response: { 201: CreditGrantSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCreditGrant(request.context, request.params.id, request.body)),
  );

  app.get(
    "/customers/:id/credit-grants",
    {
      config: read,
      schema: {
        tags,
        summary: "List a customer's credit grants, newest first",
        params: IdParams,
        querystring: Type.Object(
          { ...CreditGrantListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(CreditGrantSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const grants = await listCreditGrants(request.context, request.params.id, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(grants, limit, (grant) => grant);
    },
  );

  app.get(
    "/credit-grants/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a credit grant",
        params: IdParams,
        response: { 200: CreditGrantSchema, ...standardErrorResponses },
      },
    },
    async (request) => getCreditGrant(request.context, request.params.id),
  );

  app.post(
    "/credit-grants/:id/void",
    {
      config: write,
      schema: {
        tags,
        summary: "Void a credit grant: what is left leaves the ledger and is never used",
        params: IdParams,
        body: VoidCreditGrantBody,
        response: { 200: CreditGrantSchema, ...standardErrorResponses },
      },
    },
    async (request) => voidCreditGrant(request.context, request.params.id, request.body.reason),
  );

  app.get(
    "/customers/:id/credit-balances",
    {
      config: read,
      schema: {
        tags,
        summary: "A customer's credits per currency: usable now, scheduled, and per grant",
        params: IdParams,
        response: { 200: CreditBalancesSchema, ...standardErrorResponses },
      },
    },
    async (request) => creditBalances(request.context, request.params.id),
  );

  app.get(
    "/customers/:id/credit-ledger",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Every increment, burn, expiry, void and void reversal of a customer's credits, newest first",
        params: IdParams,
        querystring: Type.Object(
          { ...CreditLedgerQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(CreditLedgerEntrySchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      return listCreditLedger(request.context, request.params.id, filters, { limit, cursor });
    },
  );
}

function registerWalletRoutes(app: FairbillApp): void {
  const tags = ["Wallets"];

  app.post(
    "/customers/:id/wallets",
    {
      config: write,
      schema: {
        tags,
        summary: "Open a prepaid wallet for a customer, optionally with an automatic top-up",
        params: IdParams,
        body: CreateWalletBody,
        response: { 201: WalletSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWallet(request.context, request.params.id, request.body)),
  );

  app.get(
    "/customers/:id/wallets",
    {
      config: read,
      schema: {
        tags,
        summary: "List a customer's wallets, newest first",
        params: IdParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(WalletSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const wallets = await listWallets(request.context, request.params.id, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(wallets, limit, (wallet) => wallet);
    },
  );

  app.get(
    "/wallets/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a wallet and its balance",
        params: IdParams,
        response: { 200: WalletSchema, ...standardErrorResponses },
      },
    },
    async (request) => getWallet(request.context, request.params.id),
  );

  app.patch(
    "/wallets/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Rename a wallet, or set or clear (null) its automatic top-up",
        params: IdParams,
        body: UpdateWalletBody,
        response: { 200: WalletSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateWallet(request.context, request.params.id, request.body),
  );
}

function registerBalanceRoutes(app: FairbillApp): void {
  const tags = ["Customer balance"];

  app.get(
    "/customers/:id/balance",
    {
      config: read,
      schema: {
        tags,
        summary: "Money owed to the customer, per currency, that later invoices use",
        params: IdParams,
        response: { 200: CustomerBalanceSchema, ...standardErrorResponses },
      },
    },
    async (request) => customerBalances(request.context, request.params.id),
  );

  app.get(
    "/customers/:id/balance-entries",
    {
      config: read,
      schema: {
        tags,
        summary: "The movements of the customer balance, newest first",
        params: IdParams,
        querystring: Type.Object(
          { ...CustomerBalanceEntryQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(CustomerBalanceEntrySchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      return listCustomerBalanceEntries(request.context, request.params.id, filters, { limit, cursor });
    },
  );
}
