// PLACEHOLDER until the gex branch lands: gamma-profile kernel.
export function gammaProfile(n: i32): void {
  unreachable();
}
