// WCAG 2 contrast, checked against figures worked by hand and published ones.
import { describe, expect, it } from "vitest";
import {
  AA_TEXT_CONTRAST,
  contrastRatio,
  darkenedToContrast,
  describeContrast,
  relativeLuminance,
  textColorOn,
} from "./color-contrast.ts";

describe("colour contrast", () => {
  it("measures luminance and contrast as WCAG 2 does", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 10);
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 10);
    // #767676 on white is the lightest grey that passes AA: 4.54:1.
    expect(describeContrast(contrastRatio("#767676", "#ffffff"))).toBe("4.54:1");
    // #777777 just fails: 4.47:1.
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(AA_TEXT_CONTRAST);
  });

  it("puts black or white text on a background, whichever passes AA", () => {
    for (const background of ["#ffcc00", "#0b5fff", "#767676", "#777777", "#1f2328", "#f6f8fa", "#ff0000"]) {
      const text = textColorOn(background);
      expect(contrastRatio(text, background), background).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
    }
    expect(textColorOn("#ffcc00")).toBe("#000000");
    expect(textColorOn("#0b3d91")).toBe("#ffffff");
  });

  it("darkens a colour that fails as text on white until it passes, and leaves one that passes", () => {
    expect(darkenedToContrast("#0b3d91", "#ffffff")).toBe("#0b3d91");
    const darkened = darkenedToContrast("#ffcc00", "#ffffff");
    expect(contrastRatio(darkened, "#ffffff")).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
  });
});
