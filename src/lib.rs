//! pressline: raw scraped pages in, normalized article events out.
//!
//! The crate is cut along the data's path:
//! - [`model`]: the input page and output event types (the wire contracts);
//! - [`pipeline`]: the pure `clean → segment → enrich` core, no I/O;
//! - [`kafka`]: the consumer/producer edges and offset bookkeeping;
//! - [`config`]: one typed configuration tree, validated at start-up;
//! - [`telemetry`]: logging and Prometheus metrics;
//! - [`health`]: liveness/readiness and the HTTP server for them and `/metrics`;
//! - [`dlq_policy`]: the dead-letter share limit;
//! - [`pool`]: the bounded CPU pool pages run on, within their time budget;
//! - [`worker`]: the service loop that joins them;
//! - [`replay`], [`backfill`] (over [`batch`]): bounded reprocessing of a topic range or of archives;
//! - [`cli`]: the command-line front end.
//!
//! Everything but `model`, `pipeline` and `schema` sits behind the default
//! `service` feature, so the core builds (and fuzzes) without Kafka.

#[cfg(feature = "service")]
pub mod backfill;
#[cfg(feature = "service")]
pub mod batch;
#[cfg(feature = "service")]
pub mod cli;
#[cfg(feature = "service")]
pub mod config;
#[cfg(feature = "service")]
pub mod dlq_policy;
#[cfg(feature = "service")]
pub mod health;
#[cfg(feature = "service")]
pub mod kafka;
pub mod model;
pub mod pipeline;
#[cfg(feature = "service")]
pub mod pool;
#[cfg(feature = "service")]
pub mod replay;
pub mod schema;
#[cfg(feature = "service")]
pub mod telemetry;
#[cfg(feature = "service")]
pub mod worker;
