#!/usr/bin/env python3
"""Fits and checks `quality.extraction_confidence` (src/pipeline/enrich/confidence.rs).

Standard library only. Steps:
  collect  runs `pressline extract --stream --features` over each set's pages
           (../shared/data/<set>/html/<id>.html.gz or text/<id>.txt.gz, gold in
           gold.json `gold_text`) and stores per page: the benchmark text's word
           F1 against the gold (the WCXB metric: lower-cased bag of \\w+ tokens,
           per-page P/R/F1, as `wF1` in extract_eval.py), the model's features
           and the confidence the binary gave.
  fit      L2-regularised logistic regression of "page F1 >= 0.7" on the
           features (standardised). Leave one set out: fit on the other sets'
           pages, report on the held-out set and its text rendering (the same
           pages, so they are held out together); then in-sample. Prints ROC AUC
           (pages with F1 < 0.7 as positives, low confidence predicting them)
           and Spearman's rho (confidence vs page F1) per set; `--write` puts
           the weights fitted on all sets into confidence.rs.
  check    the same figures for the confidence the binary gave (after a rebuild).
  plot     docs/confidence.svg: page F1 against the binary's confidence.

  python3 tools/confidence/fit.py collect --bin /tmp/conf-pressline
  python3 tools/confidence/fit.py fit --write
  (rebuild) python3 tools/confidence/fit.py collect --bin ... && python3 tools/confidence/fit.py check plot
"""
import argparse
import gzip
import json
import math
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data"
HTML_SETS = ["zyte", "wcxb", "wcxb_dev_a"]
TEXT_SETS = ["zyte_txt", "wcxb_txt", "wcxb_dev_a_txt"]
BAD_F1 = 0.7
L2 = 1.0
RUST = REPO / "src" / "pipeline" / "enrich" / "confidence.rs"
SVG = REPO / "docs" / "confidence.svg"

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def word_prf(gold, pred):
    """extract_eval.py's per-page word P, R, F1 (its wF1 is their mean F1)."""
    gt = Counter(t.lower() for t in _TOKEN_RE.findall(gold or ""))
    pt = Counter(t.lower() for t in _TOKEN_RE.findall(pred or ""))
    if not gt:
        return (1.0, 1.0, 1.0) if not pt else (0.0, 0.0, 0.0)
    if not pt:
        return (0.0, 0.0, 0.0)
    ov = sum((gt & pt).values())
    p, r = ov / sum(pt.values()), ov / sum(gt.values())
    return (p, r, 2 * p * r / (p + r) if p + r else 0.0)


# ----------------------------------------------------------------------------- collect

def collect(sets, binary, work):
    for name in sets:
        folder = DATA / name
        gold = json.loads((folder / "gold.json").read_text())
        text = name.endswith("_txt")
        sub, ext = ("text", ".txt.gz") if text else ("html", ".html.gz")
        cmd = [binary, "extract", "--stream", "--features"]
        if text:
            cmd += ["--content-type", "text/plain; charset=utf-8"]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        rows = []
        for pid in sorted(gold):
            path = folder / sub / (pid + ext)
            if not path.exists():
                continue
            body = gzip.open(path).read()
            proc.stdin.write(b"%d\n" % len(body) + body)
            proc.stdin.flush()
            n = int(proc.stdout.readline())
            out = json.loads(proc.stdout.read(n))
            p, r, f1 = word_prf(gold[pid].get("gold_text", ""), out.get("text", ""))
            row = {"id": pid, "page_type": gold[pid].get("page_type"), "p": p, "r": r, "f1": f1}
            if "features" in out:
                row.update(names=out["names"], x=out["features"], confidence=out["confidence"])
            rows.append(row)
        proc.stdin.close()
        proc.wait()
        (work / f"{name}.json").write_text(json.dumps(rows))
        print(f"{name}: {len(rows)} pages, {sum('x' not in r for r in rows)} without an event", file=sys.stderr)


def load(work, sets):
    out = {}
    for name in sets:
        path = work / f"{name}.json"
        if path.exists():
            out[name] = json.loads(path.read_text())
    return out


# ----------------------------------------------------------------------------- metrics

def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def auc(conf, f1):
    """P(a good page scores above a bad one): bad pages (F1 < 0.7) are the positives to catch."""
    good = [c for c, f in zip(conf, f1) if f >= BAD_F1]
    bad = [c for c, f in zip(conf, f1) if f < BAD_F1]
    if not good or not bad:
        return float("nan")
    r = ranks(good + bad)
    rank_good = sum(r[: len(good)])
    return (rank_good - len(good) * (len(good) + 1) / 2) / (len(good) * len(bad))


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = math.sqrt(sum((x - ma) ** 2 for x in ra))
    vb = math.sqrt(sum((y - mb) ** 2 for y in rb))
    return cov / (va * vb) if va and vb else float("nan")


def figures(conf, f1):
    bad = sum(f < BAD_F1 for f in f1)
    return f"n={len(f1):4d} bad={bad:3d}  AUC {auc(conf, f1):.3f}  rho {spearman(conf, f1):.3f}"


# ----------------------------------------------------------------------------- logistic regression

def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                if f:
                    for k in range(c, n + 1):
                        m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def fit_logistic(xs, ys, l2=L2, iters=50):
    """Newton's method on the L2-penalised log loss (intercept not penalised); returns (w, b)."""
    d = len(xs[0])
    w = [0.0] * (d + 1)  # last = intercept
    rows = [x + [1.0] for x in xs]
    for _ in range(iters):
        grad = [0.0] * (d + 1)
        hess = [[0.0] * (d + 1) for _ in range(d + 1)]
        for x, y in zip(rows, ys):
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g, h = p - y, p * (1 - p)
            for i in range(d + 1):
                grad[i] += g * x[i]
                hi = h * x[i]
                row = hess[i]
                for j in range(i, d + 1):
                    row[j] += hi * x[j]
        for i in range(d):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w[:d], w[d]


class Model:
    """Standardised logistic model; `raw()` gives weights on the unscaled features."""

    def __init__(self, rows, use):
        self.use = use
        xs = [[r["x"][i] for i in use] for r in rows]
        n = len(xs)
        self.mean = [sum(c) / n for c in zip(*xs)]
        self.std = [math.sqrt(sum((v - m) ** 2 for v in c) / n) or 1.0 for c, m in zip(zip(*xs), self.mean)]
        zs = [[(v - m) / s for v, m, s in zip(x, self.mean, self.std)] for x in xs]
        self.w, self.b = fit_logistic(zs, [1.0 if r["f1"] >= BAD_F1 else 0.0 for r in rows])

    def raw(self):
        w = [wi / s for wi, s in zip(self.w, self.std)]
        b = self.b - sum(wi * m for wi, m in zip(w, self.mean))
        return w, b

    def predict(self, row):
        w, b = self.raw()
        z = b + sum(wi * row["x"][i] for wi, i in zip(w, self.use))
        return 1 / (1 + math.exp(-max(-30, min(30, z))))


def scored(rows):
    return [r for r in rows if "x" in r]


def run_fit(data, use_names, write):
    """Leave one set out: a set and its text rendering (the same pages) are held out together."""
    names = next(iter(scored(next(iter(data.values())))))["names"]
    use = [names.index(n) for n in use_names] if use_names else list(range(len(names)))
    print("features:", ", ".join(names[i] for i in use))
    print("held out (fitted on the other sets' pages):")
    for held in HTML_SETS:
        twins = (held, held + "_txt")
        m = Model([r for k, rows in data.items() if k not in twins for r in scored(rows)], use)
        for k in twins:
            if k in data:
                rows = scored(data[k])
                print(f"  {k:15s} {figures([m.predict(r) for r in rows], [r['f1'] for r in rows])}")
    m = Model([r for rows in data.values() for r in scored(rows)], use)
    print("in sample (fitted on all sets):")
    for k, rows in data.items():
        rows = scored(rows)
        print(f"  {k:15s} {figures([m.predict(r) for r in rows], [r['f1'] for r in rows])}")
    w, b = m.raw()
    print("standardised weights:", ", ".join(f"{names[i]} {wi:+.3f}" for i, wi in zip(use, m.w)))
    full = [0.0] * len(names)
    for i, wi in zip(use, w):
        full[i] = wi
    print("weights:", ", ".join(f"{names[i]} {full[i]:+.4f}" for i in use), f"intercept {b:+.4f}")
    if write:
        src = RUST.read_text()
        src = re.sub(r"const WEIGHTS: \[f64; N\] = \[[^\]]*\];",
                     f"const WEIGHTS: [f64; N] = [{', '.join(f'{x:.4f}' for x in full)}];", src)
        src = re.sub(r"const INTERCEPT: f64 = [-0-9.e]+;", f"const INTERCEPT: f64 = {b:.4f};", src)
        RUST.write_text(src)
        print(f"wrote {RUST.relative_to(REPO)}; rebuild, then collect and check")


def run_check(data):
    print("the binary's confidence:")
    for k, rows in data.items():
        rows = scored(rows)
        missing = len(data[k]) - len(rows)
        print(f"  {k:15s} {figures([r['confidence'] for r in rows], [r['f1'] for r in rows])}"
              + (f"  ({missing} pages without an event left out)" if missing else ""))


# ----------------------------------------------------------------------------- plot

def run_plot(data):
    sets = [("wcxb", "#1f77b4", "circle"), ("wcxb_dev_a", "#d62728", "square")]
    w, h, ml, mb, mt, mr = 640, 520, 60, 50, 40, 150
    pw, ph = w - ml - mr, h - mt - mb
    X = lambda c: ml + c * pw
    Y = lambda f: mt + (1 - f) * ph
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{ml + pw / 2}" y="22" text-anchor="middle" font-size="14">'
           'Page word F1 against extraction_confidence (HTML pages)</text>']
    for t in [i / 10 for i in range(11)]:
        out.append(f'<line x1="{X(t):.1f}" y1="{mt}" x2="{X(t):.1f}" y2="{mt + ph}" stroke="#eee"/>')
        out.append(f'<line x1="{ml}" y1="{Y(t):.1f}" x2="{ml + pw}" y2="{Y(t):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{X(t):.1f}" y="{mt + ph + 16}" text-anchor="middle">{t:.1f}</text>')
        out.append(f'<text x="{ml - 6}" y="{Y(t) + 4:.1f}" text-anchor="end">{t:.1f}</text>')
    out.append(f'<line x1="{ml}" y1="{Y(BAD_F1):.1f}" x2="{ml + pw}" y2="{Y(BAD_F1):.1f}" '
               'stroke="#888" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{ml + pw - 4}" y="{Y(BAD_F1) - 4:.1f}" text-anchor="end" fill="#666">F1 = {BAD_F1}</text>')
    out.append(f'<rect x="{ml}" y="{mt}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{ml + pw / 2}" y="{h - 10}" text-anchor="middle">extraction_confidence</text>')
    out.append(f'<text transform="translate(16 {mt + ph / 2}) rotate(-90)" text-anchor="middle">'
               'page word F1 (WCXB metric)</text>')
    for n, (name, colour, mark) in enumerate(sets):
        rows = scored(data.get(name, []))
        for r in rows:
            x, y = X(r["confidence"]), Y(r["f1"])
            if mark == "circle":
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="none" stroke="{colour}" stroke-opacity="0.7"/>')
            else:
                out.append(f'<rect x="{x - 2.2:.1f}" y="{y - 2.2:.1f}" width="4.4" height="4.4" fill="{colour}" '
                           'fill-opacity="0.45"/>')
        # Mean page F1 per confidence decile (deciles with 5+ pages): the calibration line.
        pts = []
        for d in range(10):
            fs = [r["f1"] for r in rows if d / 10 <= r["confidence"] < (d + 1) / 10 or (d == 9 and r["confidence"] == 1)]
            if len(fs) >= 5:
                pts.append(f"{X((d + 0.5) / 10):.1f},{Y(sum(fs) / len(fs)):.1f}")
        dash = "" if mark == "circle" else ' stroke-dasharray="6 3"'
        out.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        ly = mt + 10 + n * 54
        lx = ml + pw + 14
        if mark == "circle":
            out.append(f'<circle cx="{lx + 4}" cy="{ly}" r="4" fill="none" stroke="{colour}"/>')
        else:
            out.append(f'<rect x="{lx}" y="{ly - 4}" width="8" height="8" fill="{colour}" fill-opacity="0.6"/>')
        f1 = [r["f1"] for r in rows]
        conf = [r["confidence"] for r in rows]
        out.append(f'<text x="{lx + 14}" y="{ly + 4}">{name} ({len(rows)})</text>')
        out.append(f'<text x="{lx + 14}" y="{ly + 20}" fill="#555">AUC {auc(conf, f1):.3f}</text>')
        out.append(f'<text x="{lx + 14}" y="{ly + 35}" fill="#555">rho {spearman(conf, f1):.3f}</text>')
    out.append(f'<text x="{ml + pw + 14}" y="{mt + 130}" fill="#555">lines: mean F1</text>')
    out.append(f'<text x="{ml + pw + 14}" y="{mt + 145}" fill="#555">per confidence decile</text>')
    out.append("</svg>")
    SVG.write_text("\n".join(out) + "\n")
    print(f"wrote {SVG.relative_to(REPO)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("steps", nargs="+", choices=["collect", "fit", "check", "plot"])
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "pressline"))
    ap.add_argument("--work", default="/tmp/pressline-confidence", help="where collected rows go (outside the repo)")
    ap.add_argument("--sets", default=",".join(HTML_SETS + TEXT_SETS))
    ap.add_argument("--use", default="", help="comma-separated feature names to fit on (default: all)")
    ap.add_argument("--write", action="store_true", help="fit: write the weights into confidence.rs")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sets = [s for s in args.sets.split(",") if s]
    for step in args.steps:
        if step == "collect":
            collect(sets, args.bin, work)
        data = load(work, sets)
        if step == "fit":
            run_fit(data, [n for n in args.use.split(",") if n], args.write)
        elif step == "check":
            run_check(data)
        elif step == "plot":
            run_plot(data)


if __name__ == "__main__":
    main()
