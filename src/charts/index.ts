// Chart option builders for the gamma-exposure report (ECharts options; browser-safe: no node: imports).
export { gexByStrikeOption, summaryLine, type ByStrikeOptions } from './by-strike.js';
export { gexProfileOption, type ProfileOptions } from './profile.js';
export { gexSurfaceHeight, gexSurfaceOption, type SurfaceOptions } from './surface.js';
export { COLORS, fmtBn, fmtExpiry, fmtInstant, fmtLevel, fmtTick, toBn } from './format.js';
