// The part of jStat (a maintained statistics library without its own type
// declarations) that the experiments' statistics call.
declare module "jstat" {
  type Distribution = {
    cdf(x: number, ...parameters: number[]): number;
    inv(p: number, ...parameters: number[]): number;
  };
  const jStat: { normal: Distribution; studentt: Distribution };
  export default jStat;
}
