// A contract with one prepaid commit of the billing core's own types, for the
// core's commit tests: from 1 January 2030, invoiced up front, drawn by usage,
// never rolled over.
import { type Contract, Decimal, parseInstant } from "../../src/core/index.ts";

export const at = (text: string) => parseInstant(text)!;

export function prepaidCommitContract(terms: {
  end: string;
  renewal: Contract["renewal"];
  amount: string;
}): Contract {
  return {
    start: at("2030-01-01T00:00:00Z"),
    end: at(terms.end),
    renewal: terms.renewal,
    phases: [],
    rateCard: [],
    commits: [
      {
        type: "prepaid",
        id: "prepaid",
        amount: new Decimal(terms.amount),
        invoicing: { type: "upfront" },
        appliesTo: ["usage"],
        priority: 1,
        rollover: { type: "none" },
      },
    ],
  };
}
