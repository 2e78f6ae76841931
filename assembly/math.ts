// Lane-wise f64x2 exp, log and the scaled normal CDF for the greeks kernel. src/kernel/math.ts is the scalar
// twin: same constants, same polynomials, same operation order per lane, so both backends agree bit for bit.
// Branch-free, no scalar Math calls; constants as v128.const (wasm.md section 1: pmin/pmax, not min/max).

// exp: x = (k/128) ln2 + r, |r| <= ln2/256; exp(x) = 2^(k>>7) * 2^((k&127)/128) * (1 + expm1(r)).
// Table-driven reduction as in ARM optimized-routines / musl exp (Szabolcs Nagy, 2018), with a plain Taylor
// expm1 of degree 5: the truncation error |r|^6/720 < 6e-19 is below half an ulp. Constants: scripts/gen-exp-table.py.
const INV_LN2N: f64 = 184.6649652337873; // 128/ln2
const SHIFT: f64 = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer (round-to-nearest)
const LN2N_HI: f64 = 0.005415212348452769; // ln2/128, 29 significant bits (Cody-Waite: k*LN2N_HI is exact)
const LN2N_LO: f64 = -3.2819649005320973e-13; // ln2/128 - LN2N_HI
const EXP_C3: f64 = 1.0 / 6.0;
const EXP_C4: f64 = 1.0 / 24.0;
const EXP_C5: f64 = 1.0 / 120.0;
const EXP_MAX: f64 = 710; // exp(710) overflows: the two-step scaling below then gives +Infinity
const EXP_MIN: f64 = -1000; // exp(-1000) underflows to 0; clamping keeps 2^(e/2) a normal number
/** 2^(i/128) for i = 0..127 as (hi, lo) pairs, hi + lo exact to about 2^-106 (mpmath, scripts/gen-exp-table.py). */
const EXP_TAB: usize = memory.data<f64>([
  1.0, 0.0,
  1.0054299011128027, 9.499186535455032e-17,
  1.0108892860517005, -1.5234778603368577e-17,
  1.016378314910953, -5.77217007319966e-17,
  1.0218971486541166, 5.109225028973444e-17,
  1.0274459491187637, -4.9560741746453704e-17,
  1.0330248790212284, 7.600838874027088e-18,
  1.0386341019613787, 5.996273788852511e-17,
  1.0442737824274138, 8.551889705537965e-17,
  1.0499440858006872, 5.592937848127003e-17,
  1.0556451783605572, 1.759325738772092e-18,
  1.061377227289262, -1.1973537085365658e-17,
  1.0671404006768237, -7.899853966841582e-17,
  1.0729348675259756, -3.839668843358824e-18,
  1.0787607977571199, -6.656660436056593e-17,
  1.0846183622133092, 3.166152845816346e-17,
  1.0905077326652577, -3.046782079812471e-17,
  1.0964290818163769, -5.919933484449316e-17,
  1.102382583307841, 5.2660368715706944e-17,
  1.1083684117236787, -8.786813845180527e-17,
  1.1143867425958924, 1.0410278456845571e-16,
  1.1204377524096067, -6.201085906554179e-17,
  1.1265216186082418, 5.165856758795457e-17,
  1.1326385195987192, 3.237356166738e-17,
  1.1387886347566916, 8.912812676025408e-17,
  1.1449721444318042, 4.6412898921700107e-17,
  1.1511892299529827, 3.250710218863827e-17,
  1.1574400736337511, -9.1238712311344e-17,
  1.1637248587775775, 3.8292048369240935e-17,
  1.1700437696832502, -1.8477442017900047e-18,
  1.1763969916502812, 5.554203254218079e-17,
  1.182784710984341, 1.542975430079076e-17,
  1.189207115002721, 3.982015231465646e-17,
  1.1956643920398273, 4.6166036704814814e-17,
  1.202156731452703, 6.644981499252301e-17,
  1.2086843236265816, -4.746725945228984e-17,
  1.215247359980469, -7.712630692681488e-17,
  1.2218460329727576, -1.0611021211402691e-16,
  1.22848053610687, -1.89878163130253e-17,
  1.2351510639369334, -1.0755244344307841e-16,
  1.241857812073484, 4.658027591836937e-17,
  1.2486009771892048, -8.261810999021964e-17,
  1.255380757024691, -6.7113898212968784e-18,
  1.2621973503942507, -3.0844648874738465e-17,
  1.2690509571917332, 2.667932131342186e-18,
  1.275941778396392, 9.91543024421429e-17,
  1.2828700160787783, 1.713594918243561e-17,
  1.2898358734066657, 8.949257530897592e-17,
  1.2968395546510096, 2.5382502794888315e-17,
  1.3038812651919358, 8.647675598267871e-17,
  1.3109612115247644, -7.181536135519454e-17,
  1.318079601266064, -5.4579558271491535e-17,
  1.3252366431597413, -2.8587312100388614e-17,
  1.3324325470831615, -5.101586630916744e-17,
  1.339667524053303, 8.927282594831732e-17,
  1.3469417862329458, 3.224065101254679e-17,
  1.3542555469368927, 7.70094837980299e-17,
  1.3616090206382248, 1.533787661270668e-18,
  1.3690024229745905, 9.593797919118849e-17,
  1.3764359707545302, -6.898588935871801e-17,
  1.383909881963832, -6.770511658794786e-17,
  1.3914243757719262, -4.9061748652889893e-17,
  1.3989796725383112, -9.614213209051323e-17,
  1.4065759938190154, 7.034914812136422e-18,
  1.4142135623730951, -9.667293313452913e-17,
  1.4218926021691656, -1.6077828915890244e-17,
  1.42961333839197, -1.2031642489053655e-17,
  1.4373759974489824, -4.2040340164675566e-17,
  1.4451808069770467, -3.0237581349939873e-17,
  1.4530279958490526, -5.779948609396106e-17,
  1.460917794180647, -5.600377186075216e-17,
  1.4688504333369818, 8.465882756533628e-17,
  1.4768261459394993, -3.483994556892796e-17,
  1.4848451658727524, 1.0780086764407481e-16,
  1.4929077282912648, 1.4192920154284036e-17,
  1.5010140696264256, -6.413767275790235e-17,
  1.5091644275934228, -1.016455327754295e-16,
  1.5173590411982147, -4.308699472043341e-17,
  1.5255981507445384, -1.1024941712342561e-16,
  1.533881997840956, 8.875226844438446e-17,
  1.5422108254079407, 7.949834809697621e-17,
  1.550584877685, -1.4600706590689385e-17,
  1.559004400237837, 3.7812070533575275e-17,
  1.567469639965553, -1.0352061768849722e-16,
  1.5759808451078865, -1.0136916471278304e-17,
  1.5845382652524937, -1.9337717034585703e-17,
  1.593142151342267, -1.0094406542311964e-16,
  1.6017927556826934, -6.054917453527784e-17,
  1.6104903319492543, 2.4707192569797888e-17,
  1.6192351351948637, 2.0941334154229092e-17,
  1.6280274218573478, -6.712955084707084e-17,
  1.6368674497669644, 7.698325071319876e-17,
  1.645755478153965, -1.0125679913674773e-16,
  1.6546917676561943, 9.643294303196029e-17,
  1.6636765803267364, 5.8909926967131e-17,
  1.6727101796415966, -5.476715964599563e-17,
  1.681792830507429, 8.199010020581497e-17,
  1.6909247992693053, -9.66967147439488e-17,
  1.7001063537185235, -8.0237193703977e-18,
  1.709337763100463, -9.868779456632931e-17,
  1.718619298122478, -1.851380418263111e-17,
  1.7279512309618377, -1.0750981861204642e-16,
  1.7373338352737062, 3.164389299292957e-17,
  1.746767386199169, -1.0752290483507515e-16,
  1.7562521603732995, 2.960140695448873e-17,
  1.7657884359332727, 9.461315018083268e-17,
  1.7753764925265212, 6.429731796556572e-17,
  1.785016611318935, 1.5330400121031314e-17,
  1.7947090750031072, 1.8227458427912087e-17,
  1.804454167806624, -5.177222408793318e-17,
  1.8142521755003989, -9.969531538920349e-17,
  1.8241033854070534, -1.0159627862277083e-16,
  1.8340080864093424, 3.283107224245627e-17,
  1.843966568958626, -5.939742026949965e-17,
  1.8539791250833855, 9.761887490727594e-17,
  1.864046048397789, 6.540912680620572e-17,
  1.8741676341103, -6.122763413004143e-17,
  1.8843441790323345, -8.226593125533711e-17,
  1.8945759815869656, 3.4034035352165297e-17,
  1.9048633418176741, 6.533857514718279e-17,
  1.9152065613971474, -1.0619946056195963e-16,
  1.925605943636125, -9.914963769693741e-17,
  1.9360617934922943, 1.0332385960676326e-16,
  1.9465744175792332, 6.811022349533877e-17,
  1.9571441241754002, 8.960767791036668e-17,
  1.9677712232331759, -1.0314928011531132e-16,
  1.978456026387951, 4.0388753109278167e-17,
  1.9891988469672663, 8.2051326383692e-18
]);

/** e^x per lane with at most about 1 ulp error; NaN, +-Infinity, overflow and (gradual) underflow as Math.exp. */
// @ts-ignore: decorator
@inline export function expf64(x: v128): v128 {
  x = f64x2.pmin(x, kc(K_EXP_MAX));
  x = f64x2.pmax(x, kc(K_EXP_MIN));
  const kd = f64x2.add(f64x2.mul(x, kc(K_INV_LN2N)), kc(K_SHIFT));
  const kf = f64x2.sub(kd, kc(K_SHIFT));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(kf, kc(K_LN2N_HI))), f64x2.mul(kf, kc(K_LN2N_LO)));
  // k is in the low 32 bits of each lane of kd's bit pattern (|k| < 2^18): two 16-byte table loads, then shuffle
  const t0 = v128.load(EXP_TAB + ((<usize>(i32x4.extract_lane(kd, 0) & 127)) << 4));
  const t1 = v128.load(EXP_TAB + ((<usize>(i32x4.extract_lane(kd, 2) & 127)) << 4));
  const hi = v128.shuffle<f64>(t0, t1, 0, 2);
  const lo = v128.shuffle<f64>(t0, t1, 1, 3);
  const r2 = f64x2.mul(r, r);
  const p = f64x2.add(r, f64x2.mul(r2, f64x2.add(
    f64x2.add(kc(K_HALF), f64x2.mul(r, kc(K_EXP_C3))),
    f64x2.mul(r2, f64x2.add(kc(K_EXP_C4), f64x2.mul(r, kc(K_EXP_C5)))))));
  const u = f64x2.add(hi, f64x2.add(lo, f64x2.mul(hi, p)));
  // scale 2^(k>>7) as two normal factors 2^e1 * 2^e2, e1 = k>>8 (SLEEF xexp); i32x4.shr_s is one instruction
  const e1 = i32x4.shr_s(kd, 8);
  const e2 = i32x4.sub(i32x4.shr_s(kd, 7), e1);
  const s1 = i64x2.shl(i32x4.add(e1, i32x4.splat(1023)), 52);
  const s2 = i64x2.shl(i32x4.add(e2, i32x4.splat(1023)), 52);
  return f64x2.mul(f64x2.mul(u, s1), s2);
}

// log: x = 2^e m with m in [sqrt(1/2), sqrt(2)) (fdlibm e_log.c reduction); log m = 2 atanh(t), t = (m-1)/(m+1),
// |t| <= 0.1716, by its Taylor series through t^19: the first omitted term is below 2.3e-17 relative.
const LN2_HI: f64 = 0.6931471803691238; // fdlibm ln2_hi (0x3fe62e42fee00000): e*LN2_HI is exact
const LN2_LO: f64 = 1.9082149292705877e-10; // fdlibm ln2_lo
const TWO64: f64 = 18446744073709551616.0; // subnormal inputs are scaled by 2^64 first
const DBL_MIN: f64 = 2.2250738585072014e-308;
const L3: f64 = 1.0 / 3.0, L5: f64 = 1.0 / 5.0, L7: f64 = 1.0 / 7.0, L9: f64 = 1.0 / 9.0, L11: f64 = 1.0 / 11.0,
  L13: f64 = 1.0 / 13.0, L15: f64 = 1.0 / 15.0, L17: f64 = 1.0 / 17.0, L19: f64 = 1.0 / 19.0;
const MAGIC: f64 = 6755399441055744.0; // 1.5 * 2^52: bits(MAGIC) + i is the double MAGIC + i for |i| < 2^51

/** Natural logarithm per lane, within about 2 ulp; log(0) = -Infinity, log(Infinity) = Infinity, x < 0 or NaN: NaN. */
// @ts-ignore: decorator
@inline export function logf64(x: v128): v128 {
  const small = f64x2.lt(x, kc(K_DBL_MIN));
  const xs = v128.bitselect(f64x2.mul(x, kc(K_TWO64)), x, small);
  const hx = i64x2.add(xs, i64x2.splat(0x00095f6200000000)); // 0x3ff00000 - 0x3fe6a09e in the high word
  const ei = i64x2.sub(i64x2.shr_u(hx, 52), i64x2.splat(1023));
  const e = f64x2.sub(i64x2.add(ei, i64x2.splat(0x4338000000000000)), kc(K_MAGIC));
  const ef = f64x2.sub(e, v128.and(small, kc(K_SIXTY_FOUR)));
  const m = i64x2.add(v128.and(hx, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3fe6a09e00000000));
  const one = kc(K_ONE);
  const t = f64x2.div(f64x2.sub(m, one), f64x2.add(m, one));
  const s = f64x2.mul(t, t);
  const s2 = f64x2.mul(s, s);
  const s4 = f64x2.mul(s2, s2);
  const pa = f64x2.add(
    f64x2.add(kc(K_L3), f64x2.mul(s, kc(K_L5))),
    f64x2.mul(s2, f64x2.add(kc(K_L7), f64x2.mul(s, kc(K_L9)))));
  const pb = f64x2.add(
    f64x2.add(kc(K_L11), f64x2.mul(s, kc(K_L13))),
    f64x2.mul(s2, f64x2.add(kc(K_L15), f64x2.mul(s, kc(K_L17)))));
  const p = f64x2.add(pa, f64x2.mul(s4, f64x2.add(pb, f64x2.mul(s4, kc(K_L19)))));
  const t2 = f64x2.add(t, t);
  let r = f64x2.add(f64x2.mul(ef, kc(K_LN2_HI)),
    f64x2.add(f64x2.add(f64x2.mul(t2, f64x2.mul(s, p)), f64x2.mul(ef, kc(K_LN2_LO))), t2));
  r = v128.bitselect(r, kc(K_NAN), f64x2.ge(x, kc(K_ZERO)));
  r = v128.bitselect(kc(K_INF), r, f64x2.eq(x, kc(K_INF)));
  return v128.bitselect(kc(K_NEG_INF), r, f64x2.eq(x, kc(K_ZERO)));
}

// Normal CDF through W. J. Cody's rational Chebyshev erfc ("Rational Chebyshev approximations for the error
// function", Math. Comp. 23 (1969) 631-637; netlib specfun CALERF, 1990), N(x) = erfc(-x/sqrt2)/2. Cody's
// approximations hold to at least 18 significant digits *relative* in every region, including erfc(y) for
// 4 < y < 26.543 (the form exp(-y^2) R(1/y^2) / y), so N(x) is relative-accurate down to x = -37.5 where it
// underflows: no separate asymptotic series is needed below x = -10 (CALERF header; Jaeckel's "Let's Be
// Rational" uses Cody there too, the asymptotic series only as a speed-up). Coefficients copied from CALERF.
const A0: f64 = 3.16112374387056560e00, A1: f64 = 1.13864154151050156e02, A2: f64 = 3.77485237685302021e02,
  A3: f64 = 3.20937758913846947e03, A4: f64 = 1.85777706184603153e-1;
const B0: f64 = 2.36012909523441209e01, B1: f64 = 2.44024637934444173e02, B2: f64 = 1.28261652607737228e03,
  B3: f64 = 2.84423683343917062e03;
const C0: f64 = 5.64188496988670089e-1, C1: f64 = 8.88314979438837594e00, C2: f64 = 6.61191906371416295e01,
  C3: f64 = 2.98635138197400131e02, C4: f64 = 8.81952221241769090e02, C5: f64 = 1.71204761263407058e03,
  C6: f64 = 2.05107837782607147e03, C7: f64 = 1.23033935479799725e03, C8: f64 = 2.15311535474403846e-8;
const D0: f64 = 1.57449261107098347e01, D1: f64 = 1.17693950891312499e02, D2: f64 = 5.37181101862009858e02,
  D3: f64 = 1.62138957456669019e03, D4: f64 = 3.29079923573345963e03, D5: f64 = 4.36261909014324716e03,
  D6: f64 = 3.43936767414372164e03, D7: f64 = 1.23033935480374942e03;
const P0: f64 = 3.05326634961232344e-1, P1: f64 = 3.60344899949804439e-1, P2: f64 = 1.25781726111229246e-1,
  P3: f64 = 1.60837851487422766e-2, P4: f64 = 6.58749161529837803e-4, P5: f64 = 1.63153871373020978e-2;
const Q0: f64 = 2.56852019228982242e00, Q1: f64 = 1.87295284992346047e00, Q2: f64 = 5.27905102951428412e-1,
  Q3: f64 = 6.05183413124413191e-2, Q4: f64 = 2.33520497626869185e-3;
const SQRPI: f64 = 0.5641895835477563; // 1/sqrt(pi)
const SQRT1_2: f64 = 0.7071067811865476;
const ERFC_R1: f64 = 0.46875; // Cody's region bounds (CALERF THRESH and 4)
const ERFC_R2: f64 = 4;
const ERFC_YMAX: f64 = 26.6; // beyond CALERF's XBIG = 26.543 erfc underflows; clamping keeps w^5 finite

// @ts-ignore: decorator
@inline function kc(offset: usize): v128 { return v128.load(KTAB + offset); }
// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 { return f64x2.add(a, b); }
// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }

/**
 * D * N(x) per lane, given H = D * exp(-x^2/2) (callers share that exponential between n(d1) and both CDFs).
 * Cody's three regions as one rational num/den per lane, one division (region 3 rewritten in w = y^2 so it
 * needs no 1/y^2);
 * region 3 is evaluated only when some lane falls in it.
 */
// @ts-ignore: decorator
@inline export function cdfScaled(x: v128, D: v128, H: v128): v128 {
  const z = mul(x, kc(K_NEG_SQRT1_2));
  const y = f64x2.abs(z);
  // Regions 1 and 2 always (random chains put |d1| < 0.66 in two pairs out of three); region 3 (y > 4) only when a
  // lane needs it (3% of pairs there), behind a well-predicted branch.
  let num = add(mul(kc(K_C8), y), kc(K_C0));
  num = add(mul(num, y), kc(K_C1));
  num = add(mul(num, y), kc(K_C2));
  num = add(mul(num, y), kc(K_C3));
  num = add(mul(num, y), kc(K_C4));
  num = add(mul(num, y), kc(K_C5));
  num = add(mul(num, y), kc(K_C6));
  num = add(mul(num, y), kc(K_C7));
  let den = add(y, kc(K_D0));
  den = add(mul(den, y), kc(K_D1));
  den = add(mul(den, y), kc(K_D2));
  den = add(mul(den, y), kc(K_D3));
  den = add(mul(den, y), kc(K_D4));
  den = add(mul(den, y), kc(K_D5));
  den = add(mul(den, y), kc(K_D6));
  den = add(mul(den, y), kc(K_D7));
  const r3 = f64x2.gt(y, kc(K_ERFC_R2));
  if (v128.any_true(r3)) {
    const yc = f64x2.pmin(y, kc(K_ERFC_YMAX));
    const w = mul(yc, yc);
    const numR = add(mul(add(mul(add(mul(add(mul(add(mul(kc(K_P4), w), kc(K_P3)), w), kc(K_P2)), w), kc(K_P1)), w), kc(K_P0)), w), kc(K_P5));
    const wdenR = mul(add(mul(add(mul(add(mul(add(mul(add(mul(kc(K_Q4), w), kc(K_Q3)), w), kc(K_Q2)), w), kc(K_Q1)), w), kc(K_Q0)), w), kc(K_ONE)), w);
    num = v128.bitselect(f64x2.sub(mul(kc(K_SQRPI), wdenR), numR), num, r3);
    den = v128.bitselect(mul(wdenR, yc), den, r3);
  }
  const r1 = f64x2.le(y, kc(K_ERFC_R1));
  const z2 = mul(z, z);
  num = v128.bitselect(mul(z, add(mul(add(mul(add(mul(add(mul(kc(K_A4), z2), kc(K_A0)), z2), kc(K_A1)), z2), kc(K_A2)), z2), kc(K_A3))), num, r1);
  den = v128.bitselect(add(mul(add(mul(add(mul(add(z2, kc(K_B0)), z2), kc(K_B1)), z2), kc(K_B2)), z2), kc(K_B3)), den, r1);
  const q = f64x2.div(num, den);
  const h = mul(mul(kc(K_HALF), H), q); // D * erfc(|z|) / 2
  const tail = v128.bitselect(f64x2.sub(D, h), h, f64x2.lt(z, kc(K_ZERO)));
  return v128.bitselect(mul(mul(kc(K_HALF), D), f64x2.sub(kc(K_ONE), q)), tail, r1);
}

/** The standard normal CDF N(x) per lane, relative-accurate in both tails. */
// @ts-ignore: decorator
@inline export function normCdf(x: v128): v128 {
  return cdfScaled(x, kc(K_ONE), expf64(mul(mul(kc(K_NEG_HALF), x), x)));
}

// Every f64x2 constant above, splatted, in one read-only table: a v128.load is one instruction where V8 rebuilds
// a v128.const with three in every iteration (wasm.md section 1; measured on this kernel with scripts/kernel-speed.mjs).
const KTAB: usize = memory.data<f64>([
  EXP_MAX, EXP_MAX,
  EXP_MIN, EXP_MIN,
  INV_LN2N, INV_LN2N,
  SHIFT, SHIFT,
  LN2N_HI, LN2N_HI,
  LN2N_LO, LN2N_LO,
  0.5, 0.5,
  EXP_C3, EXP_C3,
  EXP_C4, EXP_C4,
  EXP_C5, EXP_C5,
  DBL_MIN, DBL_MIN,
  TWO64, TWO64,
  MAGIC, MAGIC,
  64.0, 64.0,
  1.0, 1.0,
  L3, L3,
  L5, L5,
  L7, L7,
  L9, L9,
  L11, L11,
  L13, L13,
  L15, L15,
  L17, L17,
  L19, L19,
  LN2_HI, LN2_HI,
  LN2_LO, LN2_LO,
  NaN, NaN,
  0.0, 0.0,
  Infinity, Infinity,
  -Infinity, -Infinity,
  -SQRT1_2, -SQRT1_2,
  A4, A4,
  A0, A0,
  A1, A1,
  A2, A2,
  A3, A3,
  B0, B0,
  B1, B1,
  B2, B2,
  B3, B3,
  C8, C8,
  C0, C0,
  C1, C1,
  C2, C2,
  C3, C3,
  C4, C4,
  C5, C5,
  C6, C6,
  C7, C7,
  D0, D0,
  D1, D1,
  D2, D2,
  D3, D3,
  D4, D4,
  D5, D5,
  D6, D6,
  D7, D7,
  ERFC_YMAX, ERFC_YMAX,
  P4, P4,
  P3, P3,
  P2, P2,
  P1, P1,
  P0, P0,
  P5, P5,
  Q4, Q4,
  Q3, Q3,
  Q2, Q2,
  Q1, Q1,
  Q0, Q0,
  SQRPI, SQRPI,
  ERFC_R1, ERFC_R1,
  ERFC_R2, ERFC_R2,
  -0.5, -0.5,
]);
const K_EXP_MAX: usize = 0;
const K_EXP_MIN: usize = 16;
const K_INV_LN2N: usize = 32;
const K_SHIFT: usize = 48;
const K_LN2N_HI: usize = 64;
const K_LN2N_LO: usize = 80;
const K_HALF: usize = 96;
const K_EXP_C3: usize = 112;
const K_EXP_C4: usize = 128;
const K_EXP_C5: usize = 144;
const K_DBL_MIN: usize = 160;
const K_TWO64: usize = 176;
const K_MAGIC: usize = 192;
const K_SIXTY_FOUR: usize = 208;
const K_ONE: usize = 224;
const K_L3: usize = 240;
const K_L5: usize = 256;
const K_L7: usize = 272;
const K_L9: usize = 288;
const K_L11: usize = 304;
const K_L13: usize = 320;
const K_L15: usize = 336;
const K_L17: usize = 352;
const K_L19: usize = 368;
const K_LN2_HI: usize = 384;
const K_LN2_LO: usize = 400;
const K_NAN: usize = 416;
const K_ZERO: usize = 432;
const K_INF: usize = 448;
const K_NEG_INF: usize = 464;
const K_NEG_SQRT1_2: usize = 480;
const K_A4: usize = 496;
const K_A0: usize = 512;
const K_A1: usize = 528;
const K_A2: usize = 544;
const K_A3: usize = 560;
const K_B0: usize = 576;
const K_B1: usize = 592;
const K_B2: usize = 608;
const K_B3: usize = 624;
const K_C8: usize = 640;
const K_C0: usize = 656;
const K_C1: usize = 672;
const K_C2: usize = 688;
const K_C3: usize = 704;
const K_C4: usize = 720;
const K_C5: usize = 736;
const K_C6: usize = 752;
const K_C7: usize = 768;
const K_D0: usize = 784;
const K_D1: usize = 800;
const K_D2: usize = 816;
const K_D3: usize = 832;
const K_D4: usize = 848;
const K_D5: usize = 864;
const K_D6: usize = 880;
const K_D7: usize = 896;
const K_ERFC_YMAX: usize = 912;
const K_P4: usize = 928;
const K_P3: usize = 944;
const K_P2: usize = 960;
const K_P1: usize = 976;
const K_P0: usize = 992;
const K_P5: usize = 1008;
const K_Q4: usize = 1024;
const K_Q3: usize = 1040;
const K_Q2: usize = 1056;
const K_Q1: usize = 1072;
const K_Q0: usize = 1088;
const K_SQRPI: usize = 1104;
const K_ERFC_R1: usize = 1120;
const K_ERFC_R2: usize = 1136;
const K_NEG_HALF: usize = 1152;
