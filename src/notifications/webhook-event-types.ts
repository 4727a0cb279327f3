// Webhook event types as typed contracts. Notifications sits below the
// domains whose objects the events carry, so it does not know them: each
// domain declares the events it sends with `defineWebhookEvent` (its name, the
// schema of its `data`, when it is sent) and publishes with that declaration,
// so a payload of the wrong shape is a type error. The composition root
// gathers every declaration into one catalogue: the event types endpoints may
// filter on, and the `webhooks` section of the OpenAPI document.
import type { TSchema } from "typebox";

/** An event type: what it is called, the schema of its `data`, and when it is sent. */
export type WebhookEventDefinition<Payload extends TSchema = TSchema> = {
  readonly type: string;
  /** The object the event carries, as the API shows it; a schema with a `title`, its name in the document. */
  readonly payload: Payload;
  /** When the event is sent, for the document and the README. */
  readonly description: string;
};

/**
 * Declares an event type of the calling domain. `payload` is the schema of
 * the object's API response (the same presenter makes both), with a `title`
 * that names it among the document's component schemas.
 */
export function defineWebhookEvent<Payload extends TSchema>(
  type: string,
  payload: Payload,
  description: string,
): WebhookEventDefinition<Payload> {
  if (!/^[a-z_]+\.[a-z_]+$/.test(type)) {
    throw new Error(`Webhook event type "${type}" is not of the form object.happened.`);
  }
  const title = (payload as { title?: unknown }).title;
  if (typeof title !== "string" || title === "") {
    throw new Error(`The payload schema of webhook event ${type} needs a title to name it in the document.`);
  }
  return { type, payload, description };
}

/** Every event type Fairbill sends, in the order the document lists them. */
export type WebhookCatalogue = {
  readonly events: readonly WebhookEventDefinition[];
  readonly types: readonly string[];
  find(type: string): WebhookEventDefinition | undefined;
};

/** The catalogue of the given declarations; a type declared twice is a mistake of the composition root. */
export function webhookCatalogue(events: readonly WebhookEventDefinition[]): WebhookCatalogue {
  const byType = new Map<string, WebhookEventDefinition>();
  for (const event of events) {
    if (byType.has(event.type)) throw new Error(`Webhook event type ${event.type} is declared twice.`);
    byType.set(event.type, event);
  }
  return { events: [...events], types: [...byType.keys()], find: (type) => byType.get(type) };
}

/** An endpoint's filter entry that matches every event type, including types added later. */
export const allEventTypes = "*";

/** Whether an endpoint with these filters receives events of `type`. */
export function filtersMatch(filters: readonly string[], type: string): boolean {
  return filters.includes(allEventTypes) || filters.includes(type);
}
