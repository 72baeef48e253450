//! The output records pressline writes, whatever read the input: an article
//! event record, or a dead letter carrying the original input.

use super::headers;
use super::sink::OutRecord;
use crate::model::{ArticleEvent, ArticleKind, SourceRef, SCHEMA_VERSION};

/// The input a dead letter carries back, untouched.
pub(crate) struct Origin<'a> {
    pub source: &'a SourceRef,
    pub key: Option<&'a [u8]>,
    pub value: &'a [u8],
    pub headers: &'a [(String, Vec<u8>)],
}

/// `source.topic/partition/offset` for Kafka inputs, `source.file/line` for files.
pub(crate) fn source_headers(source: &SourceRef) -> Vec<(String, Vec<u8>)> {
    let h = |k: &str, v: String| (k.to_string(), v.into_bytes());
    match source {
        SourceRef::Kafka { topic, partition, offset } => vec![
            h(headers::SOURCE_TOPIC, topic.clone()),
            h(headers::SOURCE_PARTITION, partition.to_string()),
            h(headers::SOURCE_OFFSET, offset.to_string()),
        ],
        SourceRef::File { file, line } => {
            vec![h(headers::SOURCE_FILE, file.clone()), h(headers::SOURCE_LINE, line.to_string())]
        }
    }
}

/// An event record: key = article id, so compaction and downstream upserts dedupe replays.
pub(crate) fn article_record(topic: &str, source: &SourceRef, event: &ArticleEvent) -> OutRecord {
    let mut hdrs = source_headers(source);
    hdrs.push((headers::SCHEMA_VERSION.into(), SCHEMA_VERSION.as_bytes().to_vec()));
    let kind = match event.kind {
        ArticleKind::Article => "article",
        ArticleKind::Teaser => "teaser",
    };
    hdrs.push((headers::KIND.into(), kind.as_bytes().to_vec()));
    OutRecord {
        topic: topic.to_string(),
        key: Some(event.id.clone().into_bytes()),
        value: serde_json::to_vec(event).expect("events always serialize"),
        headers: hdrs,
    }
}

/// The original input, untouched, plus headers saying where it came from and why it failed.
pub(crate) fn dead_letter(topic: &str, origin: &Origin<'_>, stage: &str, kind: &str, message: &str) -> OutRecord {
    let mut hdrs = origin.headers.to_vec();
    hdrs.extend(source_headers(origin.source));
    hdrs.push((headers::ERROR_STAGE.into(), stage.as_bytes().to_vec()));
    hdrs.push((headers::ERROR_KIND.into(), kind.as_bytes().to_vec()));
    let message: String = message.chars().take(1000).collect();
    hdrs.push((headers::ERROR_MESSAGE.into(), message.into_bytes()));
    OutRecord {
        topic: topic.to_string(),
        key: origin.key.map(<[u8]>::to_vec),
        value: origin.value.to_vec(),
        headers: hdrs,
    }
}

/// Empties a dead letter the broker would not take with the input's bytes
/// (too large, or the bytes themselves rejected), saying why in a header, so
/// that the input is still accounted for.
pub(crate) fn drop_payload(dead_letter: &mut OutRecord, why: &str) {
    dead_letter.value.clear();
    dead_letter.headers.push((headers::ERROR_PAYLOAD_DROPPED.into(), why.as_bytes().to_vec()));
}

/// What one input becomes: its events, or one dead letter with the reason.
pub(crate) fn outputs_for(
    result: &Result<Vec<ArticleEvent>, crate::pipeline::PipelineError>,
    output_topic: &str,
    dlq_topic: &str,
    origin: &Origin<'_>,
) -> Vec<OutRecord> {
    match result {
        Ok(events) => events.iter().map(|e| article_record(output_topic, origin.source, e)).collect(),
        Err(error) => {
            tracing::warn!(stage = error.stage(), kind = error.kind(), error = %error, "dead-lettering page");
            vec![dead_letter(dlq_topic, origin, error.stage(), error.kind(), &error.to_string())]
        }
    }
}

/// Delivers an input's outputs. If the broker will never take them (over its
/// size limit), dead-letters the input instead, and if even that is refused,
/// sends the reason without the payload rather than stall the partition.
/// Returns what was delivered, or `None` when nothing could be.
pub(crate) async fn deliver_outputs(
    sink: &super::sink::Sink,
    dlq_topic: &str,
    origin: &Origin<'_>,
    outputs: Vec<OutRecord>,
) -> Option<Vec<OutRecord>> {
    let Err(rejected) = sink.deliver_all(&outputs).await else {
        return Some(outputs);
    };
    tracing::warn!(error = %rejected, "output rejected by the broker; dead-lettering the input");
    let mut dl = dead_letter(dlq_topic, origin, "output", "output_rejected", &rejected.to_string());
    if let Err(again) = sink.deliver_all(std::slice::from_ref(&dl)).await {
        drop_payload(&mut dl, &again.to_string());
        if sink.deliver_all(std::slice::from_ref(&dl)).await.is_err() {
            tracing::warn!("dead letter without payload rejected too");
            return None;
        }
    }
    Some(vec![dl])
}
