//! `pressline extract`: the main text of HTML pages, one page from stdin or
//! the extraction benchmark's length-prefixed stream protocol.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::config::Config;
use crate::model::RawPage;
use crate::pipeline::{main_text, PipelineOptions};

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Speak the benchmark's stream protocol on stdin/stdout (`<nbytes>\n` + HTML in, same out).
    #[arg(long)]
    stream: bool,
    /// With --stream: answer a JSON object per page (`text`, confidence
    /// `features` and `confidence`) instead of the text, for tools/confidence.
    #[arg(long, hide = true, requires = "stream")]
    features: bool,
    /// Content type the pages are read as (`text/plain` for text pages).
    #[arg(long, hide = true, default_value = "text/html; charset=utf-8")]
    content_type: String,
    /// Page URL (single-page mode; the page is read from stdin).
    #[arg(long, default_value = "https://example.org/")]
    url: String,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = Config::default().pipeline_options();
    if args.stream {
        let features = args.features.then_some(args.content_type.as_str());
        extract_stream(&args.url, &options, features)?;
    } else {
        let mut html = Vec::new();
        std::io::stdin().read_to_end(&mut html)?;
        println!("{}", extract_one(html, &args.url, &options));
    }
    Ok(ExitCode::SUCCESS)
}

/// `pressline extract --stream`: length-prefixed HTML in, length-prefixed text out.
pub(crate) fn extract_stream(url: &str, options: &PipelineOptions, features: Option<&str>) -> anyhow::Result<()> {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = std::io::stdout().lock();
    let mut header = String::new();
    loop {
        header.clear();
        if input.read_line(&mut header)? == 0 {
            return Ok(());
        }
        let len: usize = header.trim().parse().with_context(|| format!("bad length line {header:?}"))?;
        let html = read_page(&mut input, len)?;
        let text = match features {
            Some(content_type) => features_one(html, url, content_type, options),
            None => extract_one(html, url, options),
        };
        writeln!(output, "{}", text.len())?;
        output.write_all(text.as_bytes())?;
        output.flush()?;
    }
}

/// `len` bytes of `input`, read as `read_exact` reads them (a short stream is
/// the same `UnexpectedEof` error) into a buffer that is not zeroed first:
/// zeroing a page's buffer before overwriting it was a measurable share of a
/// page's allocation work.
fn read_page(input: &mut impl Read, len: usize) -> std::io::Result<Vec<u8>> {
    let mut html = Vec::with_capacity(len);
    let limit = u64::try_from(len).unwrap_or(u64::MAX);
    input.by_ref().take(limit).read_to_end(&mut html)?;
    if html.len() < len {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "failed to fill whole buffer"));
    }
    Ok(html)
}

fn features_one(body: Vec<u8>, url: &str, content_type: &str, options: &PipelineOptions) -> String {
    let names = crate::pipeline::enrich::confidence::FEATURES;
    let value = match crate::pipeline::main_text_with_confidence(
        RawPage { content_type: Some(content_type.into()), ..html_page(body, url) },
        options,
    ) {
        Ok((text, x, confidence)) => {
            serde_json::json!({"text": text, "names": names, "features": x, "confidence": confidence})
        }
        Err(e) => serde_json::json!({"text": "", "error": e.to_string()}),
    };
    value.to_string()
}

pub(crate) fn extract_one(html: Vec<u8>, url: &str, options: &PipelineOptions) -> String {
    main_text(html_page(html, url), options).unwrap_or_default()
}

fn html_page(html: Vec<u8>, url: &str) -> RawPage {
    RawPage {
        url: url.to_string(),
        fetched_at: None,
        status: None,
        content_type: Some("text/html; charset=utf-8".into()),
        headers: Default::default(),
        body: html,
        charset: None,
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read};

    #[test]
    fn a_page_is_read_as_read_exact_reads_it() {
        let stream = b"5\nhello3\nabc".as_slice();
        let mut input = BufReader::with_capacity(4, stream);
        let mut header = String::new();
        input.read_line(&mut header).unwrap();
        assert_eq!(super::read_page(&mut input, 5).unwrap(), b"hello");
        header.clear();
        input.read_line(&mut header).unwrap();
        assert_eq!(super::read_page(&mut input, 3).unwrap(), b"abc");
        assert_eq!(super::read_page(&mut input, 0).unwrap(), b"");
        // A short page fails as `read_exact` fails.
        let short = super::read_page(&mut b"abc".as_slice(), 4).unwrap_err();
        let mut buf = [0; 4];
        let exact = b"abc".as_slice().read_exact(&mut buf).unwrap_err();
        assert_eq!((short.kind(), short.to_string()), (exact.kind(), exact.to_string()));
    }
}
