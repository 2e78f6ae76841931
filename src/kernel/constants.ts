// Mathematical constants shared by the implied-volatility kernel (lbr.ts, lbr-simd.ts, normal.ts); twin: assembly/constants.ts.
export const DBL_EPSILON = 2.220446049250313e-16;
export const DBL_MIN = 2.2250738585072014e-308;
export const DBL_MAX = 1.7976931348623157e308;
export const ONE_OVER_SQRT_TWO = 0.70710678118654752440;
export const ONE_OVER_SQRT_TWO_PI = 0.39894228040143267794;
export const ONE_OVER_SQRT_PI = 0.56418958354775628695;
export const SQRT_PI_OVER_TWO = 1.25331413731550025121;
export const HALF_LN_TWO_PI = 0.91893853320467274178;
export const TWO_PI = 6.28318530717958647693;
export const SQRT_THREE = 1.73205080756887729353;
export const SQRT_ONE_OVER_THREE = 0.57735026918962576451;
export const TWO_PI_OVER_SQRT_TWENTY_SEVEN = 1.20919957615614523373; // 2 pi / sqrt(27)
export const SQRT_THREE_OVER_THIRD_ROOT_TWO_PI = 0.93864348742738356608; // sqrt(3) / cbrt(2 pi)
export const PI_OVER_SIX = 0.52359877559829887308;
export const ONE_SIXTH = 1.0 / 6.0;
