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
//! - [`worker`]: the service loop that joins them;
//! - [`replay`], [`backfill`] (over [`batch`]): bounded reprocessing of a topic range or of archives;
//! - [`cli`]: the command-line front end.

pub mod backfill;
pub mod batch;
pub mod cli;
pub mod config;
pub mod dlq_policy;
pub mod health;
pub mod kafka;
pub mod model;
pub mod pipeline;
pub mod replay;
pub mod schema;
pub mod telemetry;
pub mod worker;
