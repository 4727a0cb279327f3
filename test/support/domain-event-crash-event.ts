// The event type of the domain events crash test, shared by the test and the
// worker process it kills.
import { Type } from "typebox";
import { defineDomainEvent } from "../../src/platform/events/domain-events.ts";

export const CrashTestEvent = defineDomainEvent(
  "crash_test.noted",
  Type.Object({ note_id: Type.String() }),
  "A note for the crash test to hand to its subscriber.",
);

export const crashTestSubscriberName = "crash_test.write_audit_entry";
