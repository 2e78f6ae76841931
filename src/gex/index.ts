// Gamma exposure: analyzeChain and its parts (exposures, walls, zero gamma), plus the report contract.
export { analyzeChain, prepareChain, profileOf, type AnalyzeOptions, type GexEngine, type PreparedChain } from './analyze.js';
export { DEALER_MODELS, dealerSign, type DealerModel } from './exposure.js';
export { findWalls, argmaxStrike, type Walls } from './walls.js';
export { GexProfile, findZeroGamma, hoistContracts, refineRoot, ladder, type ZeroGammaResult } from './zero-gamma.js';
export type { GexReport, StrikeExposure } from './report.js';
export { JSON_REPORT_KEYS } from './report.js';
