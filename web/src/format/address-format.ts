// The locality line of a postal address as its country writes it: the United
// States, Canada and Australia put the city first, then the state and postcode
// ("San Francisco, CA 94105"); most of Europe writes the postcode first
// ("10115 Berlin"), with the region on a line of its own. The invoice PDF
// follows the same rule.

const cityRegionPostalCountries = new Set(["US", "CA", "AU"]);

type PostalAddress = {
  city?: string | null;
  state?: string | null;
  postal_code?: string | null;
  country?: string | null;
};

/** The lines after the street: locality, then the region where it stands alone, then the country. */
export function localityLines(address: PostalAddress, country: string | null = null): string[] {
  const [city, state, postalCode] = [address.city ?? "", address.state ?? "", address.postal_code ?? ""];
  const countryCode = address.country ?? country ?? "";
  const lines = cityRegionPostalCountries.has(countryCode)
    ? [[city, [state, postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ")]
    : [[postalCode, city].filter(Boolean).join(" "), state];
  return [...lines, countryCode].filter((line) => line !== "");
}
