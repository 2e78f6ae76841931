// Everything both entry points export besides createEngine.
export { Engine } from './engine/engine.js';
export { GreeksBatch, ImpliedVolBatch } from './engine/batch.js';
export type { GreeksInput, GreeksGridInput, GreeksOptions, ImpliedVolInput, ImpliedVolResult, BackendName, RawAccess } from './engine/engine.js';
export type { EngineOptions } from './engine/create.js';
export { GREEKS, IV_STATUS, IV_STATUS_NAMES } from './engine/abi.js';
export type { GreekName, IvStatusName } from './engine/abi.js';
export { GammawallInputError } from './engine/inputs.js';
export type { NumberInput, OptionTypeInput } from './engine/inputs.js';
export * from './units.js';
export * from './gex/index.js';
export * from './chain/index.js';
