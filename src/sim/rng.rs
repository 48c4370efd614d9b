//! A small deterministic pseudo-random generator (SplitMix64), so simulated scenes are
//! reproducible from a seed on every platform without a `rand` dependency.

/// SplitMix64: 64 bits of state, passes BigCrush, one multiply-xorshift per output.
/// Not for cryptography.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator started from `seed` (any value, 0 included).
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    #[inline]
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi) (returns `lo` when `hi <= lo`).
    #[inline]
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        if hi <= lo {
            lo
        } else {
            lo + (hi - lo) * self.f64()
        }
    }

    /// Uniform integer in [0, n) (0 when `n == 0`).
    #[inline]
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            ((self.next_u64() as u128 * n as u128) >> 64) as usize
        }
    }

    /// `true` with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// A standard normal deviate (Box-Muller).
    pub fn gauss(&mut self) -> f64 {
        let u1 = self.f64().max(1e-300);
        let u2 = self.f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A cheap approximately normal deviate (sum of four uniforms, unit variance), for
    /// per-pixel noise where Box-Muller's cost would dominate.
    #[inline]
    pub fn gauss_fast(&mut self) -> f32 {
        let r = self.next_u64();
        let s = (r & 0xFFFF) + ((r >> 16) & 0xFFFF) + ((r >> 32) & 0xFFFF) + (r >> 48);
        // four U(0, 65536) sum: mean 131072, variance 4 * 65536^2 / 12
        (s as f32 - 131_072.0) * (1.732_050_8 / 65_536.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_spread() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let va: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let vb: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        assert_eq!(va, vb);
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
        let mut r = Rng::new(7);
        let n = 20_000;
        let (mut s, mut s2, mut sf, mut sf2) = (0.0, 0.0, 0.0, 0.0);
        let mut counts = [0usize; 5];
        for _ in 0..n {
            let g = r.gauss();
            s += g;
            s2 += g * g;
            let f = r.gauss_fast() as f64;
            sf += f;
            sf2 += f * f;
            counts[r.below(5)] += 1;
            let u = r.f64();
            assert!((0.0..1.0).contains(&u));
        }
        let n = n as f64;
        assert!((s / n).abs() < 0.05 && (s2 / n - 1.0).abs() < 0.05);
        assert!((sf / n).abs() < 0.05 && (sf2 / n - 1.0).abs() < 0.05);
        assert!(counts.iter().all(|&c| c > 3500 && c < 4500), "{counts:?}");
    }
}
