// Colour contrast as WCAG 2 measures it: the relative luminance of an sRGB
// colour and the contrast ratio of two colours, from 1 (the same) to 21
// (black on white). Text of normal size passes level AA at 4.5:1. The portal
// sets the seller's colours with these: text on the primary colour is black
// or white, whichever reads better (one of them always passes AA), and an
// accent colour used as text on the white page must pass AA itself.

/** The smallest contrast level AA asks of text of normal size. */
export const AA_TEXT_CONTRAST = 4.5;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(text: string): boolean {
  return HEX_COLOR.test(text);
}

function channel(hex: string, at: number): number {
  const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG's relative luminance of a #RRGGBB colour, from 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG's contrast ratio of two #RRGGBB colours, from 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Black or white, whichever contrasts more with `background`: at least 4.58:1 whatever the colour. */
export function textColorOn(background: string): "#000000" | "#ffffff" {
  return contrastRatio(background, "#000000") >= contrastRatio(background, "#ffffff") ? "#000000" : "#ffffff";
}

/** The ratio rounded down to two decimals, as a person reads it: "3.02:1". */
export function describeContrast(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

/**
 * `color` darkened step by step (towards black, keeping its hue) until it
 * passes AA as text on `background`; unchanged when it passes already.
 */
export function darkenedToContrast(color: string, background: string): string {
  let candidate = color.toLowerCase();
  for (let step = 1; contrastRatio(candidate, background) < AA_TEXT_CONTRAST && step <= 20; step++) {
    const scale = 1 - step * 0.05;
    candidate = `#${[1, 3, 5]
      .map((at) =>
        Math.round(Number.parseInt(color.slice(at, at + 2), 16) * scale)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")}`;
  }
  return candidate;
}
