//! `pressline backfill`: raw pages from files — JSONL envelopes (plain, gzip or
//! zstd) and WARC archives (plain or gzip, response records, as Common Crawl
//! publishes them) — into the pipeline, the input topic, or JSONL files.
//!
//! WARC responses are turned into the same JSON envelope a scraper would
//! send, so a page takes exactly the live path whichever way it arrives.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use tokio::sync::mpsc;

use crate::batch::{Input, Runner, Summary};
use crate::model::SourceRef;

/// Files under the given paths (directories walked, sorted), in order.
pub(crate) fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
            entries.sort();
            out.extend(expand(&entries)?);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            anyhow::bail!("{} does not exist", path.display());
        }
    }
    Ok(out)
}

fn open(path: &Path) -> anyhow::Result<Box<dyn Read + Send>> {
    let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("opening {}: {e}", path.display()))?;
    let name = path.to_string_lossy();
    Ok(if name.ends_with(".gz") {
        // Multi-member: each WARC record is its own gzip member.
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else if name.ends_with(".zst") {
        Box::new(zstd::stream::read::Decoder::new(file)?)
    } else {
        Box::new(file)
    })
}

fn is_warc(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Reads every input of `path` and hands it to `each`, with its record number.
pub(crate) fn read_inputs(path: &Path, mut each: impl FnMut(Input) -> anyhow::Result<()>) -> anyhow::Result<u64> {
    let file = path.display().to_string();
    let mut n = 0u64;
    if is_warc(path) {
        let reader = warc::WarcReader::new(BufReader::new(open(path)?));
        for record in reader.iter_records() {
            let record = record.map_err(|e| anyhow::anyhow!("{file}: bad WARC record: {e}"))?;
            n += 1;
            if record.warc_type() != &warc::RecordType::Response {
                continue;
            }
            let Some(envelope) = envelope_from_warc(&record) else {
                continue;
            };
            each(Input {
                source: SourceRef::File { file: file.clone(), line: n },
                key: None,
                value: envelope,
                headers: vec![],
            })?;
        }
    } else {
        for line in BufReader::new(open(path)?).split(b'\n') {
            let line = line?;
            n += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            each(Input {
                source: SourceRef::File { file: file.clone(), line: n },
                key: None,
                value: line,
                headers: vec![],
            })?;
        }
    }
    Ok(n)
}

/// A WARC `response` record (HTTP status line, headers, body) as a page envelope.
fn envelope_from_warc(record: &warc::Record<warc::BufferedBody>) -> Option<Vec<u8>> {
    let url = record.header(warc::WarcHeader::TargetURI)?.trim_matches(['<', '>']).to_string();
    let date = record.header(warc::WarcHeader::Date).map(|d| d.into_owned());
    let payload = record.body();
    let mut header_buf = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut header_buf);
    let (status, headers, body) = match response.parse(payload) {
        Ok(httparse::Status::Complete(len)) => {
            let headers: BTreeMap<String, String> = response
                .headers
                .iter()
                .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned()))
                .collect();
            (response.code, headers, &payload[len..])
        }
        // Not HTTP (e.g. a DNS or FTP response): keep the bytes as the page.
        _ => (None, BTreeMap::new(), payload),
    };
    let envelope = serde_json::json!({
        "url": url,
        "fetched_at": date,
        "status": status,
        "content_type": headers.get("content-type"),
        "headers": headers,
        "body_base64": base64::engine::general_purpose::STANDARD.encode(body),
    });
    Some(serde_json::to_vec(&envelope).expect("JSON"))
}

/// Runs every input of every file through `runner`.
pub async fn backfill(files: Vec<PathBuf>, runner: Arc<Runner>) -> anyhow::Result<Summary> {
    let progress = runner.spawn_progress_log();
    let (done_tx, mut done_rx) = mpsc::unbounded_channel();
    // Files are read on a blocking thread; inputs cross over a bounded channel.
    let (tx, mut rx) = mpsc::channel::<Input>(256);
    let reader = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        for file in files {
            read_inputs(&file, |input| tx.blocking_send(input).map_err(|_| anyhow::anyhow!("runner stopped")))?;
        }
        Ok(())
    });
    while let Some(input) = rx.recv().await {
        runner.submit(input, done_tx.clone()).await;
        while done_rx.try_recv().is_ok() {}
    }
    reader.await??;
    runner.drain().await;
    progress.abort();
    runner.finish()
}
