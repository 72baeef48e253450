#!/usr/bin/env python3
"""Fit the text path's title ranker (src/pipeline/clean/text/title.rs).

  fit.py CANDIDATES.jsonl GOLD_TITLES.json [--print-weights] [--only K,K...] [--fresh]

CANDIDATES.jsonl is written by the ignored test `dump_title_candidates`
(one line per page: id "set/page", its candidates' text and features);
GOLD_TITLES.json maps the same ids to the gold title. A candidate is right
when it equals the gold title after normalisation. The model is a
conditional logit (softmax over a page's candidates, L2-regularised),
fitted by gradient descent with numpy. Reports leave-one-set-out accuracy
(fit on one set, top-1 exact on the other), then fits on all sets and
prints the weights as a Rust array. With --only, the weights start from
title.rs's and only features K... are fitted (a new feature added to the
fitted ranker without moving the others; stop 51's URL-segment features,
stop 52's colon/dash marks of a whole line that splits, `--only 55,56 --fresh`).
With --fresh, those features start at 0 rather than at title.rs's weights.
The leave-one-set-out figures with --only are optimistic: the frozen weights
were fitted on all sets, the held-out one among them.
"""
import json
import re
import sys
import unicodedata

import numpy as np


def norm(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    return re.sub(r"[\W_]+", " ", s).strip()


def load(path, gold):
    pages = []
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    nf = next(len(p["cands"][0]["f"]) for p in rows if p["cands"])
    for p in rows:
        g = gold.get(p["id"])
        if not g:
            continue
        x = np.array([c["f"] for c in p["cands"]], dtype=np.float64).reshape(len(p["cands"]), nf)
        y = np.array([norm(c["t"]) == norm(g) for c in p["cands"]], dtype=bool)
        pages.append((p["id"].split("/")[0], x, y))
    return pages


def stack(pages):
    """All candidates of the pages with a right one, in one matrix, and where each page starts."""
    train = [(x, y) for _, x, y in pages if y.any()]
    X = np.vstack([x for x, _ in train])
    Y = np.concatenate([y for _, y in train]).astype(np.float64)
    starts = np.cumsum([0] + [len(y) for _, y in train])[:-1]
    return X, Y, starts, len(train)


def current_weights(n):
    """title.rs's WEIGHTS, padded with zeros to n features."""
    from pathlib import Path

    src = (Path(__file__).resolve().parents[2] / "src/pipeline/clean/text/title.rs").read_text()
    body = re.search(r"const WEIGHTS: \[f32; FEATURES\] = \[(.*?)\];", src, re.S).group(1)
    w = [float(x) for x in body.replace("\n", "").split(",") if x.strip()]
    return np.array((w + [0.0] * n)[:n])


def fit(pages, l2=1e-3, iters=300, lr=0.1, only=None, fresh=False):
    X, Y, starts, n = stack(pages)
    page = np.repeat(np.arange(n), np.diff(np.append(starts, len(Y))))
    w = np.zeros(X.shape[1])
    free = np.ones(X.shape[1])
    if only:
        w = current_weights(X.shape[1])
        if fresh:
            w[only] = 0.0
        free = np.zeros(X.shape[1])
        free[only] = 1.0
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, iters + 1):
        s = X @ w
        s = s - np.maximum.reduceat(s, starts)[page]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[page]
        q = e * Y
        q = q / np.add.reduceat(q, starts)[page]
        g = (X.T @ (p - q) / n + l2 * w) * free
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def accuracy(pages, w):
    ok = 0
    for _, x, y in pages:
        if x.size and y[int(np.argmax(x @ w))]:
            ok += 1
    return ok / max(1, len(pages))


def main():
    only = None
    if "--only" in sys.argv:
        k = sys.argv.index("--only") + 1
        if k >= len(sys.argv) or sys.argv[k].startswith("--"):
            sys.exit("--only needs a comma list of feature numbers (--only 53,54)")
        only = [int(f) for f in sys.argv[k].split(",")]
        print("note: with --only the frozen weights saw every set; held-out figures are optimistic")
    fresh = "--fresh" in sys.argv
    cands, gold = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
    pages = load(cands, gold)
    sets = sorted({s for s, _, _ in pages})
    for held in sets:
        w = fit([p for p in pages if p[0] != held], only=only, fresh=fresh)
        tr = accuracy([p for p in pages if p[0] != held], w)
        te = accuracy([p for p in pages if p[0] == held], w)
        reach = np.mean([y.any() for s, _, y in pages if s == held])
        print(f"held out {held}: top-1 {te:.3f} (reachable {reach:.3f}); on the training set {tr:.3f}")
    w = fit(pages, only=only, fresh=fresh)
    for s in sets:
        print(f"all sets fit, {s}: {accuracy([p for p in pages if p[0] == s], w):.3f}")
    if "--print-weights" in sys.argv:
        print("const WEIGHTS: [f32; FEATURES] = [")
        print("    " + ", ".join(f"{x:.3f}" for x in w) + ",")
        print("];")


if __name__ == "__main__":
    main()
