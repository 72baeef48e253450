//! The dead-letter policy: a worker that dead-letters most of what it reads is
//! far more likely broken (a bad deploy, a schema change upstream) than facing
//! a topic of bad pages. Past a configured share of dead letters over a sliding
//! window of recent inputs it stops consuming and reports not ready, instead of
//! dead-lettering a whole topic (the approach of Sentry's arroyo).

use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DlqPolicyConfig {
    /// Largest tolerated share of dead letters among the last `window` inputs (0..1; 1 disables).
    pub max_share: f64,
    /// Number of most recent inputs the share is computed over.
    pub window: usize,
    /// Inputs seen before the policy may trip (avoids tripping on the first bad page).
    pub min_inputs: usize,
}

impl Default for DlqPolicyConfig {
    fn default() -> Self {
        DlqPolicyConfig { max_share: 0.5, window: 1000, min_inputs: 100 }
    }
}

#[derive(Debug)]
pub(crate) struct DlqPolicy {
    config: DlqPolicyConfig,
    recent: VecDeque<bool>,
    dead: usize,
}

impl DlqPolicy {
    pub fn new(config: DlqPolicyConfig) -> DlqPolicy {
        DlqPolicy { config, recent: VecDeque::with_capacity(config.window), dead: 0 }
    }

    /// Records one finished input; returns true when the share is now over the limit.
    pub fn record(&mut self, dead_lettered: bool) -> bool {
        if self.recent.len() == self.config.window.max(1) && self.recent.pop_front() == Some(true) {
            self.dead -= 1;
        }
        self.recent.push_back(dead_lettered);
        self.dead += usize::from(dead_lettered);
        self.tripped()
    }

    pub fn tripped(&self) -> bool {
        self.config.max_share < 1.0
            && self.recent.len() >= self.config.min_inputs.max(1)
            && self.share() > self.config.max_share
    }

    pub fn share(&self) -> f64 {
        if self.recent.is_empty() {
            0.0
        } else {
            self.dead as f64 / self.recent.len() as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trips_only_past_the_share_after_enough_inputs() {
        let mut p = DlqPolicy::new(DlqPolicyConfig { max_share: 0.5, window: 10, min_inputs: 4 });
        assert!(!p.record(true) && !p.record(true) && !p.record(true), "too few inputs to judge");
        assert!(p.record(true), "4 of 4 dead-lettered");
    }

    #[test]
    fn old_inputs_leave_the_window() {
        let mut p = DlqPolicy::new(DlqPolicyConfig { max_share: 0.5, window: 4, min_inputs: 4 });
        for _ in 0..2 {
            p.record(true);
        }
        for _ in 0..2 {
            assert!(!p.record(false));
        }
        assert_eq!(p.share(), 0.5);
        assert!(!p.record(false), "a dead letter left the window");
        assert_eq!(p.share(), 0.25);
    }

    #[test]
    fn a_share_of_one_disables_the_policy() {
        let mut p = DlqPolicy::new(DlqPolicyConfig { max_share: 1.0, window: 4, min_inputs: 1 });
        assert!(!(0..10).any(|_| p.record(true)));
    }
}
