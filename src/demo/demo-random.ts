// A small seeded pseudo-random generator for the demo's usage, so that every
// `npm start` on a fresh database tells the same story: the same customers
// make the same calls on the same days of their subscription. Not for
// anything that needs to be unpredictable.

export type DemoRandom = {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [low, high], both included. */
  integer(low: number, high: number): number;
  /** A number in [low, high). */
  between(low: number, high: number): number;
  /** One of `choices`, each with its weight. */
  weighted<Choice>(choices: readonly (readonly [Choice, number])[]): Choice;
};

/** The same sequence for the same seed (mulberry32: 32 bits of state, good enough for a demo). */
export function seededRandom(seed: number): DemoRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    integer: (low, high) => low + Math.floor(next() * (high - low + 1)),
    between: (low, high) => low + next() * (high - low),
    weighted: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let point = next() * total;
      for (const [choice, weight] of choices) {
        point -= weight;
        if (point < 0) return choice;
      }
      return choices[choices.length - 1]![0];
    },
  };
}

/** A seed from a text (FNV-1a), so that each customer has a sequence of its own. */
export function seedOf(text: string, base: number): number {
  let hash = 0x811c9dc5 ^ base;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
