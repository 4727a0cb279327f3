// The arms' statistics against figures worked out by hand (z = 1.959964 at
// 95%, z = 0.841621 at 80% power, t(0.975, 4) = 2.776445).
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import {
  compareMeans,
  compareProportions,
  meanEstimate,
  proportionEstimate,
  sampleSizeForMean,
  sampleSizeForProportion,
} from "./arm-statistics.ts";

const amounts = (...values: number[]) => values.map((value) => new Decimal(value));

describe("rates", () => {
  it("8 of 20 converted: 40%, Wilson interval 21.88% to 61.34%", () => {
    const estimate = proportionEstimate(8, 20);
    expect(estimate.rateEstimate).toBe(0.4);
    expect(estimate.lowerEstimate).toBeCloseTo(0.2188, 4);
    expect(estimate.upperEstimate).toBeCloseTo(0.6134, 4);
    expect(proportionEstimate(0, 0)).toMatchObject({ rateEstimate: 0, lowerEstimate: 0, upperEstimate: 0 });
  });

  it("35 of 100 against 20 of 100: pooled 27.5%, z = 0.15 / 0.063147 = 2.3754, p = 0.0175", () => {
    const comparison = compareProportions({ successes: 20, trials: 100 }, { successes: 35, trials: 100 });
    expect(comparison?.differenceEstimate).toBeCloseTo(0.15, 10);
    expect(comparison?.statisticEstimate).toBeCloseTo(2.3754, 4);
    expect(comparison?.pValueEstimate).toBeCloseTo(0.0175, 4);
    expect(comparison?.significant).toBe(true);
    expect(compareProportions({ successes: 1, trials: 0 }, { successes: 1, trials: 2 })).toBeNull();
  });
});

describe("amounts", () => {
  it("10, 12, 14, 16, 18: mean 14 exactly, sd √10, t interval 14 ± 3.9265 (2.776445 × 3.162278 / 2.236068)", () => {
    const estimate = meanEstimate(amounts(10, 12, 14, 16, 18));
    expect(estimate.mean.toFixed()).toBe("14");
    expect(estimate.standardDeviationEstimate).toBeCloseTo(Math.sqrt(10), 10);
    expect(estimate.lowerEstimate).toBeCloseTo(10.0735, 4);
    expect(estimate.upperEstimate).toBeCloseTo(17.9265, 4);
  });

  it("Welch's test: means 24 and 14, variances 10 and 10 over 5 each: t = 5, 8 degrees of freedom, p = 0.00105", () => {
    const comparison = compareMeans(amounts(10, 12, 14, 16, 18), amounts(20, 22, 24, 26, 28));
    expect(comparison?.differenceEstimate).toBe(10);
    expect(comparison?.statisticEstimate).toBeCloseTo(5, 10);
    expect(comparison?.pValueEstimate).toBeCloseTo(0.00105, 5);
    expect(comparison?.significant).toBe(true);
  });
});

describe("sample sizes", () => {
  it("a rate of 10% moving by 5 points: (1.96 + 0.8416)² × 0.2175 / 0.0025 → 683 per arm", () => {
    expect(sampleSizeForProportion(0.1, 0.05)).toBe(683);
  });

  it("a mean moving by 5 with a spread of 10: (1.96 + 0.8416)² × 200 / 25 → 63 per arm", () => {
    expect(sampleSizeForMean(10, 5)).toBe(63);
  });
});
