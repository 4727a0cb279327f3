// A spool in a local file, for Node.js: `@fairbill/sdk/spool`. Each tracked
// event is appended as a line before `track` returns, and each acknowledged
// batch appends a line of the ids it crosses out, so a process that crashes
// (or is killed) leaves the file holding exactly the events not yet sent; the
// next process to open it sends them with their ids, and the server counts
// an id once, so an event both sent and still listed is not counted twice.
// Opening the file rewrites it with only the pending events; once everything
// written down has been sent, the file is emptied.
import {
  appendFileSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import type { QueuedEvent, Spool } from "./ingestion.ts";

type Line = { event: QueuedEvent } | { sent: string[] };

export class FileSpool implements Spool {
  private readonly path: string;
  private readonly waiting = new Map<string, QueuedEvent>();
  private descriptor: number;

  /** Opens (or creates) the spool at `path`; one process at a time may hold a file. */
  constructor(path: string) {
    this.path = path;
    if (existsSync(path)) {
      for (const text of readFileSync(path, "utf8").split("\n")) {
        if (text.length === 0) continue;
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          // The last line of a process killed mid-write: that event's track() never returned.
          continue;
        }
        if ("event" in line) this.waiting.set(line.event.id, line.event);
        else for (const id of line.sent) this.waiting.delete(id);
      }
    }
    // Compacted: only what is still to be sent.
    const temporary = `${path}.${Date.now()}.tmp`;
    writeFileSync(
      temporary,
      [...this.waiting.values()].map((event) => `${JSON.stringify({ event })}\n`).join(""),
    );
    renameSync(temporary, path);
    this.descriptor = openSync(path, "a");
  }

  pending(): QueuedEvent[] {
    return [...this.waiting.values()];
  }

  add(events: QueuedEvent[]): void {
    appendFileSync(this.descriptor, events.map((event) => `${JSON.stringify({ event })}\n`).join(""));
    for (const event of events) this.waiting.set(event.id, event);
  }

  remove(ids: string[]): void {
    for (const id of ids) this.waiting.delete(id);
    if (this.waiting.size === 0) {
      // Everything written down was sent: start the file afresh.
      closeSync(this.descriptor);
      writeFileSync(this.path, "");
      this.descriptor = openSync(this.path, "a");
      return;
    }
    appendFileSync(this.descriptor, `${JSON.stringify({ sent: ids })}\n`);
  }

  /** The number of events written down and not yet sent. */
  get size(): number {
    return this.waiting.size;
  }

  close(): void {
    closeSync(this.descriptor);
  }
}
