//! The output records pressline writes, whatever read the input: an article
//! event record, or a dead letter carrying the original input, and for a page
//! extracted with low confidence a copy of the input for a fallback extractor.

use super::headers;
use super::sink::OutRecord;
use crate::config::Config;
use crate::model::{ArticleEvent, ArticleKind, SourceRef, SCHEMA_VERSION};

/// Where an input's outputs go.
#[derive(Debug, Clone, PartialEq)]
pub struct Routes {
    pub output_topic: String,
    pub dlq_topic: String,
    pub low_confidence: Option<LowConfidence>,
}

/// Pages whose main article's extraction confidence is under `below` are
/// also copied, raw, to `topic`.
#[derive(Debug, Clone, PartialEq)]
pub struct LowConfidence {
    pub topic: String,
    pub below: f64,
}

impl Routes {
    pub fn from_config(config: &Config) -> Routes {
        let k = &config.kafka;
        Routes {
            output_topic: k.output_topic.clone(),
            dlq_topic: k.dlq_topic.clone(),
            low_confidence: (!k.low_confidence_topic.is_empty()).then(|| LowConfidence {
                topic: k.low_confidence_topic.clone(),
                below: config.pipeline.low_confidence,
            }),
        }
    }
}

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
    let message: String = message.chars().take(1000).collect();
    input_copy(
        topic,
        origin,
        [
            (headers::ERROR_STAGE, stage.as_bytes().to_vec()),
            (headers::ERROR_KIND, kind.as_bytes().to_vec()),
            (headers::ERROR_MESSAGE, message.into_bytes()),
        ],
    )
}

/// The input's key, value and headers untouched, plus `source.*` and `extra`.
fn input_copy<const N: usize>(topic: &str, origin: &Origin<'_>, extra: [(&str, Vec<u8>); N]) -> OutRecord {
    let mut hdrs = origin.headers.to_vec();
    hdrs.extend(source_headers(origin.source));
    hdrs.extend(extra.map(|(k, v)| (k.to_string(), v)));
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

/// The input, untouched, with headers naming the article it became and how
/// sure its extraction is: what a fallback extractor needs to replace it.
pub(crate) fn low_confidence_copy(
    topic: &str,
    origin: &Origin<'_>,
    article: &ArticleEvent,
    confidence: f64,
) -> OutRecord {
    input_copy(
        topic,
        origin,
        [
            (headers::CONFIDENCE, format!("{confidence:.3}").into_bytes()),
            (headers::ARTICLE_ID, article.id.clone().into_bytes()),
        ],
    )
}

/// What one input becomes: its events (plus a copy of the input when its
/// extraction is unsure), or one dead letter with the reason.
pub(crate) fn outputs_for(
    result: &Result<Vec<ArticleEvent>, crate::pipeline::PipelineError>,
    routes: &Routes,
    origin: &Origin<'_>,
) -> Vec<OutRecord> {
    match result {
        Ok(events) => {
            let mut out: Vec<OutRecord> =
                events.iter().map(|e| article_record(&routes.output_topic, origin.source, e)).collect();
            let main = events.iter().find(|e| e.kind == ArticleKind::Article);
            if let (Some(low), Some(main)) = (&routes.low_confidence, main) {
                if let Some(confidence) = main.quality.extraction_confidence.filter(|c| *c < low.below) {
                    out.push(low_confidence_copy(&low.topic, origin, main, confidence));
                }
            }
            out
        }
        Err(error) => {
            tracing::warn!(stage = error.stage(), kind = error.kind(), error = %error, "dead-lettering page");
            vec![dead_letter(&routes.dlq_topic, origin, error.stage(), error.kind(), &error.to_string())]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{process, PipelineOptions};

    const PAGE: &str = "<html><head><title>Harbour wall vote</title></head><body><article>\
        <h1>Harbour wall vote</h1><p>The town council voted on Tuesday to rebuild the sea wall that \
        failed in the March storms, after a long debate about who should pay for it.</p>\
        <p>Residents said the repairs could not wait for another winter of flooding.</p></article></body></html>";

    fn routes(low_confidence: Option<f64>) -> Routes {
        Routes {
            output_topic: "articles".into(),
            dlq_topic: "pages.dlq".into(),
            low_confidence: low_confidence.map(|below| LowConfidence { topic: "pages.unsure".into(), below }),
        }
    }

    /// The page's events with the main article's confidence set to `confidence`.
    fn events(confidence: Option<f64>) -> Vec<ArticleEvent> {
        let source = SourceRef::Kafka { topic: "pages.raw".into(), partition: 2, offset: 41 };
        let headers = [("url".to_string(), b"https://ledger.example/news/sea-wall".to_vec())];
        let mut events = process(PAGE.as_bytes(), &headers, source, &PipelineOptions::default()).unwrap();
        events[0].quality.extraction_confidence = confidence;
        events
    }

    fn copies(confidence: Option<f64>, below: Option<f64>) -> Vec<OutRecord> {
        let source = SourceRef::Kafka { topic: "pages.raw".into(), partition: 2, offset: 41 };
        let input_headers = vec![("url".to_string(), b"https://ledger.example/news/sea-wall".to_vec())];
        let origin =
            Origin { source: &source, key: Some(b"page-key"), value: PAGE.as_bytes(), headers: &input_headers };
        let outputs = outputs_for(&Ok(events(confidence)), &routes(below), &origin);
        assert!(outputs.iter().any(|o| o.topic == "articles"), "events are published whatever the confidence");
        outputs.into_iter().filter(|o| o.topic == "pages.unsure").collect()
    }

    #[test]
    fn a_page_under_the_threshold_is_also_copied_raw_with_its_confidence() {
        let copied = copies(Some(0.31), Some(0.5));
        assert_eq!(copied.len(), 1);
        let copy = &copied[0];
        assert_eq!(copy.value, PAGE.as_bytes(), "the input, untouched");
        assert_eq!(copy.key.as_deref(), Some(&b"page-key"[..]));
        let header = |name: &str| copy.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_slice());
        assert_eq!(header(headers::CONFIDENCE), Some(&b"0.310"[..]));
        assert_eq!(header(headers::ARTICLE_ID), Some(events(None)[0].id.as_bytes()));
        assert_eq!(header("url"), Some(&b"https://ledger.example/news/sea-wall"[..]), "input headers travel along");
        assert_eq!(header(headers::SOURCE_OFFSET), Some(&b"41"[..]));
    }

    #[test]
    fn no_copy_at_or_over_the_threshold_without_a_score_or_without_a_topic() {
        assert!(copies(Some(0.5), Some(0.5)).is_empty());
        assert!(copies(Some(0.93), Some(0.5)).is_empty());
        assert!(copies(None, Some(0.5)).is_empty());
        assert!(copies(Some(0.01), None).is_empty());
    }

    #[test]
    fn a_dead_letter_is_never_copied() {
        let source = SourceRef::Kafka { topic: "pages.raw".into(), partition: 0, offset: 1 };
        let origin = Origin { source: &source, key: None, value: b"{not json", headers: &[] };
        let failed = process(b"{not json", &[], source.clone(), &PipelineOptions::default());
        let outputs = outputs_for(&failed, &routes(Some(1.0)), &origin);
        assert_eq!(outputs.len(), 1);
        assert_eq!(outputs[0].topic, "pages.dlq");
    }
}
