// The Stripe provider, through Stripe's official SDK: a Stripe customer per
// Fairbill customer, payment methods attached to it, an off-session
// PaymentIntent confirmed at once to charge an invoice, and refunds. Every
// call carries an idempotency key made from Fairbill's id, so repeating a
// call after a crash or a timeout is safe. The API's address can be changed
// (the tests run a local server that speaks the part of Stripe's API used here).
import Stripe from "stripe";
import { fromMinorUnits, toMinorUnits } from "../core/index.ts";
import { errorMessage, FairbillError, validationFailed } from "../platform/errors.ts";
import { assertCallableUrl } from "../platform/outgoing-requests/guarded-connections.ts";
import { type StripeSettings, stripeClient } from "../platform/outgoing-requests/stripe-client.ts";
import { isHardDecline } from "./decline-codes.ts";
import type {
  ChargeResult,
  PaymentFailure,
  PaymentProvider,
  RefundResult,
  SavedPaymentMethod,
} from "./payment-provider.ts";

export { type StripeSettings, stripeClient };

/** Stripe did not answer, or answered with its own failure: nothing is known to have happened. */
function providerUnavailable(error: unknown): FairbillError {
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new FairbillError({
      code: "payment_provider_credentials",
      status: 409,
      detail: `Stripe refused this environment's secret key (${error.message}); check the payment settings.`,
    });
  }
  const message = errorMessage(error);
  return new FairbillError({
    code: "payment_provider_unavailable",
    status: 502,
    detail: `Stripe could not be reached or failed (${message}). Trying again is safe: the call is idempotent.`,
  });
}

function failureOf(
  error: InstanceType<typeof Stripe.errors.StripeError>,
  hardDecline: boolean,
): PaymentFailure {
  return {
    code: error.code ?? null,
    declineCode: error.decline_code ?? null,
    message: error.message,
    hardDecline,
  };
}

function chargeResultOf(intent: Stripe.PaymentIntent): ChargeResult {
  if (intent.status === "succeeded") return { status: "succeeded", providerPaymentId: intent.id };
  if (intent.status === "processing") return { status: "processing", providerPaymentId: intent.id };
  const lastError = intent.last_payment_error;
  const code = lastError?.code ?? (intent.status === "requires_action" ? "authentication_required" : null);
  const declineCode = lastError?.decline_code ?? null;
  return {
    status: "failed",
    providerPaymentId: intent.id,
    failure: {
      code,
      declineCode,
      message: lastError?.message ?? `The payment was left ${intent.status.replaceAll("_", " ")}.`,
      hardDecline: isHardDecline({ code, declineCode, adviceCode: lastError?.advice_code ?? null }),
    },
  };
}

function savedMethodOf(method: Stripe.PaymentMethod): SavedPaymentMethod {
  return {
    providerPaymentMethodId: method.id,
    type: method.type,
    card: method.card
      ? {
          brand: method.card.brand,
          last4: method.card.last4,
          expMonth: method.card.exp_month,
          expYear: method.card.exp_year,
        }
      : null,
  };
}

/** Stripe refused the payment method itself (unknown, declined): the field is wrong, not the server. */
function paymentMethodRefusal(error: unknown): FairbillError {
  if (
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeCardError
  ) {
    return validationFailed([
      { path: "$.payment_method", message: `was refused by Stripe: ${error.message}` },
    ]);
  }
  return providerUnavailable(error);
}

export function stripeProvider(settings: StripeSettings): PaymentProvider {
  // An address given as digits never reaches the guard's resolver: check it before any call carries the secret key.
  if (settings.apiBaseUrl !== null) {
    try {
      assertCallableUrl(new URL(settings.apiBaseUrl));
    } catch (error) {
      throw providerUnavailable(error);
    }
  }
  const stripe = stripeClient(settings);
  return {
    name: "stripe",

    async saveCustomer(customer) {
      try {
        const created = await stripe.customers.create(
          {
            ...(customer.name === null ? {} : { name: customer.name }),
            ...(customer.email === null ? {} : { email: customer.email }),
            metadata: { fairbill_customer_id: customer.id },
          },
          { idempotencyKey: `fairbill-customer-${customer.id}` },
        );
        return created.id;
      } catch (error) {
        throw providerUnavailable(error);
      }
    },

    async attachPaymentMethod(providerCustomerId, providerPaymentMethodId): Promise<SavedPaymentMethod> {
      try {
        const method = await stripe.paymentMethods.attach(providerPaymentMethodId, {
          customer: providerCustomerId,
        });
        return savedMethodOf(method);
      } catch (error) {
        throw paymentMethodRefusal(error);
      }
    },

    async setUpPaymentMethod(providerCustomerId, providerPaymentMethodId, setupId) {
      try {
        const setup = await stripe.setupIntents.create(
          {
            customer: providerCustomerId,
            payment_method: providerPaymentMethodId,
            confirm: true,
            usage: "off_session",
            automatic_payment_methods: { enabled: true, allow_redirects: "never" },
            metadata: { fairbill_setup_id: setupId },
          },
          { idempotencyKey: `fairbill-setup-${setupId}` },
        );
        if (setup.status !== "succeeded") {
          const reason =
            setup.last_setup_error?.message ?? `it was left ${setup.status.replaceAll("_", " ")}`;
          throw validationFailed([
            { path: "$.payment_method", message: `could not be set up by Stripe: ${reason}` },
          ]);
        }
        const methodId =
          typeof setup.payment_method === "string" ? setup.payment_method : setup.payment_method?.id;
        return savedMethodOf(await stripe.paymentMethods.retrieve(methodId ?? providerPaymentMethodId));
      } catch (error) {
        if (error instanceof FairbillError) throw error;
        throw paymentMethodRefusal(error);
      }
    },

    async charge(request) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: toMinorUnits(request.amount, request.currency),
            currency: request.currency.toLowerCase(),
            customer: request.providerCustomerId,
            payment_method: request.providerPaymentMethodId,
            off_session: true,
            confirm: true,
            description: `Invoice ${request.invoiceNumber ?? request.invoiceId}`,
            metadata: {
              fairbill_payment_id: request.paymentId,
              fairbill_invoice_id: request.invoiceId,
              fairbill_environment_id: request.environmentId,
            },
          },
          { idempotencyKey: `fairbill-charge-${request.paymentId}` },
        );
        return chargeResultOf(intent);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) {
          return {
            status: "failed",
            providerPaymentId: error.payment_intent?.id ?? null,
            failure: failureOf(
              error,
              isHardDecline({
                code: error.code ?? null,
                declineCode: error.decline_code ?? null,
                adviceCode: error.advice_code ?? null,
              }),
            ),
          };
        }
        // The request itself is wrong for Stripe (a detached payment method, an amount below
        // Stripe's minimum): sending it again cannot succeed, so it counts as a hard decline.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          return {
            status: "failed",
            providerPaymentId: error.payment_intent?.id ?? null,
            failure: failureOf(error, true),
          };
        }
        throw providerUnavailable(error);
      }
    },

    async refund(request): Promise<RefundResult> {
      if (request.providerPaymentId === null) {
        return {
          status: "failed",
          providerRefundId: null,
          failureMessage: "Stripe never confirmed this payment.",
        };
      }
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: request.providerPaymentId,
            amount: toMinorUnits(request.amount, request.currency),
            metadata: { fairbill_refund_id: request.refundId, fairbill_payment_id: request.paymentId },
          },
          { idempotencyKey: `fairbill-refund-${request.refundId}` },
        );
        return refundResultOf(refund);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          return { status: "failed", providerRefundId: null, failureMessage: error.message };
        }
        throw providerUnavailable(error);
      }
    },
  };
}

export function refundResultOf(refund: Stripe.Refund): RefundResult {
  if (refund.status === "succeeded")
    return { status: "succeeded", providerRefundId: refund.id, failureMessage: null };
  if (refund.status === "failed" || refund.status === "canceled") {
    return {
      status: "failed",
      providerRefundId: refund.id,
      failureMessage: refund.failure_reason ?? `Stripe ${refund.status} the refund.`,
    };
  }
  return { status: "pending", providerRefundId: refund.id, failureMessage: null };
}

/** An amount Stripe reports in minor units, as Fairbill's decimal. */
export function stripeAmount(minorUnits: number, currency: string) {
  return fromMinorUnits(minorUnits, currency.toUpperCase());
}
