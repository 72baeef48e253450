#!/usr/bin/env python3
"""Scores pressline's teasers against the teaser benchmark (tests/teasers/bench.json,
rules in docs/teasers.md).

  python3 tools/teaser-bench/score.py target/release/pressline ../shared/data [--pages]

Each benchmark page goes through `pressline process` as an HTML envelope (the
page's URL from the set's gold); its teaser events (kind "teaser": title,
target_url) are matched one-to-one against the labels: first by normalised
URL, then by normalised title (equal, or one containing the other with at
least 4 words). Prints precision, recall and "URL right" (matched pairs whose
URLs agree) over all teasers (micro), per set and per page type; --pages adds
one line per page with what was missed and what was extra.
"""
import gzip
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

BENCH = Path(__file__).resolve().parents[2] / "tests" / "teasers" / "bench.json"
TRACKING = ("utm_", "intcid", "icid", "cmpid", "fbclid", "gclid", "mc_cid", "mc_eid", "xtor", "ito", "ref", "src")


def norm_url(u):
    s = urlsplit((u or "").strip())
    host = s.netloc.lower().removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(s.query, keep_blank_values=True) if not k.lower().startswith(TRACKING)]
    return f"{host}{s.path.rstrip('/')}?{urlencode(sorted(query))}"


def norm_title(t):
    t = unicodedata.normalize("NFKC", t or "").lower()
    return re.sub(r"[\W_]+", " ", t).strip()


def titles_match(a, b):
    a, b = norm_title(a), norm_title(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short.split()) >= 4 and f" {short} " in f" {long} "


def match(gold, pred):
    """One-to-one pairs (gold index, pred index), URL matches first."""
    pairs, used_g, used_p = [], set(), set()
    for test in (lambda g, p: norm_url(g["url"]) == norm_url(p["url"]),
                 lambda g, p: titles_match(g["title"], p["title"])):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(pred):
                if pi not in used_p and test(g, p):
                    pairs.append((gi, pi))
                    used_g.add(gi)
                    used_p.add(pi)
                    break
    return pairs


def run(binary, data, bench):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for page in bench:
            d = data / page["set"] / "html"
            path = next(p for p in (d / f"{page['id']}.html.gz", d / f"{page['id']}.html") if p.exists())
            raw = path.read_bytes()
            body = gzip.decompress(raw) if path.suffix == ".gz" else raw
            f.write(json.dumps({"url": page["url"], "body": body.decode("utf-8", "replace"),
                                "content_type": "text/html"}) + "\n")
        name = f.name
    out = subprocess.run([binary, "process", name], capture_output=True, text=True)
    Path(name).unlink()
    teasers = defaultdict(list)
    for line in out.stdout.splitlines():
        e = json.loads(line)
        if e.get("kind") == "teaser":
            teasers[e["url"]].append({"title": e.get("title", ""), "url": e.get("target_url") or ""})
    return teasers


def main():
    binary, data = sys.argv[1], Path(sys.argv[2])
    bench = json.loads(BENCH.read_text(encoding="utf-8"))
    predicted = run(binary, data, bench)
    groups = defaultdict(lambda: [0, 0, 0, 0])  # matched, predicted, gold, url right
    lines = []
    for page in bench:
        gold, pred = page["teasers"], predicted.get(page["url"], [])
        pairs = match(gold, pred)
        url_right = sum(norm_url(gold[g]["url"]) == norm_url(pred[p]["url"]) for g, p in pairs)
        for key in ("all", f"set {page['set']}", f"type {page['page_type']}"):
            c = groups[key]
            c[0] += len(pairs)
            c[1] += len(pred)
            c[2] += len(gold)
            c[3] += url_right
        missed = [gold[i]["title"] for i in range(len(gold)) if i not in {g for g, _ in pairs}]
        extra = [pred[i]["title"] for i in range(len(pred)) if i not in {p for _, p in pairs}]
        lines.append(f"{page['set']}/{page['id']} ({page['page_type']}): gold {len(gold)}, predicted {len(pred)},"
                     f" matched {len(pairs)}; missed {missed[:5]}; extra {extra[:5]}")
    print("| group | gold | predicted | matched | precision | recall | URL right |")
    print("|---|---|---|---|---|---|---|")
    for key in ["all"] + sorted(k for k in groups if k != "all"):
        m, p, g, u = groups[key]
        prec = f"{m / p:.3f}" if p else "—"
        rec = f"{m / g:.3f}" if g else "—"
        url = f"{u / m:.3f}" if m else "—"
        print(f"| {key} | {g} | {p} | {m} | {prec} | {rec} | {url} |")
    if "--pages" in sys.argv:
        print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
