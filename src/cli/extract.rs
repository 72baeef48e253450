//! `pressline extract`: the main text of HTML pages, one page from stdin or
//! the extraction benchmark's length-prefixed stream protocol.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::config::Config;
use crate::model::RawPage;
use crate::pipeline::clean::CleanError;
use crate::pipeline::{main_text, PipelineError, PipelineOptions};

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
        let text = if len > options.limits.max_page_bytes {
            // Not held in memory (a bad header would abort the allocation):
            // read past, answered as the pipeline answers such a page.
            let error = skip_page(&mut input, len, options.limits.max_page_bytes)?;
            match features {
                Some(_) => features_error(&PipelineError::from(error)),
                None => String::new(),
            }
        } else {
            let html = read_page(&mut input, len)?;
            match features {
                Some(content_type) => features_one(html, url, content_type, options),
                None => extract_one(html, url, options),
            }
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

/// Reads past a page of `len` bytes over the `limit` without holding it,
/// so the stream stays in step, and returns clean's error for it: `Empty`
/// when every byte is ASCII white space, else `TooLarge`.
fn skip_page(input: &mut impl Read, len: usize, limit: usize) -> std::io::Result<CleanError> {
    /// Takes bytes and only notes whether all were ASCII white space.
    struct White(bool);
    impl Write for White {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 &= buf.iter().all(u8::is_ascii_whitespace);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut white = White(true);
    let limit_bytes = u64::try_from(len).unwrap_or(u64::MAX);
    let read = std::io::copy(&mut input.by_ref().take(limit_bytes), &mut white)?;
    if read < limit_bytes {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "failed to fill whole buffer"));
    }
    Ok(if white.0 { CleanError::Empty } else { CleanError::TooLarge { size: len, limit } })
}

fn features_error(e: &PipelineError) -> String {
    serde_json::json!({"text": "", "error": e.to_string()}).to_string()
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
        Err(e) => return features_error(&e),
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

    #[test]
    fn a_page_over_the_limit_is_read_past_and_answered_as_the_pipeline_answers_it() {
        let options = crate::pipeline::PipelineOptions::default();
        let limit = 16;
        let big = "<p>word</p> ".repeat(3);
        let stream = format!("{}\n{big}2\nok", big.len());
        let mut input = BufReader::with_capacity(4, stream.as_bytes());
        let mut header = String::new();
        input.read_line(&mut header).unwrap();
        let error = super::skip_page(&mut input, big.len(), limit).unwrap();
        let small = crate::pipeline::clean::CleanLimits { max_page_bytes: limit, ..options.limits };
        let page = super::html_page(big.clone().into_bytes(), "https://example.org/");
        assert_eq!(Err(error), crate::pipeline::clean::clean(page, &small).map(|_| ()));
        // The next page is read in step.
        header.clear();
        input.read_line(&mut header).unwrap();
        assert_eq!(header, "2\n");
        assert_eq!(super::read_page(&mut input, 2).unwrap(), b"ok");
        // White space only is clean's `Empty`, as it is under the limit.
        let white = " \n\t ".repeat(10);
        let error = super::skip_page(&mut white.as_bytes(), white.len(), limit).unwrap();
        let page = super::html_page(white.clone().into_bytes(), "https://example.org/");
        assert_eq!(Err(error), crate::pipeline::clean::clean(page, &small).map(|_| ()));
        // A short stream fails as `read_page` does.
        let short = super::skip_page(&mut b"abc".as_slice(), 40, limit).unwrap_err();
        assert_eq!(short.kind(), std::io::ErrorKind::UnexpectedEof);
        // A huge header is not allocated.
        let huge = super::skip_page(&mut b"abc".as_slice(), 99_999_999_999, limit).unwrap_err();
        assert_eq!(huge.kind(), std::io::ErrorKind::UnexpectedEof);
    }
}
