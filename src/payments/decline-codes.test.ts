// Which declines dunning retries: the decisions documented in decline-codes.ts.
import { describe, expect, it } from "vitest";
import { isHardDecline } from "./decline-codes.ts";

const decline = (declineCode: string | null, adviceCode: string | null = null, code = "card_declined") => ({
  code,
  declineCode,
  adviceCode,
});

describe("hard declines", () => {
  it("are lost, stolen, expired or otherwise unusable cards, and fraud", () => {
    for (const reason of [
      "lost_card",
      "stolen_card",
      "pickup_card",
      "expired_card",
      "fraudulent",
      "do_not_try_again",
    ]) {
      expect(isHardDecline(decline(reason)), reason).toBe(true);
    }
    // Stripe reports some of them as the error's code, with no decline code.
    expect(isHardDecline(decline(null, null, "expired_card"))).toBe(true);
    expect(isHardDecline(decline(null, null, "incorrect_number"))).toBe(true);
  });

  it("leave out refusals that a later attempt may pass, do_not_honor among them", () => {
    for (const reason of [
      "insufficient_funds",
      "generic_decline",
      "do_not_honor",
      "try_again_later",
      "processing_error",
    ]) {
      expect(isHardDecline(decline(reason)), reason).toBe(false);
    }
    expect(isHardDecline(decline(null, null, "processing_error"))).toBe(false);
  });

  it("follow the issuer's advice passed on by Stripe", () => {
    expect(isHardDecline(decline("generic_decline", "do_not_try_again"))).toBe(true);
    expect(isHardDecline(decline("insufficient_funds", "try_again_later"))).toBe(false);
  });
});
