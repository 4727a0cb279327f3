// The seller as a customer sees it in the portal and on its statement of
// account: the legal name its invoices print and the seller's logo and
// colours, those of the customer's billing entity where it has its own. The
// colours come ready to use: the text colour on the primary colour is black
// or white, whichever passes WCAG AA, and an accent colour that fails AA as
// text on white (a billing entity's is not checked when it is set) is
// darkened until it passes.
import {
  AA_TEXT_CONTRAST,
  contrastRatio,
  darkenedToContrast,
  textColorOn,
} from "../platform/color-contrast.ts";
import type { RequestContext } from "../platform/context.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import { settingsForCustomer } from "./seller-entities.ts";

export type SellerBranding = {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  /** Black or white on the primary colour; null without one. */
  primaryTextColor: string | null;
  accentColor: string | null;
};

const WHITE = "#ffffff";

export async function sellerBrandingOf(context: RequestContext, customerId: string): Promise<SellerBranding> {
  const settings = await settingsForCustomer(
    context.database,
    context,
    await readInvoicingSettings(context.database, context),
    customerId,
    context.clock.now(),
  );
  const { logoUrl, primaryColor, accentColor } = settings.branding;
  return {
    name: settings.seller.name,
    logoUrl,
    primaryColor,
    primaryTextColor: primaryColor === null ? null : textColorOn(primaryColor),
    accentColor:
      accentColor === null || contrastRatio(accentColor, WHITE) >= AA_TEXT_CONTRAST
        ? accentColor
        : darkenedToContrast(accentColor, WHITE),
  };
}
