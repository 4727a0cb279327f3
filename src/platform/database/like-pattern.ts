// A LIKE / ILIKE pattern that finds a person's text anywhere in a column:
// the text's own %, _ and \ match themselves, not any characters.

function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** "%text%", with the text's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${escapeLikePattern(text)}%`;
}
