//! A page's time budget, checked inside the long loops of the stages.
//!
//! The checks between stages cannot stop one stage that runs on (a 7 MB text
//! page spends most of half a minute in entity finding), and the worker cannot
//! kill a thread: the page would keep its pool slot long after its caller gave
//! up. So the loops that grow with the page call [`check`], which unwinds to
//! the pipeline's `catch_unwind` once the deadline has passed. The stages own
//! their data (no locks, no shared state), so unwinding out of them leaves
//! nothing half-done behind; `resume_unwind` skips the panic hook, so a spent
//! budget is not logged as a panic.

use std::cell::Cell;
use std::time::Instant;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static CALLS: Cell<u32> = const { Cell::new(0) };
}

/// The unwinding payload of a spent budget.
pub(crate) struct Spent;

/// Reading the clock costs about as much as a short loop body: look every
/// 64 calls.
const EVERY: u32 = 64;

/// Unwinds with [`Spent`] once the current page's deadline has passed; free
/// when no deadline is set (benchmarks, the `process` command).
#[inline]
pub(crate) fn check() {
    let Some(deadline) = DEADLINE.with(Cell::get) else { return };
    let calls = CALLS.with(|c| {
        let n = c.get().wrapping_add(1);
        c.set(n);
        n
    });
    if calls % EVERY == 0 && Instant::now() >= deadline {
        std::panic::resume_unwind(Box::new(Spent));
    }
}

/// Runs `f` with `deadline` as the budget [`check`] enforces on this thread.
pub(crate) fn within<T>(deadline: Option<Instant>, f: impl FnOnce() -> T) -> T {
    struct Reset(Option<Instant>);
    impl Drop for Reset {
        fn drop(&mut self) {
            DEADLINE.with(|d| d.set(self.0));
        }
    }
    let _reset = Reset(DEADLINE.with(|d| d.replace(deadline)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_spent_budget_unwinds_with_its_own_payload_and_is_reset_after() {
        let past = Instant::now() - Duration::from_millis(1);
        let unwound = std::panic::catch_unwind(|| {
            within(Some(past), || {
                for _ in 0..EVERY * 2 {
                    check();
                }
            })
        });
        let payload = unwound.expect_err("a passed deadline unwinds");
        assert!(payload.is::<Spent>());
        // No deadline once `within` is left, even by unwinding.
        for _ in 0..EVERY * 2 {
            check();
        }
    }

    #[test]
    fn a_budget_not_spent_changes_nothing() {
        let later = Instant::now() + Duration::from_secs(3600);
        let sum: u64 = within(Some(later), || (0..10_000u64).inspect(|_| check()).sum());
        assert_eq!(sum, 49_995_000);
    }

    /// An English article of `n` paragraphs, each with a quote and a named
    /// speaker: long enough for every checked loop to run well past `EVERY`.
    fn long_article(n: usize) -> Vec<u8> {
        let paragraphs: String = (0..n)
            .map(|i| {
                format!(
                    "<p>Mayor Anne Berger of Kiel said on Monday that the harbour wall {i} would be rebuilt. \
                     \u{201c}We will open the quay again before the winter storms arrive,\u{201d} said Berger.</p>"
                )
            })
            .collect();
        let html =
            format!("<html><body><article><h1>Harbour wall to be rebuilt</h1>{paragraphs}</article></body></html>");
        serde_json::to_vec(&serde_json::json!({"url": "https://budget.example/harbour", "body": html})).unwrap()
    }

    fn spent<T>(f: impl FnOnce() -> T) -> bool {
        let past = Some(Instant::now() - Duration::from_millis(1));
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| within(past, f))) {
            Ok(_) => false,
            Err(payload) => payload.is::<Spent>(),
        }
    }

    #[test]
    fn clean_and_enrich_stop_inside_their_loops_once_the_budget_is_spent() {
        use crate::model::{RawPage, SourceRef};
        use crate::pipeline::{clean, enrich, segment, CleanLimits, EnrichOptions};
        let value = long_article(400);
        let page = || RawPage::from_record(&value, &[]).unwrap();
        // Without a budget the page goes through (and is big enough to matter).
        let segmented = segment(clean(page(), &CleanLimits::default()).unwrap()).unwrap();
        assert!(spent(|| clean(page(), &CleanLimits::default())), "the DOM walk checks the budget");
        let source = SourceRef::File { file: "budget".into(), line: 1 };
        let events = enrich(segmented.clone(), source.clone(), &EnrichOptions::default());
        assert!(!events[0].quotes.is_empty() && !events[0].entities.is_empty());
        assert!(spent(|| enrich(segmented, source, &EnrichOptions::default())), "entities and quotes check it");
    }
}
