// Where a customer falls in a rollout's or an experiment's population: a
// deterministic hash of its id with the salt (and its stratum), read as a
// fraction in [0, 1). The same customer, salt and stratum give the same
// fraction on every run and every machine, so a rerun assigns the same
// customers; another salt reshuffles them.
import { createHash, randomBytes } from "node:crypto";

const twoToThe48 = 2 ** 48;

/** The customer's place in [0, 1): an estimate used only to order customers, never an amount. */
export function hashFractionEstimate(salt: string, customerId: string, stratum = ""): number {
  const digest = createHash("sha256").update(`${salt}\u0000${stratum}\u0000${customerId}`).digest();
  return digest.readUIntBE(0, 6) / twoToThe48;
}

/** A new salt for a rollout or experiment. */
export function newSalt(): string {
  return randomBytes(8).toString("hex");
}
