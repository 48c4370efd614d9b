//! Reed-Solomon decoder properties: every correctable pattern is corrected, and beyond
//! capacity the decoder never panics and never returns a non-codeword.

use ecc200::rs::gf256::{mul, EXP};
use ecc200::rs::{decode_block, decode_symbol, ec_codewords, encode_symbol, RsError};
use ecc200::SymbolSize;
use proptest::prelude::*;

/// (data length, EC length) pairs of real ECC 200 blocks.
const SHAPES: [(usize, usize); 7] = [
    (3, 5),
    (5, 7),
    (18, 14),
    (44, 28),
    (62, 36),
    (156, 62),
    (155, 62),
];

fn encode(data: &[u8], n_ec: usize) -> Vec<u8> {
    let mut ec = vec![0u8; n_ec];
    ec_codewords(data.iter().copied(), &mut ec);
    data.iter().copied().chain(ec).collect()
}

fn zero_syndromes(block: &[u8], n_ec: usize) -> bool {
    (1..=n_ec).all(|k| {
        let x = EXP[k];
        block.iter().fold(0u8, |acc, &c| mul(acc, x) ^ c) == 0
    })
}

/// A block shape, its data, and a damage pattern: distinct positions with a flag
/// (erasure or error) and a non-zero xor value. `over` asks for 2e+f > n_ec.
fn damaged(over: bool) -> impl Strategy<Value = (usize, Vec<u8>, Vec<(usize, bool, u8)>)> {
    (0..SHAPES.len()).prop_flat_map(move |shape| {
        let (nd, ne) = SHAPES[shape];
        let n = nd + ne;
        (
            Just(ne),
            proptest::collection::vec(any::<u8>(), nd),
            Just(n),
            0..=ne,
            proptest::collection::vec((any::<bool>(), 1u8..=255), n),
            proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 0..=n),
        )
            .prop_map(move |(ne, data, _n, budget, kinds, order)| {
                // take positions in `order` while the budget allows (or exceed it)
                let mut pattern = Vec::new();
                let mut used = 0usize;
                for &p in &order {
                    let (erasure, v) = kinds[p];
                    let cost = if erasure { 1 } else { 2 };
                    if !over && used + cost > budget {
                        continue;
                    }
                    used += cost;
                    pattern.push((p, erasure, v));
                    if over && used > ne + 2 {
                        break;
                    }
                }
                (ne, data, pattern)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn corrects_every_pattern_within_capacity((ne, data, pattern) in damaged(false)) {
        let good = encode(&data, ne);
        let mut b = good.clone();
        let mut erasures = Vec::new();
        let mut errors = 0;
        for &(p, erasure, v) in &pattern {
            b[p] ^= v;
            if erasure { erasures.push(p); } else { errors += 1; }
        }
        prop_assume!(2 * errors + erasures.len() <= ne);
        let st = decode_block(&mut b, ne, &erasures).unwrap();
        prop_assert_eq!(&b, &good);
        prop_assert_eq!(st.errors, errors);
        prop_assert_eq!(st.erasures, erasures.len());
        let want = 1.0 - (2 * errors + erasures.len()) as f64 / ne as f64;
        prop_assert!((st.unused_ec() - want).abs() < 1e-9);
    }

    #[test]
    fn beyond_capacity_fails_or_returns_a_codeword((ne, data, pattern) in damaged(true)) {
        let good = encode(&data, ne);
        let mut b = good.clone();
        let mut erasures = Vec::new();
        for &(p, erasure, v) in &pattern {
            b[p] ^= v;
            if erasure { erasures.push(p); }
        }
        let before = b.clone();
        match decode_block(&mut b, ne, &erasures) {
            Ok(_) => prop_assert!(zero_syndromes(&b, ne)),
            Err(RsError::TooManyErrors { .. }) | Err(RsError::TooManyErasures { .. }) => {
                prop_assert_eq!(&b, &before, "failed decode must leave the block");
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn arbitrary_input_never_panics(
        mut b in proptest::collection::vec(any::<u8>(), 0..300),
        ne in 0usize..80,
        er in proptest::collection::vec(0usize..300, 0..40),
    ) {
        if let Ok(st) = decode_block(&mut b, ne, &er) {
            prop_assert!(zero_syndromes(&b, ne));
            prop_assert!(2 * st.errors + st.erasures <= ne);
        }
    }

    #[test]
    fn symbol_streams_correct_per_block(
        idx in 0..SymbolSize::COUNT,
        seed in any::<u64>(),
    ) {
        let size = SymbolSize::from_index(idx).unwrap();
        let mut x = seed | 1;
        let mut next = || { x ^= x << 13; x ^= x >> 7; x ^= x << 17; x };
        let data: Vec<u8> = (0..size.data_codewords()).map(|_| next() as u8).collect();
        let good = encode_symbol(size, &data);
        let mut cw = good.clone();
        // up to ne/2 errors in every block, at random stream positions
        let blocks = size.blocks();
        let nd = size.data_codewords();
        let per = size.ec_per_block() / 2;
        let block_of = |p: usize| if p < nd { p % blocks } else { (p - nd) % blocks };
        let mut hits = vec![0usize; blocks];
        let mut hit = vec![false; cw.len()];
        for _ in 0..cw.len() * 4 {
            let p = (next() as usize) % cw.len();
            if !hit[p] && hits[block_of(p)] < per {
                hit[p] = true;
                hits[block_of(p)] += 1;
                cw[p] ^= (next() as u8) | 1;
            }
        }
        let st = decode_symbol(size, &mut cw, &[]).unwrap();
        prop_assert_eq!(&cw, &good);
        prop_assert_eq!(st.errors, hits.iter().sum::<usize>());
        prop_assert_eq!(st.blocks.len(), blocks);
    }
}
