// Three scenarios from the project's hand-worked corpus (test/scenarios),
// without their expected invoices, to start the simulator with.
import graduatedTiers from "../../examples/graduated-tiers.json";
import hybridEur from "../../examples/hybrid-eur-coupons-credits-tax.json";
import upgradeWithUsage from "../../examples/upgrade-with-usage.json";

export type ScenarioExample = { id: string; label: string; scenario: object };

export const scenarioExamples: ScenarioExample[] = [
  { id: "graduated-tiers", label: "Graduated tiers with flat fees (USD)", scenario: graduatedTiers },
  {
    id: "upgrade-with-usage",
    label: "Upgrade mid-month with usage and proration (USD)",
    scenario: upgradeWithUsage,
  },
  { id: "hybrid-eur", label: "Hybrid plan with coupons, credits and tax (EUR)", scenario: hybridEur },
];
