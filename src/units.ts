// Desk units: named conversions, never a silent rescaling of the natural-unit greeks (DESIGN.md section 1).
type Num = number | Float64Array;

function scale<T extends Num>(x: T, f: number): T {
  if (typeof x === 'number') return (x * f) as T;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] * f;
  return out as T;
}

/** Theta per calendar day (theta / 365). */
export const thetaPerDay = <T extends Num>(theta: T): T => scale(theta, 1 / 365);
/** Vega per 1 volatility point (vega / 100). */
export const vegaPerPoint = <T extends Num>(vega: T): T => scale(vega, 1 / 100);
/** Rho per 1 percentage point of rate (rho / 100). */
export const rhoPerPoint = <T extends Num>(rho: T): T => scale(rho, 1 / 100);
/** Epsilon per 1 percentage point of dividend yield (epsilon / 100). */
export const epsilonPerPoint = <T extends Num>(epsilon: T): T => scale(epsilon, 1 / 100);
/** Charm per calendar day (charm / 365). */
export const charmPerDay = <T extends Num>(charm: T): T => scale(charm, 1 / 365);
