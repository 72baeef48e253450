//! The benchmark corpus: the Zyte article-extraction pages in `../shared/data`,
//! read at bench time (never copied into the repository).
//!
//! `PRESSLINE_BENCH_DATA` points elsewhere: a folder with `html/*.html.gz` and,
//! optionally, `gold.json` (`{ "<id>": { "url": … } }`) for the pages' URLs.
//! The same pages as plain text (`zyte_txt`, `text/*.txt.gz`) are optional:
//! `PRESSLINE_BENCH_TEXT_DATA` points elsewhere, and without them the text
//! benches are skipped.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// One page as the scraper would hand it over.
pub struct CorpusPage {
    pub url: String,
    pub html: Vec<u8>,
}

pub fn data_dir() -> PathBuf {
    match std::env::var_os("PRESSLINE_BENCH_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/zyte"),
    }
}

/// Loads every page, or exits with a message that says what is missing.
pub fn load() -> Vec<CorpusPage> {
    let dir = data_dir();
    match try_load(&dir) {
        Ok(pages) if !pages.is_empty() => pages,
        Ok(_) => missing(&dir, "no *.html.gz files in html/"),
        Err(e) => missing(&dir, &e.to_string()),
    }
}

fn missing(dir: &Path, why: &str) -> ! {
    eprintln!(
        "pressline benches: cannot load the page corpus from {} ({why}).\n\
         The benches read the Zyte pages from ../shared/data/zyte/html/*.html.gz next to the repository;\n\
         set PRESSLINE_BENCH_DATA=<folder with html/*.html.gz> to use another copy.",
        dir.display()
    );
    std::process::exit(2)
}

#[allow(dead_code)] // not every bench reads the text pages
pub fn text_data_dir() -> PathBuf {
    match std::env::var_os("PRESSLINE_BENCH_TEXT_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/zyte_txt"),
    }
}

/// The text pages, or `None` (with a note on stderr) when they are not there.
#[allow(dead_code)] // not every bench reads the text pages
pub fn load_text() -> Option<Vec<CorpusPage>> {
    let dir = text_data_dir();
    match try_load_from(&dir, "text", ".txt.gz") {
        Ok(pages) if !pages.is_empty() => Some(pages),
        Ok(_) => {
            eprintln!("pressline benches: no text/*.txt.gz in {}; text benches skipped", dir.display());
            None
        }
        Err(e) => {
            eprintln!("pressline benches: no text pages at {} ({e}); text benches skipped", dir.display());
            None
        }
    }
}

fn try_load(dir: &Path) -> std::io::Result<Vec<CorpusPage>> {
    try_load_from(dir, "html", ".html.gz")
}

fn try_load_from(dir: &Path, sub: &str, ext: &str) -> std::io::Result<Vec<CorpusPage>> {
    let gold: serde_json::Value = std::fs::read(dir.join("gold.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(serde_json::Value::Null);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    paths.sort();
    let mut pages = Vec::with_capacity(paths.len());
    for path in paths {
        let id = path.file_name().unwrap().to_string_lossy().trim_end_matches(ext).to_string();
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut html)?;
        let url =
            gold[&id]["url"].as_str().map(str::to_string).unwrap_or_else(|| format!("https://bench.example/{id}"));
        pages.push(CorpusPage { url, html });
    }
    Ok(pages)
}
