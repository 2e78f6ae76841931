// The gamma-profile kernel (f64x2 across contracts): net GEX G(S) and dG/dS at many hypothetical spots.
// Twin of src/kernel/profile.ts (same structure and operation order, bit-identical results).
//
// gammaProfile(n, pA, pB, pW, m, pS, pLogS, pG, pDG, pScratch)
//   n contracts, hoisted by the caller: b = 1/(sigma sqrt T), a = (-ln(K/c) + (r - q + sigma^2/2) T) * b,
//   w = weight * multiplier * e^{-qT} * b / sqrt(2 pi) * 0.01, so d1(S) = a + b ln(S/c) (c: a centre near
//   spot) and the contract's GEX at S is S * w * exp(-d1^2/2). m spots: S and ln(S/c) (f64). Outputs (f64 x m):
//   G(S) = S * sum w e^{-d1^2/2}; dG/dS = sum w e^{-d1^2/2} (1 - d1 b) (pDG = 0: not computed).
//   Summation: accumulators A and B (two lanes each) take contracts 4k, 4k+1 and 4k+2, 4k+3; a leftover pair goes
//   to A; then lanes (A0 + B0) and (A1 + B1), an odd last contract added to the first, and their sum.
//   pScratch is unused.

// exp(x) for x <= 0: Cody-Waite reduction with SLEEF's two-part ln2 (src/libm/sleefsimddp.c), Taylor
// polynomial of degree 12 on |r| <= ln2/2 (truncation r^13/13! < 2e-16), scaled by 2^k built in the
// exponent bits (k >= -1021 here, so one normal factor). x < -708 gives 0.
const INV_LN2: f64 = 1.4426950408889634;
const SHIFTER: f64 = 6755399441055744.0; // 1.5 * 2^52
const SHIFTER_BITS: i64 = 0x4338000000000000;
const L2U: f64 = 0.69314718055966295651160180568695068359375;
const L2L: f64 = 0.28235290563031577122588448175013436025525412068e-12;
const EXP_MIN: f64 = -708.0;
const C12: f64 = 1.0 / 479001600.0, C11: f64 = 1.0 / 39916800.0, C10: f64 = 1.0 / 3628800.0, C9: f64 = 1.0 / 362880.0;
const C8: f64 = 1.0 / 40320.0, C7: f64 = 1.0 / 5040.0, C6: f64 = 1.0 / 720.0, C5: f64 = 1.0 / 120.0;
const C4: f64 = 1.0 / 24.0, C3: f64 = 1.0 / 6.0, C2: f64 = 0.5;

/** Two lanes of exp(x), x <= 0. */
// @ts-ignore: decorator
@inline
function expNeg2(x: v128): v128 {
  const xc = f64x2.pmax(x, f64x2.splat(EXP_MIN));
  const kd = f64x2.add(f64x2.mul(xc, f64x2.splat(INV_LN2)), f64x2.splat(SHIFTER));
  const k = f64x2.sub(kd, f64x2.splat(SHIFTER));
  const r = f64x2.sub(f64x2.sub(xc, f64x2.mul(k, f64x2.splat(L2U))), f64x2.mul(k, f64x2.splat(L2L)));
  // Estrin's scheme (short dependency chains: the loop is latency-bound with Horner).
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const q0 = f64x2.add(f64x2.splat(1.0), r);
  const q1 = f64x2.add(f64x2.splat(C2), f64x2.mul(f64x2.splat(C3), r));
  const q2 = f64x2.add(f64x2.splat(C4), f64x2.mul(f64x2.splat(C5), r));
  const q3 = f64x2.add(f64x2.splat(C6), f64x2.mul(f64x2.splat(C7), r));
  const q4 = f64x2.add(f64x2.splat(C8), f64x2.mul(f64x2.splat(C9), r));
  const q5 = f64x2.add(f64x2.splat(C10), f64x2.mul(f64x2.splat(C11), r));
  const s0 = f64x2.add(q0, f64x2.mul(q1, r2));
  const s1 = f64x2.add(q2, f64x2.mul(q3, r2));
  const s2 = f64x2.add(q4, f64x2.mul(q5, r2));
  const t0 = f64x2.add(s0, f64x2.mul(s1, r4));
  const t1 = f64x2.add(s2, f64x2.mul(f64x2.splat(C12), r4));
  const p = f64x2.add(t0, f64x2.mul(t1, r8));
  // 2^k: the low bits of kd hold k; (k + 1023) << 52 is the double 2^k.
  const scale = i64x2.shl(i64x2.add(i64x2.sub(kd, i64x2.splat(SHIFTER_BITS)), i64x2.splat(1023)), 52);
  const y = f64x2.mul(p, scale);
  return v128.andnot(y, f64x2.lt(x, f64x2.splat(EXP_MIN)));
}

/** Scalar exp(x), x <= 0: the same operations on one lane. */
// @ts-ignore: decorator
@inline
function expNeg(x: f64): f64 {
  return f64x2.extract_lane(expNeg2(f64x2.splat(x)), 0);
}

export function gammaProfile(
  n: i32, pA: usize, pB: usize, pW: usize, m: i32, pS: usize, pLogS: usize, pG: usize, pDG: usize, pScratch: usize,
): void {
  const n4 = n & ~3;
  const n2 = n & ~1;
  const wantDG = pDG != 0;
  const half = f64x2.splat(-0.5);
  const one = f64x2.splat(1.0);
  for (let j = 0; j < m; j++) {
    const lnS = load<f64>(pLogS + (<usize>j << 3));
    const vlnS = f64x2.splat(lnS);
    let ga = f64x2.splat(0.0), gb = f64x2.splat(0.0);
    let ha = f64x2.splat(0.0), hb = f64x2.splat(0.0);
    // Four contracts per iteration in two independent chains (the loop is latency-bound).
    for (let i = 0; i < n4; i += 4) {
      const off = <usize>i << 3;
      const b0 = v128.load(pB + off), b1 = v128.load(pB + off, 16);
      const d0 = f64x2.add(v128.load(pA + off), f64x2.mul(b0, vlnS));
      const d1 = f64x2.add(v128.load(pA + off, 16), f64x2.mul(b1, vlnS));
      const e0 = f64x2.mul(v128.load(pW + off), expNeg2(f64x2.mul(half, f64x2.mul(d0, d0))));
      const e1 = f64x2.mul(v128.load(pW + off, 16), expNeg2(f64x2.mul(half, f64x2.mul(d1, d1))));
      ga = f64x2.add(ga, e0);
      gb = f64x2.add(gb, e1);
      if (wantDG) {
        ha = f64x2.add(ha, f64x2.mul(e0, f64x2.sub(one, f64x2.mul(d0, b0))));
        hb = f64x2.add(hb, f64x2.mul(e1, f64x2.sub(one, f64x2.mul(d1, b1))));
      }
    }
    if (n4 < n2) {
      const off = <usize>n4 << 3;
      const bb = v128.load(pB + off);
      const d = f64x2.add(v128.load(pA + off), f64x2.mul(bb, vlnS));
      const e = f64x2.mul(v128.load(pW + off), expNeg2(f64x2.mul(half, f64x2.mul(d, d))));
      ga = f64x2.add(ga, e);
      ha = f64x2.add(ha, f64x2.mul(e, f64x2.sub(one, f64x2.mul(d, bb))));
    }
    const gs = f64x2.add(ga, gb), hs = f64x2.add(ha, hb);
    let g0 = f64x2.extract_lane(gs, 0), g1 = f64x2.extract_lane(gs, 1);
    let h0 = f64x2.extract_lane(hs, 0), h1 = f64x2.extract_lane(hs, 1);
    if (n2 < n) {
      const off = <usize>n2 << 3;
      const bt = load<f64>(pB + off);
      const d = load<f64>(pA + off) + bt * lnS;
      const e = load<f64>(pW + off) * expNeg(-0.5 * (d * d));
      g0 += e;
      h0 += e * (1.0 - d * bt);
    }
    store<f64>(pG + (<usize>j << 3), load<f64>(pS + (<usize>j << 3)) * (g0 + g1));
    if (wantDG) store<f64>(pDG + (<usize>j << 3), h0 + h1);
  }
}
