//! The published JSON Schema of `ArticleEvent` (v1), printed by `pressline schema`.
//!
//! The file is the contract; tests validate every event they see against it,
//! and it forbids unknown properties, so a field added to `model.rs` without
//! being added here fails the tests. Within v1 only additive, optional changes
//! are allowed (see the README's compatibility rules).

pub const ARTICLE_EVENT_V1: &str = include_str!("../schema/article-event.v1.json");
