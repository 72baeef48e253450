//! The bounded CPU pool pages run on, shared by the worker and by
//! replay/backfill: at most `threads` pages in the pipeline at once, each
//! waited on for at most its time budget.
//!
//! A pipeline call cannot be killed. The budget is enforced twice: the page
//! checks its deadline as it goes and gives up with `timeout` itself, and
//! the caller stops waiting when the budget is spent. A page the caller gave
//! up on keeps its permit until it really ends, so runaway pages cannot pile
//! up beyond `threads`: the pages behind them wait instead.
//!
//! The pool owns its threads rather than borrowing tokio's blocking pool:
//! pages always run on the same few named threads (`pressline-cpu-N`, which
//! top and perf show apart from the Kafka client's), whose allocator caches
//! stay warm, instead of on whichever blocking thread happens to be idle.

use std::panic::AssertUnwindSafe;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

use crate::model::{ArticleEvent, SourceRef};
use crate::pipeline::{panic_message, process_isolated_until, PipelineError, PipelineOptions, StageTimes};

type Job = Box<dyn FnOnce() + Send>;

pub(crate) struct CpuPool {
    permits: Arc<Semaphore>,
    budget: Duration,
    jobs: mpsc::Sender<Job>,
}

/// Why a job gave no result.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JobError {
    /// Still running when its budget was spent; abandoned (it keeps its permit).
    TimedOut,
    /// The job panicked.
    Panicked(String),
}

impl CpuPool {
    /// `threads` threads, named `pressline-cpu-N`; they end when the pool is dropped.
    pub fn new(threads: usize, budget: Duration) -> CpuPool {
        let threads = threads.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("pressline-cpu-{n}"))
                .spawn(move || loop {
                    // A permit is taken before a job is sent, so a job never
                    // waits here for a thread: the lock is held only to take it.
                    let job = queue.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return, // the pool was dropped
                    }
                })
                .expect("spawning a CPU pool thread");
        }
        CpuPool { permits: Arc::new(Semaphore::new(threads)), budget, jobs }
    }

    /// Runs `job` on one of the pool's threads once a permit is free, and
    /// waits for it at most the budget. The job gets its deadline to check.
    pub async fn run<T: Send + 'static>(&self, job: impl FnOnce(Instant) -> T + Send + 'static) -> Result<T, JobError> {
        let permit: OwnedSemaphorePermit =
            self.permits.clone().acquire_owned().await.expect("the pool's semaphore is never closed");
        let deadline = Instant::now() + self.budget;
        let (done, result) = oneshot::channel();
        let task: Job = Box::new(move || {
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| job(deadline)));
            // Released once the job has really ended, whether or not anyone still waits.
            drop(permit);
            let _ = done.send(out.map_err(|panic| panic_message(&*panic)));
        });
        self.jobs.send(task).expect("the pool's threads live as long as the pool");
        match tokio::time::timeout(self.budget, result).await {
            Ok(Ok(Ok(out))) => Ok(out),
            Ok(Ok(Err(message))) => Err(JobError::Panicked(message)),
            Ok(Err(_)) => Err(JobError::Panicked("the pool thread ended before the job".into())),
            Err(_) => Err(JobError::TimedOut),
        }
    }

    /// One record through the pipeline within the budget: its events or the
    /// error to dead-letter it with, and the time each stage took. The value is
    /// shared, not copied: the caller keeps it for a dead letter.
    pub async fn process(
        &self,
        value: Arc<[u8]>,
        headers: Vec<(String, Vec<u8>)>,
        source: SourceRef,
        options: Arc<PipelineOptions>,
    ) -> (Result<Vec<ArticleEvent>, PipelineError>, StageTimes) {
        self.process_then(value, headers, source, options, |events, _, _| events).await
    }

    /// [`process`](Self::process), then `then` on the events (with the
    /// record's value and headers) in the same job: what the caller makes of
    /// them (serialised records) is built on the thread that built the events,
    /// while they are in its cache, and they are freed there rather than on a
    /// runtime thread. A panic in `then` ends as `PipelineError::Panic`.
    pub async fn process_then<T: Send + 'static>(
        &self,
        value: Arc<[u8]>,
        headers: Vec<(String, Vec<u8>)>,
        source: SourceRef,
        options: Arc<PipelineOptions>,
        then: impl FnOnce(Vec<ArticleEvent>, &[u8], &[(String, Vec<u8>)]) -> T + Send + 'static,
    ) -> (Result<T, PipelineError>, StageTimes) {
        let budget_ms = self.budget.as_millis() as u64;
        let job = move |deadline| {
            let (result, times) = process_isolated_until(&value, &headers, source, &options, deadline);
            (result.map(|events| then(events, &value, &headers)), times)
        };
        match self.run(job).await {
            Ok((Err(PipelineError::TimedOut(_)), times)) => {
                metrics::counter!("pressline_pipeline_timeouts_total").increment(1);
                (Err(PipelineError::TimedOut(budget_ms)), times)
            }
            Ok(done) => done,
            Err(JobError::TimedOut) => {
                metrics::counter!("pressline_pipeline_timeouts_total").increment(1);
                (Err(PipelineError::TimedOut(budget_ms)), StageTimes::default())
            }
            Err(JobError::Panicked(message)) => (Err(PipelineError::Panic(message)), StageTimes::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Jobs that outlive their budget: the caller gets `TimedOut`, yet no
    /// more than `threads` of them ever run at once (the permit used to be
    /// released at the timeout, so every queued job started beside the
    /// abandoned ones).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn abandoned_jobs_keep_their_permits_until_they_end() {
        let pool = Arc::new(CpuPool::new(2, Duration::from_millis(20)));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let calls: Vec<_> = (0..6)
            .map(|_| {
                let (pool, running, most) = (pool.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    pool.run(move |_| {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(150));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for call in calls {
            assert_eq!(call.await.unwrap(), Err(JobError::TimedOut));
        }
        // Let the abandoned jobs end before reading the peak.
        while running.load(Ordering::SeqCst) > 0 || pool.permits.available_permits() < 2 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let most = most.load(Ordering::SeqCst);
        assert!((1..=2).contains(&most), "never more than the pool's 2 threads at once, saw {most}");
    }

    /// The worker builds its records in the job that ran the pipeline (on a
    /// pool thread, with the record's value and headers); a panic there ends
    /// as a pipeline panic, which the worker dead-letters.
    #[tokio::test]
    async fn what_follows_the_pipeline_runs_in_its_job_and_a_panic_there_is_a_pipeline_panic() {
        let pool = CpuPool::new(1, Duration::from_secs(30));
        let page = "<html><head><title>Harbour wall vote</title></head><body><article>\
            <h1>Harbour wall vote</h1><p>The town council voted on Tuesday to rebuild the sea wall that \
            failed in the March storms, after a long debate about who should pay for it.</p>\
            <p>Residents said the repairs could not wait for another winter of flooding.</p></article></body></html>";
        let value: Arc<[u8]> = Arc::from(page.as_bytes());
        let headers = vec![("url".to_string(), b"https://ledger.example/news/sea-wall".to_vec())];
        let source = SourceRef::File { file: "pool-test".into(), line: 1 };
        let options = Arc::new(PipelineOptions::default());
        let (built, _) = pool
            .process_then(value.clone(), headers.clone(), source.clone(), options.clone(), |events, value, headers| {
                (std::thread::current().name().map(String::from), events.len(), value.len(), headers.len())
            })
            .await;
        let (thread, events, len, header_count) = built.expect("the page has an article");
        assert_eq!(thread.as_deref(), Some("pressline-cpu-0"));
        assert!(events >= 1);
        assert_eq!((len, header_count), (page.len(), 1));
        let (panicked, _) =
            pool.process_then(value, headers, source, options, |_, _, _| -> () { panic!("boom") }).await;
        assert!(matches!(panicked, Err(PipelineError::Panic(m)) if m == "boom"));
    }

    #[tokio::test]
    async fn a_job_gets_its_deadline_and_a_panic_is_reported() {
        let pool = CpuPool::new(1, Duration::from_secs(30));
        let before = Instant::now();
        let deadline = pool.run(|deadline| deadline).await.unwrap();
        assert!(deadline >= before + Duration::from_secs(29));
        let panicked = pool.run(|_| -> () { panic!("boom") }).await;
        assert_eq!(panicked, Err(JobError::Panicked("boom".into())));
    }
}
