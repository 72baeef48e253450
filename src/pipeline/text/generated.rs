//! Texts for checking a fast path against the crate it stands in for: the
//! same fixed-seed xorshift stream, so a failure replays.

pub(crate) struct Texts {
    alphabet: Vec<char>,
    state: u64,
}

impl Texts {
    pub(crate) fn over(alphabet: &str) -> Texts {
        Texts { alphabet: alphabet.chars().collect(), state: 0x2545_f491_4f6c_dd1d }
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    /// `len` characters drawn from the alphabet.
    pub(crate) fn text(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| {
                let i = (self.next() % self.alphabet.len() as u64) as usize;
                self.alphabet[i]
            })
            .collect()
    }
}
