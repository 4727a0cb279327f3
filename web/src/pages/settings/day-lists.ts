// A dunning campaign's steps as a person types them: days as a list such as
// "1, 3, 7". What is not a whole number goes to the API as typed, so that
// the API names the step it refuses.

/** "1, 3, 7" → [1, 3, 7]; an empty text → []. */
export function daysOf(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part !== "")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : (part as unknown as number)));
}

/** [1, 3, 7] → "1, 3, 7". */
export function daysText(days: readonly number[]): string {
  return days.join(", ");
}

/** [1, 3, 7] → "1, 3 and 7 days after …"; [] → "None after …". */
export function describeDays(days: readonly number[], when: string): string {
  if (days.length === 0) return `None ${when}`;
  const listed = days.length === 1 ? `${days[0]}` : `${days.slice(0, -1).join(", ")} and ${days.at(-1)}`;
  return `${listed} ${days.length === 1 && days[0] === 1 ? "day" : "days"} ${when}`;
}
