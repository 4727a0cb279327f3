// The meter versions of one environment, indexed for reading events: which
// versions an event may count for (by its name and timestamp), and each
// version's reader. Built per batch or per query from the meter tables.
import type { Instant } from "../core/index.ts";
import type { MeterVersion } from "./meter-definition.ts";
import { type MeterReader, type MeterReading, meterReaderOf } from "./meter-reading.ts";
import type { EventProperties } from "./tables.ts";

export type EventToRead = { name: string; timestamp: Instant; properties: EventProperties };

export type VersionReading = { reader: MeterReader; reading: MeterReading };

export class MeterCatalog {
  private readonly readersByEventName = new Map<string, MeterReader[]>();

  constructor(versions: readonly MeterVersion[]) {
    for (const version of versions) {
      const readers = this.readersByEventName.get(version.definition.event_name) ?? [];
      readers.push(meterReaderOf(version));
      this.readersByEventName.set(version.definition.event_name, readers);
    }
  }

  /** What each meter version in effect at the event's timestamp reads from it, matched or not. */
  read(event: EventToRead): VersionReading[] {
    const readers = this.readersByEventName.get(event.name);
    if (readers === undefined) return [];
    const readings: VersionReading[] = [];
    for (const reader of readers) {
      const { effectiveFrom, effectiveUntil } = reader.version;
      if (event.timestamp < effectiveFrom || event.timestamp >= effectiveUntil) continue;
      readings.push({ reader, reading: reader.read(event.properties) });
    }
    return readings;
  }

  /**
   * Why no meter counts an event that is stored anyway, for the sender: most
   * often a misspelt event name, else filters or effective dates that leave
   * it out. Undefined when some meter counts it.
   */
  unmatchedHint(event: EventToRead, readings: readonly VersionReading[]): string | undefined {
    if (readings.some(({ reading }) => reading.kind === "matched")) return undefined;
    if (this.readersByEventName.has(event.name)) {
      return `no meter counting "${event.name}" matches this event at its timestamp (its filters or effective dates leave it out): stored, counted by none`;
    }
    const names = [...this.readersByEventName.keys()].sort();
    const shown = names.length > 10 ? `${names.slice(0, 10).join(", ")}, …` : names.join(", ");
    const known = names.length === 0 ? "no meter exists yet" : `meters count ${shown}`;
    return `no meter counts events named "${event.name}" (${known}): stored, counted by none`;
  }

  /** The versions that count the event (those that match it and can read it). */
  matchingVersions(event: EventToRead): MeterVersion[] {
    return this.read(event)
      .filter(({ reading }) => reading.kind === "matched")
      .map(({ reader }) => reader.version);
  }
}
