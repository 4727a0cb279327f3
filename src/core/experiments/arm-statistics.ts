// Statistics of an experiment's arms: each metric per arm with a 95%
// confidence interval, its difference from the control with a two-sided
// significance test, and the sample size each arm needs to detect a given
// effect. Rates (conversion, churn, payment failures, disputes) are
// proportions: Wilson intervals and the two-proportion z-test. Amounts
// (average invoice, expansion and contraction revenue) are means: Student's t
// intervals and Welch's t-test. The distributions come from jStat. Every
// figure here is an estimate of a probability or an interval, never an
// amount billed, so floating point is fine and the names say so.
import jStat from "jstat";
import { Decimal } from "../decimal.ts";

export type SignificanceOptions = { confidence: number };

const defaults: SignificanceOptions = { confidence: 0.95 };

export type ProportionEstimate = {
  successes: number;
  trials: number;
  rateEstimate: number;
  lowerEstimate: number;
  upperEstimate: number;
};

/** A rate with its Wilson score interval (sound for small counts and rates near 0 or 1). */
export function proportionEstimate(
  successes: number,
  trials: number,
  options: SignificanceOptions = defaults,
): ProportionEstimate {
  if (trials === 0) return { successes, trials, rateEstimate: 0, lowerEstimate: 0, upperEstimate: 0 };
  const z = jStat.normal.inv(1 - (1 - options.confidence) / 2, 0, 1);
  const rate = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = (rate + (z * z) / (2 * trials)) / denominator;
  const halfWidth =
    (z * Math.sqrt((rate * (1 - rate)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return {
    successes,
    trials,
    rateEstimate: rate,
    lowerEstimate: Math.max(0, centre - halfWidth),
    upperEstimate: Math.min(1, centre + halfWidth),
  };
}

export type ComparisonEstimate = {
  differenceEstimate: number;
  statisticEstimate: number;
  pValueEstimate: number;
  significant: boolean;
};

/** The variant's rate against the control's: the two-proportion z-test with a pooled rate. */
export function compareProportions(
  control: { successes: number; trials: number },
  variant: { successes: number; trials: number },
  options: SignificanceOptions = defaults,
): ComparisonEstimate | null {
  if (control.trials === 0 || variant.trials === 0) return null;
  const controlRate = control.successes / control.trials;
  const variantRate = variant.successes / variant.trials;
  const pooled = (control.successes + variant.successes) / (control.trials + variant.trials);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / control.trials + 1 / variant.trials));
  const difference = variantRate - controlRate;
  if (standardError === 0) {
    return { differenceEstimate: difference, statisticEstimate: 0, pValueEstimate: 1, significant: false };
  }
  const z = difference / standardError;
  const pValue = 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));
  return {
    differenceEstimate: difference,
    statisticEstimate: z,
    pValueEstimate: pValue,
    significant: pValue < 1 - options.confidence,
  };
}

export type MeanEstimate = {
  count: number;
  /** The exact mean of the amounts. */
  mean: Decimal;
  lowerEstimate: number;
  upperEstimate: number;
  standardDeviationEstimate: number;
};

/** The mean of amounts (exact) with Student's t interval around it. */
export function meanEstimate(
  values: readonly Decimal[],
  options: SignificanceOptions = defaults,
): MeanEstimate {
  const count = values.length;
  if (count === 0) {
    return { count, mean: new Decimal(0), lowerEstimate: 0, upperEstimate: 0, standardDeviationEstimate: 0 };
  }
  const mean = values.reduce((sum, value) => sum.plus(value), new Decimal(0)).dividedBy(count);
  const meanNumber = mean.toNumber();
  if (count === 1) {
    return {
      count,
      mean,
      lowerEstimate: meanNumber,
      upperEstimate: meanNumber,
      standardDeviationEstimate: 0,
    };
  }
  const deviation = standardDeviation(values, meanNumber);
  const t = jStat.studentt.inv(1 - (1 - options.confidence) / 2, count - 1);
  const halfWidth = (t * deviation) / Math.sqrt(count);
  return {
    count,
    mean,
    lowerEstimate: meanNumber - halfWidth,
    upperEstimate: meanNumber + halfWidth,
    standardDeviationEstimate: deviation,
  };
}

/** The variant's mean against the control's: Welch's t-test (no equal variances assumed). */
export function compareMeans(
  control: readonly Decimal[],
  variant: readonly Decimal[],
  options: SignificanceOptions = defaults,
): ComparisonEstimate | null {
  if (control.length < 2 || variant.length < 2) return null;
  const controlMean = meanOf(control);
  const variantMean = meanOf(variant);
  const controlVariance = standardDeviation(control, controlMean) ** 2 / control.length;
  const variantVariance = standardDeviation(variant, variantMean) ** 2 / variant.length;
  const difference = variantMean - controlMean;
  const standardError = Math.sqrt(controlVariance + variantVariance);
  if (standardError === 0) {
    return {
      differenceEstimate: difference,
      statisticEstimate: 0,
      pValueEstimate: difference === 0 ? 1 : 0,
      significant: difference !== 0,
    };
  }
  const t = difference / standardError;
  const freedom =
    (controlVariance + variantVariance) ** 2 /
    (controlVariance ** 2 / (control.length - 1) + variantVariance ** 2 / (variant.length - 1));
  const pValue = 2 * (1 - jStat.studentt.cdf(Math.abs(t), freedom));
  return {
    differenceEstimate: difference,
    statisticEstimate: t,
    pValueEstimate: pValue,
    significant: pValue < 1 - options.confidence,
  };
}

export type PowerOptions = { confidence: number; power: number };

const powerDefaults: PowerOptions = { confidence: 0.95, power: 0.8 };

/** Customers each arm needs to detect a change of a rate from `baseRate` by `minimumDifference` (absolute). */
export function sampleSizeForProportion(
  baseRate: number,
  minimumDifference: number,
  options: PowerOptions = powerDefaults,
): number {
  const target = Math.min(1, Math.max(0, baseRate + minimumDifference));
  const variance = baseRate * (1 - baseRate) + target * (1 - target);
  return sampleSize(variance, Math.abs(target - baseRate), options);
}

/** Customers each arm needs to detect a change of a mean by `minimumDifference`, given the spread of amounts. */
export function sampleSizeForMean(
  standardDeviationEstimate: number,
  minimumDifference: number,
  options: PowerOptions = powerDefaults,
): number {
  return sampleSize(2 * standardDeviationEstimate ** 2, Math.abs(minimumDifference), options);
}

function sampleSize(variance: number, difference: number, options: PowerOptions): number {
  if (difference === 0) return Number.POSITIVE_INFINITY;
  const zAlpha = jStat.normal.inv(1 - (1 - options.confidence) / 2, 0, 1);
  const zPower = jStat.normal.inv(options.power, 0, 1);
  return Math.ceil(((zAlpha + zPower) ** 2 * variance) / difference ** 2);
}

function meanOf(values: readonly Decimal[]): number {
  return values
    .reduce((sum, value) => sum.plus(value), new Decimal(0))
    .dividedBy(values.length)
    .toNumber();
}

/** The sample standard deviation (n − 1). */
function standardDeviation(values: readonly Decimal[], mean: number): number {
  const squares = values.reduce((sum, value) => sum + (value.toNumber() - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}
