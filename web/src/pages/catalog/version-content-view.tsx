// A plan version's content to read: billing, each charge with its price in
// words (tiers as a list), the same charges in every other currency, and the
// entitlements.

import type { ReactNode } from "react";
import type { Charge, ChargePrices, PlanVersionContent } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { Detail } from "../../ui/detail.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { modelViewOf } from "./charge-models.ts";
import { chargeKindText, chargePriceText, periodText, tierLines } from "./version-content-text.ts";
import { valueText } from "./version-editor/version-form-values.ts";

export function VersionContentView({ content }: { content: PlanVersionContent }) {
  return (
    <>
      <section className="panel" aria-labelledby="version-billing-title">
        <h2 id="version-billing-title">Billing</h2>
        <dl className="details">
          <Detail term="Currency">{content.currency}</Detail>
          <Detail term="Billed">{periodText(content.interval, content.interval_count)}</Detail>
          <Detail term="Trial">{content.trial_days === 0 ? "No trial" : `${content.trial_days} days`}</Detail>
          <Detail term="Minimum commitment">
            {content.minimum_commitment === null
              ? "None"
              : `${formatMoney(content.minimum_commitment, content.currency)} per period`}
          </Detail>
        </dl>
      </section>
      <ChargesTable
        title="Charges"
        charges={content.charges}
        pricesOf={(charge) => charge}
        currency={content.currency}
      />
      {content.currency_prices.map((book) => (
        <ChargesTable
          key={book.currency}
          title={`Prices in ${book.currency}`}
          extra={
            book.minimum_commitment ? (
              <p>Minimum commitment: {formatMoney(book.minimum_commitment, book.currency)} per period.</p>
            ) : null
          }
          charges={content.charges}
          pricesOf={(charge) => {
            const prices = book.charges.find((entry) => entry.id === charge.id);
            return prices ? { ...charge, ...prices } : charge;
          }}
          currency={book.currency}
        />
      ))}
      <section className="panel" aria-labelledby="version-entitlements-title">
        <h2 id="version-entitlements-title">Entitlements</h2>
        {content.entitlements.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="plain-list entitlement-list">
            {content.entitlements.map((entitlement) => (
              <li key={entitlement.feature}>
                <code>{entitlement.feature}</code>
                {entitlement.value !== undefined && <> = {valueText(entitlement.value)}</>}
                {entitlement.limit !== undefined &&
                  (entitlement.limit === null
                    ? ", unlimited"
                    : `, up to ${formatQuantity(entitlement.limit)} per period`)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ChargesTable({
  title,
  extra,
  charges,
  pricesOf,
  currency,
}: {
  title: string;
  extra?: ReactNode;
  charges: readonly Charge[];
  pricesOf: (charge: Charge) => ChargePrices;
  currency: string;
}) {
  const id = `charges-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {extra}
      {charges.length === 0 ? (
        <p className="muted">No charges.</p>
      ) : (
        <TableScroll label={`${title} table`}>
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Charge</th>
                <th scope="col">Kind</th>
                <th scope="col">Price</th>
              </tr>
            </thead>
            <tbody>
              {charges.map((charge) => {
                const prices = pricesOf(charge);
                return (
                  <tr key={charge.id}>
                    <th scope="row">
                      <code>{charge.id}</code>
                      {charge.product && <span className="actor-id">product {charge.product}</span>}
                    </th>
                    <td data-label="Kind">{chargeKindText(charge)}</td>
                    <td data-label="Price">
                      {chargePriceText(charge, prices, currency)}
                      {prices.tiers && charge.type === "usage" && modelViewOf(charge).tiered && (
                        <ul className="explanation tier-lines">
                          {tierLines(prices.tiers, currency).map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
