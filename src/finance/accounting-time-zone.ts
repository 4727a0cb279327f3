// The accounting time zone: the zone in which accounting months start and
// end, so that an invoice issued at 1 April 00:00 in Berlin is April's (its
// VAT in April's return). Unless the finance settings name one, it is the
// seller entity's: the zone of the seller's country in the invoicing
// settings, where the country keeps one zone. A country spread over several
// zones (the United States, Canada, Australia, Brazil, Russia, Mexico ...)
// names none, and the books count months in UTC until a zone is configured.
// Closing a month fixes the zone in the finance settings: a later change of
// the seller's country never moves a closed month's boundaries.

/** The one civil time zone of a country (ISO 3166-1 alpha-2), for countries that keep one. */
const zoneOfCountry: Readonly<Record<string, string>> = {
  AE: "Asia/Dubai",
  AR: "America/Argentina/Buenos_Aires",
  AT: "Europe/Vienna",
  BE: "Europe/Brussels",
  BG: "Europe/Sofia",
  CH: "Europe/Zurich",
  CN: "Asia/Shanghai",
  CO: "America/Bogota",
  CY: "Asia/Nicosia",
  CZ: "Europe/Prague",
  DE: "Europe/Berlin",
  DK: "Europe/Copenhagen",
  EE: "Europe/Tallinn",
  EG: "Africa/Cairo",
  ES: "Europe/Madrid",
  FI: "Europe/Helsinki",
  FR: "Europe/Paris",
  GB: "Europe/London",
  GR: "Europe/Athens",
  HK: "Asia/Hong_Kong",
  HR: "Europe/Zagreb",
  HU: "Europe/Budapest",
  IE: "Europe/Dublin",
  IL: "Asia/Jerusalem",
  IN: "Asia/Kolkata",
  IS: "Atlantic/Reykjavik",
  IT: "Europe/Rome",
  JP: "Asia/Tokyo",
  KE: "Africa/Nairobi",
  KR: "Asia/Seoul",
  LI: "Europe/Vaduz",
  LT: "Europe/Vilnius",
  LU: "Europe/Luxembourg",
  LV: "Europe/Riga",
  MT: "Europe/Malta",
  MY: "Asia/Kuala_Lumpur",
  NG: "Africa/Lagos",
  NL: "Europe/Amsterdam",
  NO: "Europe/Oslo",
  NZ: "Pacific/Auckland",
  PE: "America/Lima",
  PH: "Asia/Manila",
  PL: "Europe/Warsaw",
  PT: "Europe/Lisbon",
  RO: "Europe/Bucharest",
  SE: "Europe/Stockholm",
  SG: "Asia/Singapore",
  SI: "Europe/Ljubljana",
  SK: "Europe/Bratislava",
  TH: "Asia/Bangkok",
  TR: "Europe/Istanbul",
  TW: "Asia/Taipei",
  ZA: "Africa/Johannesburg",
};

export type AccountingTimeZoneSource = "configured" | "seller_country" | "utc";

/** The accounting zone when the finance settings name none, and where it comes from. */
export function defaultAccountingTimeZone(sellerCountry: string | null): {
  timeZone: string;
  source: AccountingTimeZoneSource;
} {
  const zone = sellerCountry === null ? undefined : zoneOfCountry[sellerCountry.toUpperCase()];
  return zone === undefined
    ? { timeZone: "UTC", source: "utc" }
    : { timeZone: zone, source: "seller_country" };
}
