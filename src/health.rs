//! Health that means something, and the HTTP server that reports it.
//!
//! - **Liveness** (`/healthz`): the poll loop has polled recently and no page
//!   has been stuck in the CPU stage longer than the stall limit. A worker that
//!   is only waiting for the broker (deliveries retrying) stays live: restarting
//!   it would not help.
//! - **Readiness** (`/readyz`): connected to a broker, holding an assignment,
//!   not paused by the dead-letter policy, and no stalled partition (one of
//!   ours with lag and no progress, or any in the group while we hold none;
//!   see `kafka::progress`).
//!
//! The same server serves `/metrics` (Prometheus text format).

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;
use tracing::info;

/// Shared, lock-free health signals, written by the poll thread, the stats
/// callbacks and the worker; read by the HTTP handlers.
#[derive(Debug)]
pub struct Health {
    epoch: Instant,
    last_poll_ms: AtomicU64,
    connected: AtomicBool,
    assigned: AtomicUsize,
    dlq_paused: AtomicBool,
    cpu_running: AtomicUsize,
    last_cpu_progress_ms: AtomicU64,
    poll_stall: Duration,
    cpu_stall: Duration,
    /// Set by the progress watchdog: why a partition is not moving.
    stall: Mutex<Option<String>>,
}

/// One probe's verdict with the reason, so `curl` tells an operator why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub ok: bool,
    pub reason: String,
}

impl Health {
    pub fn new(poll_stall: Duration, cpu_stall: Duration) -> Arc<Health> {
        Arc::new(Health {
            epoch: Instant::now(),
            last_poll_ms: AtomicU64::new(0),
            connected: AtomicBool::new(false),
            assigned: AtomicUsize::new(0),
            dlq_paused: AtomicBool::new(false),
            cpu_running: AtomicUsize::new(0),
            last_cpu_progress_ms: AtomicU64::new(0),
            poll_stall,
            cpu_stall,
            stall: Mutex::new(None),
        })
    }

    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    pub(crate) fn polled(&self) {
        self.last_poll_ms.store(self.now_ms(), Ordering::Relaxed);
    }

    pub(crate) fn set_connected(&self, connected: bool) {
        self.connected.store(connected, Ordering::Relaxed);
    }

    pub(crate) fn set_assigned(&self, partitions: usize) {
        self.assigned.store(partitions, Ordering::Relaxed);
    }

    pub(crate) fn set_dlq_paused(&self, paused: bool) {
        self.dlq_paused.store(paused, Ordering::Relaxed);
    }

    pub(crate) fn set_stall(&self, problem: Option<String>) {
        *self.stall.lock().unwrap_or_else(|p| p.into_inner()) = problem;
    }

    pub fn stall(&self) -> Option<String> {
        self.stall.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn dlq_paused(&self) -> bool {
        self.dlq_paused.load(Ordering::Relaxed)
    }

    /// Marks a page entering the CPU stage; the guard marks it leaving.
    pub(crate) fn cpu_started(self: &Arc<Self>) -> CpuGuard {
        if self.cpu_running.fetch_add(1, Ordering::Relaxed) == 0 {
            // Idle time before this page is not a stall.
            self.last_cpu_progress_ms.store(self.now_ms(), Ordering::Relaxed);
        }
        CpuGuard { health: self.clone() }
    }

    pub fn liveness(&self) -> Verdict {
        let now = self.now_ms();
        let poll_age = now.saturating_sub(self.last_poll_ms.load(Ordering::Relaxed));
        if poll_age > self.poll_stall.as_millis() as u64 {
            return Verdict { ok: false, reason: format!("poll loop silent for {poll_age} ms") };
        }
        let running = self.cpu_running.load(Ordering::Relaxed);
        let cpu_age = now.saturating_sub(self.last_cpu_progress_ms.load(Ordering::Relaxed));
        if running > 0 && cpu_age > self.cpu_stall.as_millis() as u64 {
            return Verdict {
                ok: false,
                reason: format!("{running} page(s) in the pipeline, none finished for {cpu_age} ms"),
            };
        }
        Verdict { ok: true, reason: "polling and making progress".into() }
    }

    pub fn readiness(&self) -> Verdict {
        let fail = |reason: &str| Verdict { ok: false, reason: reason.into() };
        if !self.liveness().ok {
            return fail("not live");
        }
        if !self.connected.load(Ordering::Relaxed) {
            return fail("no broker connection");
        }
        if self.dlq_paused.load(Ordering::Relaxed) {
            return fail("paused by the dead-letter policy");
        }
        if let Some(problem) = self.stall() {
            return fail(&problem);
        }
        let assigned = self.assigned.load(Ordering::Relaxed);
        if assigned == 0 {
            return fail("no partitions assigned");
        }
        Verdict { ok: true, reason: format!("{assigned} partition(s) assigned") }
    }
}

pub(crate) struct CpuGuard {
    health: Arc<Health>,
}

impl Drop for CpuGuard {
    fn drop(&mut self) {
        self.health.last_cpu_progress_ms.store(self.health.now_ms(), Ordering::Relaxed);
        self.health.cpu_running.fetch_sub(1, Ordering::Relaxed);
    }
}

#[derive(Clone)]
struct AppState {
    health: Arc<Health>,
    metrics: PrometheusHandle,
}

fn answer(v: Verdict) -> (StatusCode, String) {
    let code = if v.ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, v.reason + "\n")
}

/// Serves `/metrics`, `/healthz` and `/readyz` until the runtime stops.
pub(crate) async fn serve(
    addr: std::net::SocketAddr,
    health: Arc<Health>,
    metrics: PrometheusHandle,
) -> anyhow::Result<()> {
    let app = Router::new()
        .route("/metrics", get(|State(s): State<AppState>| async move { s.metrics.render() }))
        .route("/healthz", get(|State(s): State<AppState>| async move { answer(s.health.liveness()) }))
        .route("/readyz", get(|State(s): State<AppState>| async move { answer(s.health.readiness()) }))
        .with_state(AppState { health, metrics });
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("binding {addr}: {e}"))?;
    info!(%addr, "serving /metrics, /healthz, /readyz");
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "HTTP server stopped");
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_while_polling_and_ready_only_when_connected_assigned_and_not_paused() {
        let h = Health::new(Duration::from_secs(30), Duration::from_secs(60));
        h.polled();
        assert!(h.liveness().ok);
        assert!(!h.readiness().ok, "not connected yet");
        h.set_connected(true);
        assert_eq!(h.readiness().reason, "no partitions assigned");
        h.set_assigned(3);
        assert!(h.readiness().ok);
        h.set_stall(Some("partition in/0 stalled at offset 3".into()));
        assert_eq!(h.readiness().reason, "partition in/0 stalled at offset 3");
        assert!(h.liveness().ok, "a stalled partition is not a dead process");
        h.set_stall(None);
        assert!(h.readiness().ok);
        h.set_dlq_paused(true);
        assert!(!h.readiness().ok);
        assert!(h.liveness().ok, "a paused worker is still alive");
    }

    #[test]
    fn a_stuck_page_or_a_silent_poll_loop_fails_liveness() {
        let h = Health::new(Duration::from_millis(50), Duration::from_millis(50));
        h.polled();
        let guard = h.cpu_started();
        std::thread::sleep(Duration::from_millis(80));
        h.polled();
        assert!(!h.liveness().ok, "page stuck in the CPU stage");
        drop(guard);
        assert!(h.liveness().ok, "finished pages count as progress");
        std::thread::sleep(Duration::from_millis(80));
        assert!(h.liveness().reason.contains("poll loop silent"));
    }
}
