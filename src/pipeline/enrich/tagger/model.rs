//! The tagger's weight file and its scoring: read in place from the bytes
//! `include_bytes!` gives, written by the training tool.
//!
//! Layout (little-endian): magic `PLNER001`; `u32` slot count (a power of
//! two); `f32` weight scale; `(1 + N_TAGS) × N_TAGS` `f32` transition scores
//! (first row: from outside any entity); then one 18-byte record per slot:
//! `u32` key (0 = empty) and `N_TAGS` `i16` weights. A feature hash `h` lives
//! at slot `h mod slots` or after it (linear probing) with key `(h >> 32) | 1`.

pub const N_TAGS: usize = 7;
const MAGIC: &[u8; 8] = b"PLNER001";
const RECORD: usize = 4 + 2 * N_TAGS;
const HEADER: usize = 8 + 4 + 4 + 4 * (1 + N_TAGS) * N_TAGS;

pub struct Model<'a> {
    records: &'a [u8],
    mask: usize,
    scale: f32,
    transitions: [[f32; N_TAGS]; N_TAGS + 1],
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn key_of(h: u64) -> u32 {
    (h >> 32) as u32 | 1
}

/// May tag `to` follow tag `from` (`None`: outside any entity)? I-X only after B-X or I-X.
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    if to == 0 || to % 2 == 1 {
        return true;
    }
    matches!(from, Some(f) if f != 0 && f.div_ceil(2) == to.div_ceil(2))
}

impl<'a> Model<'a> {
    /// `None` for an empty or malformed file.
    pub fn parse(bytes: &'a [u8]) -> Option<Model<'a>> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return None;
        }
        let slots = u32_at(bytes, 8) as usize;
        let scale = f32::from_bits(u32_at(bytes, 12));
        if !slots.is_power_of_two() || bytes.len() != HEADER + slots * RECORD {
            return None;
        }
        let mut transitions = [[0.0; N_TAGS]; N_TAGS + 1];
        for (r, row) in transitions.iter_mut().enumerate() {
            for (c, v) in row.iter_mut().enumerate() {
                *v = f32::from_bits(u32_at(bytes, 16 + 4 * (r * N_TAGS + c)));
            }
        }
        Some(Model { records: &bytes[HEADER..], mask: slots - 1, scale, transitions })
    }

    /// Adds the weights of feature `h`, if the model has it.
    fn add(&self, h: u64, scores: &mut [f32; N_TAGS]) {
        let key = key_of(h);
        let mut slot = h as usize & self.mask;
        loop {
            // One bounds check per record; the fixed-size view makes the field reads free of them.
            let at = slot * RECORD;
            let Some(record) = self.records.get(at..at + RECORD) else { return };
            let record: &[u8; RECORD] = record.try_into().expect("RECORD bytes");
            let k = u32::from_le_bytes([record[0], record[1], record[2], record[3]]);
            if k == 0 {
                return;
            }
            if k == key {
                for (t, s) in scores.iter_mut().enumerate() {
                    let w = i16::from_le_bytes([record[4 + 2 * t], record[5 + 2 * t]]);
                    *s += w as f32 * self.scale;
                }
                return;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Per-tag scores of one token from its feature hashes.
    pub(crate) fn emission(&self, feats: &[u64]) -> [f32; N_TAGS] {
        let mut s = [0.0; N_TAGS];
        for &h in feats {
            self.add(h, &mut s);
        }
        s
    }

    /// The best tag sequence for a run whose neighbours are outside any entity.
    pub fn viterbi(&self, emissions: &[[f32; N_TAGS]]) -> Vec<u8> {
        viterbi(&self.transitions, emissions)
    }

    /// `viterbi` into `tags`, its tables kept in `room` from run to run.
    pub(crate) fn viterbi_into(&self, emissions: &[[f32; N_TAGS]], room: &mut ViterbiRoom, tags: &mut Vec<u8>) {
        viterbi_in(&self.transitions, emissions, room, tags);
    }
}

/// Viterbi's score and back-pointer tables, reused across runs.
#[derive(Default)]
pub(crate) struct ViterbiRoom {
    score: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
}

/// Viterbi over BIO tags with the I-after-B constraint.
pub fn viterbi(transitions: &[[f32; N_TAGS]; N_TAGS + 1], emissions: &[[f32; N_TAGS]]) -> Vec<u8> {
    let mut tags = Vec::new();
    viterbi_in(transitions, emissions, &mut ViterbiRoom::default(), &mut tags);
    tags
}

fn viterbi_in(
    transitions: &[[f32; N_TAGS]; N_TAGS + 1],
    emissions: &[[f32; N_TAGS]],
    room: &mut ViterbiRoom,
    tags: &mut Vec<u8>,
) {
    tags.clear();
    let n = emissions.len();
    if n == 0 {
        return;
    }
    let (score, back) = (&mut room.score, &mut room.back);
    score.clear();
    score.resize(n, [f32::NEG_INFINITY; N_TAGS]);
    back.clear();
    back.resize(n, [0u8; N_TAGS]);
    for t in 0..N_TAGS {
        if allowed(None, t) {
            score[0][t] = transitions[0][t] + emissions[0][t];
        }
    }
    for i in 1..n {
        for t in 0..N_TAGS {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for p in 0..N_TAGS {
                if !allowed(Some(p), t) || score[i - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][p] + transitions[1 + p][t];
                if s > best.0 {
                    best = (s, p as u8);
                }
            }
            score[i][t] = best.0 + emissions[i][t];
            back[i][t] = best.1;
        }
    }
    let mut t = (0..N_TAGS).max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b])).unwrap_or(0);
    tags.resize(n, 0);
    for i in (0..n).rev() {
        tags[i] = t as u8;
        t = back[i][t] as usize;
    }
}

/// The file for `weights` (feature hash → per-tag weight) and transitions,
/// with `load` the share of slots filled.
pub fn write(weights: &[(u64, [f32; N_TAGS])], transitions: &[[f32; N_TAGS]; N_TAGS + 1], load: f64) -> Vec<u8> {
    let slots = ((weights.len() as f64 / load).ceil() as usize).next_power_of_two().max(1);
    let max = weights.iter().flat_map(|(_, w)| w.iter()).fold(0.0f32, |m, w| m.max(w.abs())).max(1e-9);
    let scale = max / i16::MAX as f32;
    let mut records = vec![0u8; slots * RECORD];
    for (h, w) in weights {
        let mut slot = *h as usize & (slots - 1);
        while u32_at(&records, slot * RECORD) != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        let at = slot * RECORD;
        records[at..at + 4].copy_from_slice(&key_of(*h).to_le_bytes());
        for (t, v) in w.iter().enumerate() {
            let q = (v / scale).round().clamp(i16::MIN as f32, i16::MAX as f32) as i16;
            records[at + 4 + 2 * t..at + 6 + 2 * t].copy_from_slice(&q.to_le_bytes());
        }
    }
    let mut out = Vec::with_capacity(HEADER + records.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(slots as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    for row in transitions {
        for v in row {
            out.extend_from_slice(&v.to_bits().to_le_bytes());
        }
    }
    out.extend_from_slice(&records);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_weights_read_back_and_unknown_features_score_nothing() {
        let mut w = [0.0; N_TAGS];
        w[1] = 2.0;
        w[3] = -1.0;
        let trans = [[0.0; N_TAGS]; N_TAGS + 1];
        let bytes = write(&[(42, w), (42 + (1 << 40), [1.0; N_TAGS])], &trans, 0.5);
        let m = Model::parse(&bytes).unwrap();
        let s = m.emission(&[42]);
        assert!((s[1] - 2.0).abs() < 1e-3 && (s[3] + 1.0).abs() < 1e-3 && s[0].abs() < 1e-3);
        assert_eq!(m.emission(&[7]), [0.0; N_TAGS]);
        assert!(Model::parse(b"").is_none());
    }

    /// Viterbi as first written: fresh tables per run.
    fn viterbi_fresh(transitions: &[[f32; N_TAGS]; N_TAGS + 1], emissions: &[[f32; N_TAGS]]) -> Vec<u8> {
        let n = emissions.len();
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![[f32::NEG_INFINITY; N_TAGS]; n];
        let mut back = vec![[0u8; N_TAGS]; n];
        for t in 0..N_TAGS {
            if allowed(None, t) {
                score[0][t] = transitions[0][t] + emissions[0][t];
            }
        }
        for i in 1..n {
            for t in 0..N_TAGS {
                let mut best = (f32::NEG_INFINITY, 0u8);
                for p in 0..N_TAGS {
                    if !allowed(Some(p), t) || score[i - 1][p] == f32::NEG_INFINITY {
                        continue;
                    }
                    let s = score[i - 1][p] + transitions[1 + p][t];
                    if s > best.0 {
                        best = (s, p as u8);
                    }
                }
                score[i][t] = best.0 + emissions[i][t];
                back[i][t] = best.1;
            }
        }
        let mut t = (0..N_TAGS).max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b])).unwrap_or(0);
        let mut tags = vec![0u8; n];
        for i in (0..n).rev() {
            tags[i] = t as u8;
            t = back[i][t] as usize;
        }
        tags
    }

    #[test]
    fn reused_viterbi_tables_give_the_fresh_answer() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut draw = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 2001) as f32 / 100.0 - 10.0
        };
        let mut trans = [[0.0; N_TAGS]; N_TAGS + 1];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = draw();
            }
        }
        let mut room = ViterbiRoom::default();
        let mut tags = Vec::new();
        // Runs of varying length through one room: long, then short, then empty.
        for n in [5usize, 1, 9, 2, 0, 3, 12, 1] {
            let e: Vec<[f32; N_TAGS]> = (0..n).map(|_| std::array::from_fn(|_| draw())).collect();
            viterbi_in(&trans, &e, &mut room, &mut tags);
            assert_eq!(tags, viterbi_fresh(&trans, &e), "n={n}");
            assert_eq!(viterbi(&trans, &e), tags);
        }
    }

    #[test]
    fn viterbi_never_opens_with_an_inside_tag() {
        let trans = [[0.0; N_TAGS]; N_TAGS + 1];
        let mut e = [[0.0; N_TAGS]; 2];
        e[0][2] = 5.0; // I-PER first: not allowed
        e[0][1] = 1.0;
        e[1][2] = 3.0;
        assert_eq!(viterbi(&trans, &e), vec![1, 2]);
    }
}
