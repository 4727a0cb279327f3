// Whether a customer's tax id looks valid for its country: the format of the
// number (and its check digit where the scheme has a well-documented one),
// without asking a registry such as VIES. A customer with such an id is treated
// as a business, which is what reverse charge needs; an id that does not fit is
// ignored, so a typo leads to tax being charged rather than wrongly waived.

/** The EU member states, whose VAT ids carry the country's prefix (EL for Greece). */
const euVatFormats: Readonly<Record<string, { prefix: string; pattern: RegExp }>> = {
  AT: { prefix: "AT", pattern: /^U\d{8}$/ },
  BE: { prefix: "BE", pattern: /^[01]\d{9}$/ },
  BG: { prefix: "BG", pattern: /^\d{9,10}$/ },
  CY: { prefix: "CY", pattern: /^\d{8}[A-Z]$/ },
  CZ: { prefix: "CZ", pattern: /^\d{8,10}$/ },
  DE: { prefix: "DE", pattern: /^\d{9}$/ },
  DK: { prefix: "DK", pattern: /^\d{8}$/ },
  EE: { prefix: "EE", pattern: /^\d{9}$/ },
  ES: { prefix: "ES", pattern: /^[A-Z0-9]\d{7}[A-Z0-9]$/ },
  FI: { prefix: "FI", pattern: /^\d{8}$/ },
  FR: { prefix: "FR", pattern: /^[0-9A-HJ-NP-Z]{2}\d{9}$/ },
  GR: { prefix: "EL", pattern: /^\d{9}$/ },
  HR: { prefix: "HR", pattern: /^\d{11}$/ },
  HU: { prefix: "HU", pattern: /^\d{8}$/ },
  IE: { prefix: "IE", pattern: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/ },
  IT: { prefix: "IT", pattern: /^\d{11}$/ },
  LT: { prefix: "LT", pattern: /^(\d{9}|\d{12})$/ },
  LU: { prefix: "LU", pattern: /^\d{8}$/ },
  LV: { prefix: "LV", pattern: /^\d{11}$/ },
  MT: { prefix: "MT", pattern: /^\d{8}$/ },
  NL: { prefix: "NL", pattern: /^\d{9}B\d{2}$/ },
  PL: { prefix: "PL", pattern: /^\d{10}$/ },
  PT: { prefix: "PT", pattern: /^\d{9}$/ },
  RO: { prefix: "RO", pattern: /^[1-9]\d{1,9}$/ },
  SE: { prefix: "SE", pattern: /^\d{10}01$/ },
  SI: { prefix: "SI", pattern: /^\d{8}$/ },
  SK: { prefix: "SK", pattern: /^\d{10}$/ },
};

/** Tax ids of a few other countries Fairbill's customers often bill. */
const otherFormats: Readonly<Record<string, (id: string) => boolean>> = {
  // UK VAT: 9 digits, 12 for a branch, GD/HA for government and health bodies; XI for Northern Ireland.
  GB: (id) => /^(GB|XI)(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/.test(id),
  // Swiss UID (with its VAT suffix when registered for VAT): CHE-123.456.789 MWST.
  CH: (id) => {
    const match = /^CHE(\d{9})(MWST|TVA|IVA|TPV)?$/.exec(id);
    return match?.[1] !== undefined && hasMod11CheckDigit(match[1], [5, 4, 3, 2, 7, 6, 5, 4]);
  },
  // Norwegian organisation number, with the MVA suffix when registered for VAT: NO 923 609 016 MVA.
  NO: (id) => {
    const match = /^(?:NO)?(\d{9})(?:MVA)?$/.exec(id);
    return match?.[1] !== undefined && hasMod11CheckDigit(match[1], [3, 2, 7, 6, 5, 4, 3, 2]);
  },
  // Australian Business Number: 11 digits whose weighted sum is a multiple of 89.
  AU: (id) => /^\d{11}$/.test(id) && isAustralianBusinessNumber(id),
  // Canadian Business Number, optionally with a program account such as RT0001 (GST/HST).
  CA: (id) => /^\d{9}(R[TCPR]\d{4})?$/.test(id),
};

export function isEuMemberState(country: string): boolean {
  return country in euVatFormats;
}

/** Upper case, without the spaces, dots, hyphens and slashes people write numbers with. */
export function normalizeTaxId(value: string): string {
  return value.toUpperCase().replace(/[\s.\-/]/g, "");
}

/** True when `value` has the form of a tax id of `country` (ISO 3166-1 alpha-2). */
export function taxIdLooksValid(country: string, value: string): boolean {
  const id = normalizeTaxId(value);
  const euFormat = euVatFormats[country];
  if (euFormat !== undefined) {
    return id.startsWith(euFormat.prefix) && euFormat.pattern.test(id.slice(euFormat.prefix.length));
  }
  return otherFormats[country]?.(id) ?? false;
}

/** True when any of the ids looks valid for the country: the customer is a business there. */
export function isBusinessIn(country: string | null, taxIds: readonly string[]): boolean {
  return country !== null && taxIds.some((taxId) => taxIdLooksValid(country, taxId));
}

// The mod-11 scheme of Swiss UIDs and Norwegian organisation numbers: the last
// digit is 11 − (weighted sum mod 11), 0 when that is 11; a remainder of 1 is never issued.
function hasMod11CheckDigit(digits: string, weights: readonly number[]): boolean {
  const sum = weights.reduce((total, weight, position) => total + weight * Number(digits[position]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[weights.length]);
}

function isAustralianBusinessNumber(digits: string): boolean {
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  const sum = weights.reduce(
    (total, weight, position) => total + weight * (Number(digits[position]) - (position === 0 ? 1 : 0)),
    0,
  );
  return sum % 89 === 0;
}
