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
    /// Page URL (single-page mode; the page is read from stdin).
    #[arg(long, default_value = "https://example.org/")]
    url: String,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = Config::default().pipeline_options();
    if args.stream {
        extract_stream(&args.url, &options)?;
    } else {
        let mut html = Vec::new();
        std::io::stdin().read_to_end(&mut html)?;
        println!("{}", extract_one(html, &args.url, &options));
    }
    Ok(ExitCode::SUCCESS)
}

/// `pressline extract --stream`: length-prefixed HTML in, length-prefixed text out.
pub(crate) fn extract_stream(url: &str, options: &PipelineOptions) -> anyhow::Result<()> {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = std::io::stdout().lock();
    let mut header = String::new();
    loop {
        header.clear();
        if input.read_line(&mut header)? == 0 {
            return Ok(());
        }
        let len: usize = header.trim().parse().with_context(|| format!("bad length line {header:?}"))?;
        let mut html = vec![0; len];
        input.read_exact(&mut html)?;
        let text = extract_one(html, url, options);
        writeln!(output, "{}", text.len())?;
        output.write_all(text.as_bytes())?;
        output.flush()?;
    }
}

pub(crate) fn extract_one(html: Vec<u8>, url: &str, options: &PipelineOptions) -> String {
    let page = RawPage {
        url: url.to_string(),
        fetched_at: None,
        status: None,
        content_type: Some("text/html; charset=utf-8".into()),
        headers: Default::default(),
        body: html,
        charset: None,
    };
    main_text(page, options).unwrap_or_default()
}
