//! Trains the entity tagger's weights (an averaged structured perceptron) from
//! a corpus written by `prepare_corpora.py`, with the very feature code the
//! pipeline runs, and writes `src/pipeline/data/ner-<lang>.bin`.
//!
//!     cargo run --release --example train_tagger -- <lang> <corpus.txt> <out.bin> [epochs] [holdout] [max_features]
//!
//! `<corpus.txt>` may also be a list `en=en.txt,de=de.txt,fr=fr.txt`: each
//! file's documents are then read with that language's rules.
//!
//! With `holdout` = k > 0, every k-th document is held out and scored after
//! each epoch (span precision/recall/F1), to choose the epochs; the shipped
//! weights are trained on every document.

use std::collections::HashSet;
use std::fs;

use pressline::pipeline::enrich::entities::{find_entities_by_rules, rule_spans};
use pressline::pipeline::enrich::tagger::features::{
    candidate_runs, prepare, sentence_tokens, token_features, Scratch,
};
use pressline::pipeline::enrich::tagger::model::{allowed, viterbi, write, N_TAGS};
use pressline::pipeline::enrich::tagger::{mark_rule_tags, TAGS};
use pressline::pipeline::text::lexicon::Lexicon;
use rustc_hash::FxHashMap;

/// One candidate run: feature hashes per token and gold tags.
struct Run {
    feats: Vec<Vec<u64>>,
    gold: Vec<u8>,
}

fn tag_id(tag: &str) -> u8 {
    TAGS.iter().position(|t| *t == tag).unwrap_or(0) as u8
}

fn read_docs(path: &str) -> Vec<Vec<Vec<(String, String)>>> {
    let text = fs::read_to_string(path).expect("corpus file");
    let mut docs: Vec<Vec<Vec<(String, String)>>> = Vec::new();
    let mut sent: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line == "#doc" {
            docs.push(Vec::new());
            continue;
        }
        if line.is_empty() {
            if !sent.is_empty() {
                docs.last_mut().expect("#doc first").push(std::mem::take(&mut sent));
            }
            continue;
        }
        if let Some((tok, tag)) = line.rsplit_once('\t') {
            sent.push((tok.to_string(), tag.to_string()));
        }
    }
    docs
}

fn runs_of(doc: &[Vec<(String, String)>], lang: &str) -> Vec<Run> {
    let lx = Lexicon::get();
    let stopwords = lx.stopwords_for(Some(lang));
    let lower_words: HashSet<&str> =
        doc.iter().flatten().map(|(t, _)| t.as_str()).filter(|t| t.starts_with(char::is_lowercase)).collect();
    // The document as text (tokens joined by spaces, a sentence a line), for the rules.
    let mut text = String::new();
    let mut offsets: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut sentences = Vec::new();
    for sent in doc {
        let start = text.len();
        let mut spans = Vec::new();
        for (k, (t, _)) in sent.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + t.len()));
            text.push_str(t);
        }
        sentences.push((start, text.len()));
        text.push('\n');
        offsets.push(spans);
    }
    let rules = rule_spans(&find_entities_by_rules(&text, &sentences, Some(lang)));
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    for (sent, spans) in doc.iter().zip(&offsets) {
        let words: Vec<&str> = sent.iter().map(|(t, _)| t.as_str()).collect();
        let mut toks = sentence_tokens(&words);
        mark_rule_tags(&mut toks, spans, &rules);
        prepare(&toks, lx, &mut scratch);
        for run in candidate_runs(&toks) {
            let mut feats = Vec::new();
            let mut gold = Vec::new();
            for i in run.0..run.1 {
                let mut f = Vec::new();
                token_features(&toks, i, run, &lower_words, stopwords, lx, &mut scratch, &mut f);
                feats.push(f);
                let mut g = tag_id(&sent[i].1) as usize;
                if g != 0 && !allowed(gold.last().map(|&p: &u8| p as usize), g) {
                    g -= 1; // I-X after something else: the run starts the name here
                }
                gold.push(g as u8);
            }
            out.push(Run { feats, gold });
        }
    }
    out
}

#[derive(Default)]
struct Perceptron {
    w: FxHashMap<u64, [f32; N_TAGS]>,
    /// Sum of step × update, for lazy averaging.
    acc: FxHashMap<u64, [f32; N_TAGS]>,
    trans: [[f32; N_TAGS]; N_TAGS + 1],
    trans_acc: [[f32; N_TAGS]; N_TAGS + 1],
    step: f32,
}

impl Perceptron {
    fn emissions(&self, run: &Run) -> Vec<[f32; N_TAGS]> {
        run.feats
            .iter()
            .map(|fs| {
                let mut s = [0.0; N_TAGS];
                for h in fs {
                    if let Some(w) = self.w.get(h) {
                        for (s, w) in s.iter_mut().zip(w) {
                            *s += w;
                        }
                    }
                }
                s
            })
            .collect()
    }

    fn update(&mut self, run: &Run, pred: &[u8]) {
        let step = self.step;
        for (i, fs) in run.feats.iter().enumerate() {
            let (g, p) = (run.gold[i] as usize, pred[i] as usize);
            if g != p {
                for &h in fs {
                    let w = self.w.entry(h).or_insert([0.0; N_TAGS]);
                    w[g] += 1.0;
                    w[p] -= 1.0;
                    let a = self.acc.entry(h).or_insert([0.0; N_TAGS]);
                    a[g] += step;
                    a[p] -= step;
                }
            }
            let (gp, pp) = if i == 0 { (0, 0) } else { (1 + run.gold[i - 1] as usize, 1 + pred[i - 1] as usize) };
            if gp != pp || g != p {
                self.trans[gp][g] += 1.0;
                self.trans[pp][p] -= 1.0;
                self.trans_acc[gp][g] += step;
                self.trans_acc[pp][p] -= step;
            }
        }
    }

    fn train(&mut self, runs: &[Run], order: &mut [usize], seed: &mut u64) {
        shuffle(order, seed);
        for &k in order.iter() {
            self.step += 1.0;
            let run = &runs[k];
            let pred = viterbi(&self.trans, &self.emissions(run));
            if pred != run.gold {
                self.update(run, &pred);
            }
        }
    }

    fn averaged(&self) -> Perceptron {
        let c = self.step.max(1.0);
        let mut w = FxHashMap::default();
        for (h, v) in &self.w {
            let a = self.acc.get(h).copied().unwrap_or([0.0; N_TAGS]);
            let mut avg = [0.0; N_TAGS];
            for ((avg, v), a) in avg.iter_mut().zip(v).zip(&a) {
                *avg = v - a / c;
            }
            w.insert(*h, avg);
        }
        let mut trans = self.trans;
        for (row, acc) in trans.iter_mut().zip(&self.trans_acc) {
            for (t, a) in row.iter_mut().zip(acc) {
                *t -= a / c;
            }
        }
        Perceptron { w, trans, ..Default::default() }
    }
}

fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = (*seed >> 33) as usize % (i + 1);
        order.swap(i, j);
    }
}

/// Span precision, recall and F1 of the averaged model on held-out runs.
fn score(model: &Perceptron, runs: &[Run]) -> (f64, f64, f64) {
    let spans = |tags: &[u8]| -> HashSet<(usize, usize, u8)> {
        let mut out = HashSet::new();
        let mut k = 0;
        while k < tags.len() {
            if tags[k] % 2 == 1 {
                let b = k;
                k += 1;
                while k < tags.len() && tags[k] == tags[b] + 1 {
                    k += 1;
                }
                out.insert((b, k, tags[b]));
            } else {
                k += 1;
            }
        }
        out
    };
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for run in runs {
        let pred = spans(&viterbi(&model.trans, &model.emissions(run)));
        let gold = spans(&run.gold);
        tp += pred.intersection(&gold).count();
        np += pred.len();
        ng += gold.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: train_tagger <lang> <corpus.txt> <out.bin> [epochs] [holdout] [max_features]");
        std::process::exit(2);
    }
    let (lang, corpus, out) = (&args[1], &args[2], &args[3]);
    let epochs: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(8);
    let holdout: usize = args.get(5).and_then(|a| a.parse().ok()).unwrap_or(0);
    let max_features: usize = args.get(6).and_then(|a| a.parse().ok()).unwrap_or(usize::MAX);
    // "en=a.txt,de=b.txt,fr=c.txt": documents of several languages, each read by its own
    // language's rules and stopwords (the cross-lingual French model; a file named twice counts twice).
    let mut docs = Vec::new();
    let mut langs: Vec<String> = Vec::new();
    if corpus.contains('=') {
        for part in corpus.split(',') {
            let (l, path) = part.split_once('=').expect("lang=path");
            let d = read_docs(path);
            langs.extend(std::iter::repeat_n(l.to_string(), d.len()));
            docs.extend(d);
        }
    } else {
        docs = read_docs(corpus);
        langs = vec![lang.clone(); docs.len()];
    }
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for (k, doc) in docs.iter().enumerate() {
        let runs = runs_of(doc, &langs[k]);
        if holdout > 0 && k % holdout == holdout - 1 {
            held.extend(runs);
        } else {
            train.extend(runs);
        }
    }
    eprintln!("{lang}: {} documents, {} training runs, {} held-out runs", docs.len(), train.len(), held.len());
    let mut p = Perceptron::default();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut seed = 7u64;
    for epoch in 1..=epochs {
        p.train(&train, &mut order, &mut seed);
        if !held.is_empty() {
            let (pr, re, f) = score(&p.averaged(), &held);
            eprintln!("epoch {epoch}: held-out spans P {pr:.3} R {re:.3} F1 {f:.3}");
        }
    }
    let avg = p.averaged();
    // Weights too small to move a decision are dropped: most of the file for little.
    let min = 0.05 * avg.w.values().flat_map(|w| w.iter()).fold(0.0f32, |m, v| m.max(v.abs())) / 100.0;
    let mut kept: Vec<(u64, [f32; N_TAGS])> =
        avg.w.iter().filter(|(_, w)| w.iter().any(|v| v.abs() > min)).map(|(h, w)| (*h, *w)).collect();
    // At most `max_features`, the strongest: the file's slots are a power of two, so
    // staying under one keeps the file half the size.
    let strength = |w: &[f32; N_TAGS]| w.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    if kept.len() > max_features {
        kept.sort_by(|a, b| strength(&b.1).total_cmp(&strength(&a.1)).then(a.0.cmp(&b.0)));
        kept.truncate(max_features);
    }
    kept.sort_by_key(|(h, _)| *h);
    let bytes = write(&kept, &avg.trans, 0.7);
    fs::write(out, &bytes).expect("write model");
    eprintln!("{out}: {} features of {}, {} bytes", kept.len(), avg.w.len(), bytes.len());
}
