// The revenue-recognition journal of an accounting month, sent as journal
// entries (one per balanced entry of Fairbill's journal, the accounts mapped
// by their role, else Fairbill's own codes). Each entry is synced once; a
// month sent again sends only the entries it did not have.
import { getJournal, type JournalLine } from "../finance/index.ts";
import type { AccountingJournalLine, AccountingSystem } from "./accounting-system.ts";
import type { Mappings } from "./mappings.ts";
import { type SyncRun, SyncStopped, syncObject } from "./object-sync.ts";

export type JournalSyncTarget = { connectionId: string; system: AccountingSystem; mappings: Mappings };

/** Sends the month's entries; one that fails waits in the error queue and the others go on. */
export async function syncJournalMonth(
  run: SyncRun,
  target: JournalSyncTarget,
  period: string,
): Promise<void> {
  const journal = await getJournal(run.context, period, "$.period");
  const entries = new Map<string, JournalLine[]>();
  for (const line of journal.lines) entries.set(line.entry_id, [...(entries.get(line.entry_id) ?? []), line]);
  for (const [entryId, lines] of entries) {
    const [first] = lines;
    if (first === undefined) continue;
    try {
      await syncObject(
        run,
        {
          connectionId: target.connectionId,
          objectType: "journal_entry",
          objectId: entryId,
          sourceType: "journal",
          sourceId: period,
        },
        () =>
          target.system.journalEntry({
            fairbillId: entryId,
            date: first.date,
            narration: `Fairbill ${entryId}`,
            lines: lines.map((line) => journalLine(line, target.mappings)),
          }),
      );
    } catch (error) {
      if (!(error instanceof SyncStopped)) throw error;
    }
  }
}

function journalLine(line: JournalLine, mappings: Mappings): AccountingJournalLine {
  return {
    accountCode: mappings.required("account", line.account_role, line.account),
    amount: line.debit === "" ? `-${line.credit}` : line.debit,
    description: `${line.reference} ${line.memo}`.trim().slice(0, 400),
  };
}
