//! A minimal perfect hash of a set of keys, by hash and displace, for the
//! generated numeric-code index (`src/table/code_index.rs` probes it).

/// A minimal perfect hash of a set of keys, by hash and displace: a key's
/// hash picks a bucket (high half) and a slot (low bits XOR the bucket's
/// displacement); buckets are placed largest first, each at the first
/// displacement that puts all its keys in free slots. A probe costs one hash
/// and three loads from tables of a few kilobytes, with no branch but the
/// final compare: hits and misses alike, in any order. Deterministic: the
/// same data always gives the same tables.
pub struct PerfectHash {
    pub seed: u64,
    /// Per bucket, the value XORed into the slot.
    pub disp: Vec<u16>,
    /// Per slot (a power of two of them), the key that lives there.
    slots: Vec<Option<usize>>,
}

impl PerfectHash {
    fn bucket(h: u64, buckets: usize) -> usize {
        (((h >> 32) * buckets as u64) >> 32) as usize
    }

    /// `hash(i, seed)` is the hash of key `i` of `n`.
    pub fn build(n: usize, hash: impl Fn(usize, u64) -> u64) -> PerfectHash {
        let mut slots = (n * 3 / 2).max(1).next_power_of_two();
        loop {
            let buckets = n.div_ceil(2).max(1);
            for seed in 0..256u64 {
                let seed = seed.wrapping_mul(0xD6E8_FEB8_6659_FD93);
                let hashes: Vec<u64> = (0..n).map(|i| hash(i, seed)).collect();
                if let Some(h) = Self::place(&hashes, seed, buckets, slots) {
                    return h;
                }
            }
            // Two keys whose hashes agree for every seed would loop forever.
            assert!(slots < 1 << 16, "no perfect hash for {n} keys");
            slots *= 2;
        }
    }

    fn place(hashes: &[u64], seed: u64, buckets: usize, slots: usize) -> Option<PerfectHash> {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
        for (i, &h) in hashes.iter().enumerate() {
            members[Self::bucket(h, buckets)].push(i);
        }
        let mut order: Vec<usize> = (0..buckets).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(members[b].len()), b));
        let mut taken: Vec<Option<usize>> = vec![None; slots];
        let mut disp = vec![0u16; buckets];
        let slot = |i: usize, d: usize| (hashes[i] as usize ^ d) & (slots - 1);
        for b in order {
            let group = &members[b];
            if group.is_empty() {
                continue;
            }
            let d = (0..slots).find(|&d| {
                let mut seen: Vec<usize> = Vec::with_capacity(group.len());
                group.iter().all(|&i| {
                    let s = slot(i, d);
                    let free = taken[s].is_none() && !seen.contains(&s);
                    seen.push(s);
                    free
                })
            })?;
            disp[b] = u16::try_from(d).ok()?;
            for &i in group {
                taken[slot(i, d)] = Some(i);
            }
        }
        Some(PerfectHash {
            seed,
            disp,
            slots: taken,
        })
    }

    /// Per slot, the key index; an empty slot gets key 0, which hashes
    /// elsewhere, so no probe can match it there.
    pub fn filled(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots.iter().map(|s| s.unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::PerfectHash;
    use crate::table::CodeIndex;
    use crate::table::code_hash::code_hash;

    /// Builds the index the generator would for `codes` and leaks it, as the
    /// generated statics are.
    fn index(codes: &[i64]) -> &'static CodeIndex {
        let h = PerfectHash::build(codes.len(), |i, seed| code_hash(codes[i], seed));
        let keys: Vec<i64> = h.filled().map(|i| codes[i]).collect();
        let index: Vec<u16> = h.filled().map(|i| i as u16).collect();
        Box::leak(Box::new(CodeIndex {
            seed: h.seed,
            disp: Box::leak(h.disp.clone().into_boxed_slice()),
            keys: Box::leak(keys.into_boxed_slice()),
            index: Box::leak(index.into_boxed_slice()),
        }))
    }

    #[test]
    fn every_key_finds_itself_and_nothing_else_matches() {
        let sets: [&[i64]; 5] = [
            &[7],
            &[0, 1, 2, 3],
            &[-1, -2, 1_000_000, i64::MAX, i64::MIN],
            &(70_000..70_600).collect::<Vec<_>>(),
            &(0..3000).map(|i| i * 7919 - 50_000).collect::<Vec<_>>(),
        ];
        for codes in sets {
            let idx = index(codes);
            assert!(idx.keys.len().is_power_of_two());
            for (i, &c) in codes.iter().enumerate() {
                assert_eq!(idx.get(c), Some(i as u16), "{c}");
            }
            for miss in [-3, 4, 69_999, 70_600, 123_456_789, i64::MAX - 1] {
                if !codes.contains(&miss) {
                    assert_eq!(idx.get(miss), None, "{miss}");
                }
            }
        }
    }

    #[test]
    fn the_same_keys_give_the_same_tables() {
        let codes: Vec<i64> = (1..500).map(|i| i * 31).collect();
        let a = PerfectHash::build(codes.len(), |i, seed| code_hash(codes[i], seed));
        let b = PerfectHash::build(codes.len(), |i, seed| code_hash(codes[i], seed));
        assert_eq!((a.seed, &a.disp), (b.seed, &b.disp));
        assert!(a.filled().eq(b.filled()));
    }
}
