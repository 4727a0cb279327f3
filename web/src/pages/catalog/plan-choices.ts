// The plans and versions a form chooses from (a new subscription, a plan
// change): only plans with a published version, and only published versions.
import type { Plan } from "../../api/resources.ts";

type Option = { value: string; label: string };

export function publishedPlans(plans: readonly Plan[] | undefined): Plan[] {
  return (plans ?? []).filter((plan) => plan.versions.some((version) => version.state === "published"));
}

export function planOptions(plans: readonly Plan[] | undefined): Option[] {
  return [
    { value: "", label: plans === undefined ? "Loading plans…" : "Choose a plan" },
    ...publishedPlans(plans).map((plan) => ({ value: plan.id, label: `${plan.name} (${plan.code})` })),
  ];
}

/** The published versions of the plan, after a first choice that leaves the version to the date. */
export function versionOptions(plan: Plan | undefined, inEffectLabel: string): Option[] {
  return [
    { value: "", label: inEffectLabel },
    ...(plan?.versions ?? [])
      .filter((version) => version.state === "published")
      .map((version) => ({
        value: String(version.version),
        label: `Version ${version.version} (${version.status})`,
      })),
  ];
}
