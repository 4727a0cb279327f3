// A local HTTP server that speaks the part of Stripe's API Fairbill uses
// (customers, payment method attach and retrieve, SetupIntents and
// PaymentIntents created and confirmed at once, refunds) with Stripe's wire formats: form-encoded requests, JSON
// answers, card errors as HTTP 402 with decline codes, idempotency keys that
// replay the first answer. A charge whose dispute was lost refuses refunds, as Stripe's does.
// Disputes move through Stripe's statuses (charge.dispute.updated, .closed,
// .funds_withdrawn, .funds_reinstated) when the test says so. It keeps a log of every request and the events
// Stripe would send, and delivers them signed to a webhook URL when the test
// says so. Tests point an environment's Stripe settings at it; nothing leaves
// the machine.
//
// Payment methods behave like Stripe's test payment methods of the same names:
//   pm_card_visa, pm_card_mastercard           succeed
//   pm_card_chargeDeclinedInsufficientFunds    card_declined / insufficient_funds (soft)
//   pm_card_chargeDeclined                     card_declined / generic_decline (soft)
//   pm_card_chargeDeclinedStolenCard           card_declined / stolen_card (hard)
//   pm_card_chargeDeclinedLostCard             card_declined / lost_card (hard)
//   pm_sepa_debit_processing                   a bank debit: processing until completeProcessing()
// A SetupIntent confirmed with a declining card fails as Stripe's does (the
// card is checked when it is set up): HTTP 402, card_declined, the
// SetupIntent left requires_payment_method with its last_setup_error.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Stripe from "stripe";
import { closeServer, listenLocally } from "./local-server.ts";

type Behaviour =
  | { kind: "succeed"; brand: string; last4: string; type: "card" }
  | { kind: "decline"; declineCode: string; message: string; brand: string; last4: string; type: "card" }
  | { kind: "process"; type: "sepa_debit" };

const behaviours: Record<string, Behaviour> = {
  pm_card_visa: { kind: "succeed", brand: "visa", last4: "4242", type: "card" },
  pm_card_mastercard: { kind: "succeed", brand: "mastercard", last4: "4444", type: "card" },
  pm_card_chargeDeclinedInsufficientFunds: {
    kind: "decline",
    declineCode: "insufficient_funds",
    message: "Your card has insufficient funds.",
    brand: "visa",
    last4: "9995",
    type: "card",
  },
  pm_card_chargeDeclined: {
    kind: "decline",
    declineCode: "generic_decline",
    message: "Your card was declined.",
    brand: "visa",
    last4: "0002",
    type: "card",
  },
  pm_card_chargeDeclinedStolenCard: {
    kind: "decline",
    declineCode: "stolen_card",
    message: "Your card was declined.",
    brand: "visa",
    last4: "9979",
    type: "card",
  },
  pm_card_chargeDeclinedLostCard: {
    kind: "decline",
    declineCode: "lost_card",
    message: "Your card was declined.",
    brand: "visa",
    last4: "9987",
    type: "card",
  },
  pm_sepa_debit_processing: { kind: "process", type: "sepa_debit" },
};

type StripeObject = Record<string, unknown> & { id: string };

export type DisputeEventType =
  | "charge.dispute.updated"
  | "charge.dispute.closed"
  | "charge.dispute.funds_withdrawn"
  | "charge.dispute.funds_reinstated";

export type LoggedRequest = {
  method: string;
  path: string;
  params: Record<string, string>;
  idempotencyKey: string | undefined;
  /** True when the answer was replayed for a repeated idempotency key. */
  replayed: boolean;
};

export type LocalStripe = {
  /** Where the Stripe API answers, for the environment's `api_base_url`. */
  url: string;
  secretKey: string;
  webhookSecret: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  /** The PaymentIntents created (each one a charge attempt), in order. */
  paymentIntents(): StripeObject[];
  /** The PaymentIntents created for a Fairbill invoice (named in their metadata), in order. */
  paymentIntentsOfInvoice(invoiceId: string): StripeObject[];
  /** Every event Stripe would have sent, in order. */
  events: StripeObject[];
  /** Where deliver() posts events. */
  webhookUrl: string | undefined;
  /** Posts an event signed with the webhook secret; answers the receiver's status and body. */
  deliver(event: StripeObject): Promise<{ status: number; body: unknown }>;
  /** The newest event of a type. */
  lastEvent(type: string): StripeObject;
  /** Settles a processing PaymentIntent as succeeded, as the bank would, and records the event. */
  completeProcessing(paymentIntentId: string): StripeObject;
  /** Opens a dispute on a PaymentIntent's charge (now, or at `openedAt`: a test clock's date), and records the event. */
  openDispute(paymentIntentId: string, reason: string, openedAt?: Date): StripeObject;
  /**
   * Moves a dispute to `status` and records the event of `type` Stripe sends
   * for it (sent now, or at `at`): charge.dispute.updated while it is open,
   * charge.dispute.closed with won, lost or warning_closed, and the funds events.
   */
  moveDispute(disputeId: string, type: DisputeEventType, status: string, at?: Date): StripeObject;
  /**
   * A payment made at Stripe outside Fairbill's own charges (a hosted page, the
   * dashboard) for a Fairbill invoice, named in its metadata: records
   * payment_intent.succeeded. `amount` in the currency's minor unit.
   */
  payOutsideFairbill(invoiceId: string, amount: number, currency: string): StripeObject;
  /** Refunds at Stripe without Fairbill (the dashboard), and records charge.refunded. */
  refundInDashboard(paymentIntentId: string, amount: number): StripeObject;
  close(): Promise<void>;
};

function readForm(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) params[key] = value;
  return params;
}

function metadataOf(params: Record<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match?.[1]) metadata[match[1]] = value;
  }
  return metadata;
}

export async function startLocalStripe(): Promise<LocalStripe> {
  const secretKey = "sk_test_local0000000000000000";
  const webhookSecret = "whsec_localtestsecret";
  const signer = new Stripe(secretKey);
  let counter = 0;
  const nextId = (prefix: string) => {
    counter += 1;
    return `${prefix}_local${String(counter).padStart(6, "0")}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const customers = new Map<string, StripeObject>();
  const paymentMethods = new Map<string, StripeObject>();
  const intents = new Map<string, StripeObject>();
  const setupIntents = new Map<string, StripeObject>();
  const charges = new Map<string, StripeObject>();
  const disputes = new Map<string, StripeObject>();
  const answered = new Map<string, { status: number; body: unknown }>();
  const requests: LoggedRequest[] = [];
  const events: StripeObject[] = [];

  const recordEvent = (type: string, object: StripeObject, created = now()): StripeObject => {
    const event = {
      id: nextId("evt"),
      object: "event",
      api_version: "2026-10-28.endive",
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object) },
    };
    events.push(event);
    return event;
  };

  const invalidRequest = (message: string, param: string, code = "resource_missing") => ({
    status: 400,
    body: { error: { type: "invalid_request_error", code, param, message } },
  });

  function createPaymentIntent(params: Record<string, string>): { status: number; body: unknown } {
    const method = paymentMethods.get(params.payment_method ?? "");
    if (method === undefined || method.customer !== params.customer) {
      return invalidRequest(`No such PaymentMethod: '${params.payment_method}'`, "payment_method");
    }
    const behaviour = behaviours[method.id] as Behaviour;
    const amount = Number(params.amount);
    const chargeId = nextId("ch");
    const intent: StripeObject = {
      id: nextId("pi"),
      object: "payment_intent",
      amount,
      amount_received: 0,
      currency: params.currency,
      customer: params.customer,
      payment_method: method.id,
      description: params.description ?? null,
      metadata: metadataOf(params),
      latest_charge: chargeId,
      last_payment_error: null,
      created: now(),
      status: "processing",
    };
    intents.set(intent.id, intent);
    charges.set(chargeId, {
      id: chargeId,
      object: "charge",
      amount,
      amount_refunded: 0,
      currency: params.currency,
      payment_intent: intent.id,
      refunded: false,
    });
    if (behaviour.kind === "process") {
      recordEvent("payment_intent.processing", intent);
      return { status: 200, body: intent };
    }
    if (behaviour.kind === "succeed") {
      Object.assign(intent, { status: "succeeded", amount_received: amount });
      recordEvent("payment_intent.succeeded", intent);
      return { status: 200, body: intent };
    }
    const error = {
      type: "card_error",
      code: "card_declined",
      decline_code: behaviour.declineCode,
      message: behaviour.message,
      charge: chargeId,
    };
    Object.assign(intent, { status: "requires_payment_method", last_payment_error: error });
    recordEvent("payment_intent.payment_failed", intent);
    return { status: 402, body: { error: { ...error, payment_intent: intent } } };
  }

  function attachMethod(id: string, behaviour: Behaviour, customer: string): StripeObject {
    const paymentMethod: StripeObject = {
      id,
      object: "payment_method",
      type: behaviour.type,
      customer,
      card:
        behaviour.type === "card"
          ? { brand: behaviour.brand, last4: behaviour.last4, exp_month: 12, exp_year: 2034 }
          : null,
      sepa_debit: behaviour.type === "sepa_debit" ? { last4: "3000", country: "DE" } : undefined,
    };
    paymentMethods.set(id, paymentMethod);
    return paymentMethod;
  }

  function createSetupIntent(params: Record<string, string>): { status: number; body: unknown } {
    const id = params.payment_method ?? "";
    const behaviour = behaviours[id];
    if (behaviour === undefined) return invalidRequest(`No such PaymentMethod: '${id}'`, "payment_method");
    if (!customers.has(params.customer ?? "")) {
      return invalidRequest(`No such customer: '${params.customer}'`, "customer");
    }
    const setup: StripeObject = {
      id: nextId("seti"),
      object: "setup_intent",
      customer: params.customer,
      payment_method: id,
      usage: params.usage ?? "off_session",
      metadata: metadataOf(params),
      last_setup_error: null,
      created: now(),
      status: "succeeded",
    };
    setupIntents.set(setup.id, setup);
    if (behaviour.kind === "decline") {
      const error = {
        type: "card_error",
        code: "card_declined",
        decline_code: behaviour.declineCode,
        message: behaviour.message,
      };
      Object.assign(setup, { status: "requires_payment_method", last_setup_error: error });
      recordEvent("setup_intent.setup_failed", setup);
      return { status: 402, body: { error: { ...error, setup_intent: setup } } };
    }
    attachMethod(id, behaviour, String(params.customer));
    recordEvent("setup_intent.succeeded", setup);
    return { status: 200, body: setup };
  }

  function route(
    method: string,
    path: string,
    params: Record<string, string>,
  ): { status: number; body: unknown } {
    if (method === "POST" && path === "/v1/customers") {
      const customer = {
        id: nextId("cus"),
        object: "customer",
        name: params.name ?? null,
        email: params.email ?? null,
        metadata: metadataOf(params),
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    const attach = /^\/v1\/payment_methods\/([^/]+)\/attach$/.exec(path);
    if (method === "POST" && attach?.[1]) {
      const id = decodeURIComponent(attach[1]);
      const behaviour = behaviours[id];
      if (behaviour === undefined) return invalidRequest(`No such PaymentMethod: '${id}'`, "payment_method");
      if (!customers.has(params.customer ?? "")) {
        return invalidRequest(`No such customer: '${params.customer}'`, "customer");
      }
      return { status: 200, body: attachMethod(id, behaviour, String(params.customer)) };
    }
    const retrieve = /^\/v1\/payment_methods\/([^/]+)$/.exec(path);
    if (method === "GET" && retrieve?.[1]) {
      const id = decodeURIComponent(retrieve[1]);
      const found = paymentMethods.get(id);
      return found === undefined
        ? invalidRequest(`No such PaymentMethod: '${id}'`, "id")
        : { status: 200, body: found };
    }
    if (method === "POST" && path === "/v1/setup_intents") {
      if (params.confirm !== "true") {
        return invalidRequest(
          "This server only confirms SetupIntents at once.",
          "confirm",
          "parameter_invalid",
        );
      }
      return createSetupIntent(params);
    }
    if (method === "POST" && path === "/v1/payment_intents") {
      if (params.confirm !== "true" || params.off_session !== "true") {
        return invalidRequest(
          "This server only confirms off-session PaymentIntents at once.",
          "confirm",
          "parameter_invalid",
        );
      }
      return createPaymentIntent(params);
    }
    if (method === "POST" && path === "/v1/refunds") {
      const intent = intents.get(params.payment_intent ?? "");
      if (intent === undefined)
        return invalidRequest(`No such payment_intent: '${params.payment_intent}'`, "payment_intent");
      const charge = charges.get(String(intent.latest_charge)) as StripeObject;
      const amount = params.amount === undefined ? Number(intent.amount_received) : Number(params.amount);
      const chargedBack = [...disputes.values()].some(
        (dispute) => dispute.charge === charge.id && dispute.status === "lost",
      );
      if (chargedBack) {
        return invalidRequest(
          `Charge ${charge.id} has been charged back; cannot issue a refund.`,
          "charge",
          "charge_disputed",
        );
      }
      if (
        intent.status !== "succeeded" ||
        Number(charge.amount_refunded) + amount > Number(intent.amount_received)
      ) {
        return invalidRequest(
          `Refund amount (${amount}) is greater than unrefunded amount on charge.`,
          "amount",
          "amount_too_large",
        );
      }
      return { status: 200, body: refund(intent, charge, amount, metadataOf(params)) };
    }
    return {
      status: 404,
      body: {
        error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` },
      },
    };
  }

  function refund(
    intent: StripeObject,
    charge: StripeObject,
    amount: number,
    metadata: Record<string, string>,
  ) {
    const created = {
      id: nextId("re"),
      object: "refund",
      amount,
      currency: intent.currency,
      charge: charge.id,
      payment_intent: intent.id,
      status: "succeeded",
      metadata,
      created: now(),
    };
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    recordEvent("charge.refunded", charge);
    return created;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const params = readForm(Buffer.concat(chunks).toString("utf8"));
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const idempotencyKey = request.headers["idempotency-key"] as string | undefined;
    const send = (answer: { status: number; body: unknown }) => {
      response.writeHead(answer.status, { "content-type": "application/json", "request-id": nextId("req") });
      response.end(JSON.stringify(answer.body));
    };
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      requests.push({ method, path, params, idempotencyKey, replayed: false });
      send({
        status: 401,
        body: { error: { type: "invalid_request_error", message: "Invalid API Key provided." } },
      });
      return;
    }
    const replay = idempotencyKey === undefined ? undefined : answered.get(`${path}|${idempotencyKey}`);
    requests.push({ method, path, params, idempotencyKey, replayed: replay !== undefined });
    if (replay !== undefined) {
      send(replay);
      return;
    }
    const answer = route(method, path, params);
    if (idempotencyKey !== undefined) answered.set(`${path}|${idempotencyKey}`, answer);
    send(answer);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    });
  });
  const url = await listenLocally(server);

  const local: LocalStripe = {
    url,
    secretKey,
    webhookSecret,
    requests,
    paymentIntents: () => [...intents.values()],
    paymentIntentsOfInvoice: (invoiceId) =>
      [...intents.values()].filter(
        (intent) => (intent.metadata as Record<string, string>).fairbill_invoice_id === invoiceId,
      ),
    events,
    webhookUrl: undefined,
    async deliver(event) {
      if (local.webhookUrl === undefined) throw new Error("Set webhookUrl before delivering events.");
      const payload = JSON.stringify(event);
      const signature = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      const response = await fetch(local.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        body: payload,
      });
      const text = await response.text();
      return { status: response.status, body: text === "" ? null : JSON.parse(text) };
    },
    lastEvent(type) {
      const event = events.filter((candidate) => candidate.type === type).at(-1);
      if (event === undefined) throw new Error(`No ${type} event was recorded.`);
      return event;
    },
    completeProcessing(paymentIntentId) {
      const intent = intents.get(paymentIntentId);
      if (intent?.status !== "processing") throw new Error(`${paymentIntentId} is not processing.`);
      Object.assign(intent, { status: "succeeded", amount_received: intent.amount });
      return recordEvent("payment_intent.succeeded", intent);
    },
    openDispute(paymentIntentId, reason, openedAt) {
      const intent = intents.get(paymentIntentId);
      if (intent === undefined) throw new Error(`No ${paymentIntentId}.`);
      const charge = charges.get(String(intent.latest_charge)) as StripeObject;
      charge.disputed = true;
      const created = openedAt === undefined ? now() : Math.floor(openedAt.getTime() / 1000);
      const dispute: StripeObject = {
        id: nextId("dp"),
        object: "dispute",
        amount: intent.amount_received,
        currency: intent.currency,
        charge: intent.latest_charge,
        payment_intent: intent.id,
        reason,
        status: "needs_response",
        created,
      };
      disputes.set(dispute.id, dispute);
      return recordEvent("charge.dispute.created", dispute, created);
    },
    moveDispute(disputeId, type, status, at) {
      const dispute = disputes.get(disputeId);
      if (dispute === undefined) throw new Error(`No dispute ${disputeId}.`);
      dispute.status = status;
      return recordEvent(type, dispute, at === undefined ? now() : Math.floor(at.getTime() / 1000));
    },
    payOutsideFairbill(invoiceId, amount, currency) {
      const chargeId = nextId("ch");
      const intent: StripeObject = {
        id: nextId("pi"),
        object: "payment_intent",
        amount,
        amount_received: amount,
        currency,
        customer: null,
        payment_method: null,
        description: null,
        metadata: { fairbill_invoice_id: invoiceId },
        latest_charge: chargeId,
        last_payment_error: null,
        created: now(),
        status: "succeeded",
      };
      intents.set(intent.id, intent);
      charges.set(chargeId, {
        id: chargeId,
        object: "charge",
        amount,
        amount_refunded: 0,
        currency,
        payment_intent: intent.id,
        refunded: false,
      });
      return recordEvent("payment_intent.succeeded", intent);
    },
    refundInDashboard(paymentIntentId, amount) {
      const intent = intents.get(paymentIntentId);
      if (intent === undefined) throw new Error(`No ${paymentIntentId}.`);
      refund(intent, charges.get(String(intent.latest_charge)) as StripeObject, amount, {});
      return local.lastEvent("charge.refunded");
    },
    close: () => closeServer(server),
  };
  return local;
}
