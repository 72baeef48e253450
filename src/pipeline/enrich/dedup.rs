//! A bounded window of recent fingerprints that marks near-duplicate events.
//! Owned by the caller (one per worker), passed into `mark_duplicates`, so
//! `enrich` itself stays pure and replay-safe.

use std::collections::VecDeque;

use crate::model::ArticleEvent;

#[derive(Debug, Clone)]
pub struct DuplicateWindow {
    capacity: usize,
    /// Largest SimHash Hamming distance that still counts as a duplicate.
    max_distance: u32,
    seen: VecDeque<(String, String, u64)>,
}

impl DuplicateWindow {
    pub fn new(capacity: usize, max_distance: u32) -> DuplicateWindow {
        DuplicateWindow { capacity, max_distance, seen: VecDeque::with_capacity(capacity.min(4096)) }
    }

    /// Sets `duplicate_of` to the oldest remembered event with the same text
    /// (SHA-256) or a SimHash within `max_distance`, then remembers this one.
    /// An event never duplicates its own id (replays stay clean).
    pub(crate) fn mark(&mut self, event: &mut ArticleEvent) {
        let simhash = u64::from_str_radix(&event.fingerprint.simhash, 16).unwrap_or(0);
        event.duplicate_of = self
            .seen
            .iter()
            .find(|(id, sha, sim)| {
                id != &event.id
                    && (sha == &event.fingerprint.sha256 || (sim ^ simhash).count_ones() <= self.max_distance)
            })
            .map(|(id, _, _)| id.clone());
        if self.capacity == 0 || self.seen.iter().any(|(id, _, _)| id == &event.id) {
            return;
        }
        if self.seen.len() == self.capacity {
            self.seen.pop_front();
        }
        self.seen.push_back((event.id.clone(), event.fingerprint.sha256.clone(), simhash));
    }
}

/// Marks every event of one page against the window, in order.
pub fn mark_duplicates(events: &mut [ArticleEvent], window: &mut DuplicateWindow) {
    for event in events {
        window.mark(event);
    }
}
