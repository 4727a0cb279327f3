// Voiding an invoice that drew on a contract's prepaid commit gives the draw
// back, in the ledger and in the books, every figure worked by hand. The
// enterprise contract of contract-fixtures.ts (platform 2,000.00 and support
// 500.00 a month in advance, tokens at 1.00) from 1 January to 1 April 2030,
// with a prepaid commit of 1,000.00 invoiced up front and drawn by usage:
// - 1 February: January's 300 tokens, 300.00 drawn (700.00 left);
// - the 1 February invoice is voided on 5 February: the 300.00 is given back (1,000.00 left);
// - 1 March: February's 200 tokens, 200.00 drawn (800.00 left);
// - 1 April: the term ends with 800.00 unused, which expires.
// A draw on a term that had already ended when its invoice was voided stays
// drawn: the term's rest was settled (expired or rolled over) when it ended.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "../../test/support/builders.ts";
import {
  enterpriseContractCustomer,
  scheduleLines,
  sellEnterpriseContracts,
  contractStart as start,
  tokensUsed,
} from "../../test/support/contract-fixtures.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Voided commit draws" });
const end = "2030-04-01T00:00:00Z";

type Invoice = { id: string; issued_at: string; total: string; commit_draws: { amount: string }[] };

async function invoicesOf(customerId: string): Promise<Invoice[]> {
  const page = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`));
  return [...(page.data as Invoice[])].sort((left, right) => left.issued_at.localeCompare(right.issued_at));
}

async function commitBalance(contractId: string) {
  const balances = await expectOk(suite.tenant.admin.get(`/v1/contracts/${contractId}/balances`));
  const [balance] = balances.balances as { drawn: string; expired: string; remaining: string | null }[];
  return balance;
}

async function voidInvoiceIssuedOn(customerId: string, day: string): Promise<void> {
  const invoice = (await invoicesOf(customerId)).find((candidate) => candidate.issued_at.startsWith(day));
  await expectOk(suite.tenant.admin.post(`/v1/invoices/${invoice?.id}/void`, { reason: "wrong usage" }));
}

describe("voiding an invoice that drew on a prepaid commit", () => {
  let customerId: string;
  let contractId: string;
  let externalId: string;

  beforeAll(async () => {
    const planId = (await sellEnterpriseContracts(suite.tenant)).id;
    // Plans are published in real time: the test clock runs in a year to come.
    await freezeTestClock(suite.tenant.admin, start);
    const made = await enterpriseContractCustomer(suite.tenant.admin, planId, { commit: "1000.00", end });
    customerId = made.customer.id;
    contractId = made.contractId;
    externalId = made.customer.external_id;
    await advanceTestClock(suite.tenant.admin, "2030-01-20T00:00:00Z");
    await ingestEvents(suite.tenant.admin, [tokensUsed("voided", externalId, "01", 300)]);
    await advanceTestClock(suite.tenant.admin, "2030-02-01T00:00:01Z");
  });

  it("gives the draw back to the commit's balance, and later invoices draw on it", async () => {
    const february = (await invoicesOf(customerId)).find((invoice) =>
      invoice.issued_at.startsWith("2030-02-01"),
    );
    expect(february?.commit_draws.map((draw) => draw.amount)).toEqual(["300.00"]);
    expect(await commitBalance(contractId)).toMatchObject({ drawn: "300.00", remaining: "700.00" });

    await advanceTestClock(suite.tenant.admin, "2030-02-05T00:00:00Z");
    await voidInvoiceIssuedOn(customerId, "2030-02-01");
    expect(await commitBalance(contractId)).toMatchObject({ drawn: "0.00", remaining: "1000.00" });

    await advanceTestClock(suite.tenant.admin, "2030-02-20T00:00:00Z");
    await ingestEvents(suite.tenant.admin, [tokensUsed("voided", externalId, "02", 200)]);
    await advanceTestClock(suite.tenant.admin, "2030-03-01T00:00:01Z");
    const march = (await invoicesOf(customerId)).find((invoice) =>
      invoice.issued_at.startsWith("2030-03-01"),
    );
    expect(march?.commit_draws.map((draw) => draw.amount)).toEqual(["200.00"]);
    expect(await commitBalance(contractId)).toMatchObject({ drawn: "200.00", remaining: "800.00" });
  });

  it("takes the voided draw's revenue back in the month of the void, and the rest expires at the term's end", async () => {
    await advanceTestClock(suite.tenant.admin, "2030-04-01T00:00:01Z");
    expect(await commitBalance(contractId)).toMatchObject({ drawn: "200.00", expired: "800.00" });
    const revenue = await expectOk(suite.tenant.admin.get(`/v1/contracts/${contractId}/revenue-schedule`));
    expect(revenue.journal.map((month: { balanced: boolean }) => month.balanced)).not.toContain(false);
    const commit = (revenue.obligations as { id: string; kind: string; allocated: string }[]).find(
      (obligation) => obligation.kind === "commit",
    );
    const commitLines = scheduleLines(revenue.schedule).filter((line) => line.includes(` ${commit?.id} `));
    // The commit's allocated value is released 300/1,000 for January's draw; in February the void
    // takes that back and February's draw releases 200/1,000; the 800/1,000 left is breakage at the end.
    const allocated = Number(commit?.allocated);
    const share = (units: number) => Number(((allocated * units) / 1000).toFixed(2));
    expect(commitLines).toEqual([
      `2030-01 ${commit?.id} revenue ${share(300).toFixed(2)}`,
      `2030-02 ${commit?.id} revenue ${(share(200) - share(300)).toFixed(2)}`,
      `2030-03 ${commit?.id} breakage ${(allocated - share(200)).toFixed(2)}`,
    ]);
  });
});
