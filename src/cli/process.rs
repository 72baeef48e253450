//! `pressline process`: the pipeline over files or stdin, no Kafka. Events
//! go to stdout as JSONL, failures to stderr as JSON lines; the exit code
//! stays 0 when some inputs fail, as every input still ends somewhere.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{load_config, open_inputs, ConfigArgs};
use crate::model::SourceRef;
use crate::pipeline::{process_isolated, PipelineOptions};

#[derive(Args, Debug)]
pub struct ProcessArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Treat each input file as one raw page (HTML or text) fetched from this URL.
    #[arg(long, value_name = "URL")]
    raw_url: Option<String>,
    /// Input files; none or `-` reads stdin.
    files: Vec<PathBuf>,
}

pub fn run(args: ProcessArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&args.config)?;
    let failed = process_files(&args.files, args.raw_url.as_deref(), &config.pipeline_options())?;
    if failed > 0 {
        eprintln!("{failed} input(s) failed; see the JSON lines above");
    }
    Ok(ExitCode::SUCCESS)
}

/// `pressline process`: returns how many inputs failed.
pub(crate) fn process_files(
    files: &[PathBuf],
    raw_url: Option<&str>,
    options: &PipelineOptions,
) -> anyhow::Result<usize> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0;
    // Each event is serialised into one reused buffer and written at once:
    // serde_json's many small writes cost less on a Vec than through `dyn Write`.
    let mut line_buf: Vec<u8> = Vec::new();
    let mut emit = |name: &str,
                    line: u64,
                    value: &[u8],
                    headers: &[(String, Vec<u8>)],
                    out: &mut dyn Write|
     -> anyhow::Result<()> {
        let source = SourceRef::File { file: name.to_string(), line };
        match process_isolated(value, headers, source, options).0 {
            Ok(events) => {
                for e in events {
                    line_buf.clear();
                    serde_json::to_writer(&mut line_buf, &e)?;
                    line_buf.push(b'\n');
                    out.write_all(&line_buf)?;
                }
            }
            Err(e) => {
                failed += 1;
                let report = serde_json::json!({"file": name, "line": line, "error": {"stage": e.stage(), "kind": e.kind(), "message": e.to_string()}});
                eprintln!("{report}");
            }
        }
        Ok(())
    };
    for (name, mut reader) in open_inputs(files)? {
        if let Some(url) = raw_url {
            let mut body = Vec::new();
            reader.read_to_end(&mut body)?;
            emit(&name, 1, &body, &[(crate::model::HEADER_URL.into(), url.as_bytes().to_vec())], &mut out)?;
            continue;
        }
        // One line buffer for the whole input: a page's line is often
        // 100 KB+, and growing a fresh vector to that size per line cost more
        // than reading it.
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mut line = Vec::new();
        let mut number = 0u64;
        while next_line(&mut reader, &mut line)? {
            number += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            emit(&name, number, &line, &[], &mut out)?;
        }
    }
    out.flush()?;
    Ok(failed)
}

/// The next line of `reader` into `line`, without its `\n` (as
/// `BufRead::split` gives it); `false` at the end of the input.
fn next_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<bool> {
    line.clear();
    let mut read_any = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        match memchr::memchr(b'\n', buf) {
            Some(k) => {
                line.extend_from_slice(&buf[..k]);
                reader.consume(k + 1);
                return Ok(true);
            }
            None => {
                let n = buf.len();
                line.extend_from_slice(buf);
                reader.consume(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_split_gives() {
        for input in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "a\r\nb\r\n", &"x".repeat(20_000)] {
            let std_split: Vec<Vec<u8>> = BufReader::new(input.as_bytes()).split(b'\n').map(Result::unwrap).collect();
            // A small buffer: lines longer than it are read in pieces.
            let mut reader = BufReader::with_capacity(7, input.as_bytes());
            let (mut line, mut got) = (Vec::new(), Vec::new());
            while next_line(&mut reader, &mut line).unwrap() {
                got.push(line.clone());
            }
            assert_eq!(got, std_split, "{input:?}");
        }
    }
}
