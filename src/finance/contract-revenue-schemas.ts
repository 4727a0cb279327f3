// The JSON shape of a contract's revenue schedule (GET /v1/contracts/{id}/revenue-schedule).
import { type Static, Type } from "typebox";
import { StringEnum } from "../platform/http/schemas.ts";
import { Money } from "./revenue-schemas.ts";

const ObligationSchema = Type.Object({
  id: Type.String({
    description:
      "a fee's product (or charge:<id> when its charge names none), or commit:<commit id>:<term start day>",
  }),
  kind: StringEnum(["fee", "commit"]),
  contract_price: Money,
  standalone_selling_price: Money,
  standalone_selling_price_source: StringEnum(["configured", "list_price"]),
  allocated: Money,
  reallocated: Type.String({ description: "allocated less contract_price" }),
  credited: Type.String({
    description:
      "what credit notes and voids on its lines took off it (net of tax), reversed from its revenue proportionally",
  }),
});

const ScheduleMonthSchema = Type.Object({
  month: Type.String({ description: "an accounting month, YYYY-MM, in the finance settings' time zone" }),
  obligation_id: Type.String({ description: "an obligation's id, or usage for variable consideration" }),
  kind: StringEnum(["revenue", "variable", "breakage"]),
  amount: Money,
});

const JournalMonthSchema = Type.Object({
  month: Type.String(),
  invoiced: Money,
  recognized: Money,
  deferred_revenue: Type.String({ description: "the balance at the month's end" }),
  unbilled_receivables: Type.String({ description: "the balance at the month's end" }),
  balanced: Type.Boolean(),
  lines: Type.Array(
    Type.Object({
      account: StringEnum([
        "accounts_receivable",
        "unbilled_receivables",
        "deferred_revenue",
        "revenue",
        "breakage_revenue",
      ]),
      debit: Money,
      credit: Money,
    }),
  ),
});

export const ContractRevenueScheduleSchema = Type.Object({
  contract_id: Type.String(),
  currency: Type.String(),
  timezone: Type.String(),
  transaction_price: Type.String({
    description:
      "the fixed consideration: fees invoiced so far (less what commits paid of them) and every started term's prepaid commits",
  }),
  variable_consideration: Type.String({ description: "usage billed beyond the commits, earned as used" }),
  credited: Type.String({
    description:
      "what credit notes and voids took off the contract's lines, net of tax: the transaction price less this is what it earns",
  }),
  obligations: Type.Array(ObligationSchema),
  schedule: Type.Array(ScheduleMonthSchema),
  journal: Type.Array(JournalMonthSchema),
});
export type ContractRevenueScheduleView = Static<typeof ContractRevenueScheduleSchema>;
