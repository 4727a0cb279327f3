// Which card declines are worth trying again. Stripe's table of decline codes
// (https://docs.stripe.com/declines/codes) gives each code a next step; where
// that step is "the customer needs to use another card" or the issuer has
// said the card will never be approved, retrying the same card cannot
// succeed, and card networks charge for retries after such declines. Those
// are hard declines: dunning does not retry them (the customer still gets the
// reminders and the campaign's deadline still holds). Everything else (no
// funds today, a generic or "do not honor" refusal, a processing error) is a
// soft decline and follows the retry schedule. `do_not_honor` is soft: Stripe
// describes it as "declined for an unknown reason" like `generic_decline`,
// and issuers often approve it later. When Stripe passes on the issuer's own
// advice, `do_not_try_again` makes any decline hard.

const hardDeclineCodes = new Set([
  // The card is reported lost or stolen, or the issuer wants it picked up.
  "lost_card",
  "stolen_card",
  "pickup_card",
  // The card or the account behind it cannot be used at all.
  "restricted_card",
  "invalid_account",
  "card_not_supported",
  "currency_not_supported",
  "expired_card",
  "incorrect_number",
  "invalid_number",
  "new_account_information_available",
  // Refused for fraud, or the cardholder stopped the payments.
  "fraudulent",
  "merchant_blacklist",
  "security_violation",
  "stop_payment_order",
  "revocation_of_authorization",
  "revocation_of_all_authorizations",
  "do_not_try_again",
]);

export type DeclineFacts = {
  /** Stripe's error code, such as `card_declined` or `expired_card`. */
  code: string | null;
  /** The issuer's reason, such as `insufficient_funds`, when the code is `card_declined`. */
  declineCode: string | null;
  /** The issuer's advice passed on by Stripe: `try_again_later`, `do_not_try_again`, `confirm_card_data`. */
  adviceCode: string | null;
};

/** Whether retrying the same payment method cannot succeed. */
export function isHardDecline(facts: DeclineFacts): boolean {
  if (facts.adviceCode === "do_not_try_again") return true;
  const reason = facts.declineCode ?? facts.code;
  return reason !== null && hardDeclineCodes.has(reason);
}
