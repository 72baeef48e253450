#!/usr/bin/env python3
"""Draws docs/performance.svg from the benches' JSON results (no plotting library).

    cargo bench --bench stages && cargo bench --bench e2e && tools/bench-chart.py

Left: pages per CPU-second of each pipeline stage, with the targets.
Right: end-to-end pages/s of the no-op copy and of pressline per worker-thread
count, with the 0.7 x no-op target.
"""
import json
import pathlib
import sys

repo = pathlib.Path(__file__).resolve().parent.parent
bench = repo / "target" / "bench"
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "docs" / "performance.svg"


def load(name):
    path = bench / name
    return json.loads(path.read_text()) if path.exists() else None


def panel(x0, title, bars, targets, unit):
    """bars: [(label, value, colour)], targets: [(label, value)]"""
    w, h, top, base = 400, 300, 50, 250
    vmax = max([v for _, v, _ in bars] + [v for _, v in targets] + [1]) * 1.15
    parts = [f'<text x="{x0 + w / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">{title}</text>',
             f'<line x1="{x0 + 40}" y1="{base}" x2="{x0 + w - 10}" y2="{base}" stroke="#333"/>']
    slot = (w - 60) / max(len(bars), 1)
    for i, (label, value, colour) in enumerate(bars):
        bh = (base - top) * value / vmax
        x = x0 + 50 + i * slot
        parts.append(f'<rect x="{x:.0f}" y="{base - bh:.0f}" width="{slot * 0.7:.0f}" height="{bh:.0f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + slot * 0.35:.0f}" y="{base - bh - 5:.0f}" text-anchor="middle" font-size="12">{value:.0f}</text>')
        parts.append(f'<text x="{x + slot * 0.35:.0f}" y="{base + 16}" text-anchor="middle" font-size="11">{label}</text>')
    for label, value in targets:
        y = base - (base - top) * value / vmax
        parts.append(f'<line x1="{x0 + 40}" y1="{y:.0f}" x2="{x0 + w - 10}" y2="{y:.0f}" stroke="#c0392b" stroke-dasharray="5,4"/>')
        parts.append(f'<text x="{x0 + w - 12}" y="{y - 4:.0f}" text-anchor="end" font-size="11" fill="#c0392b">{label}</text>')
    parts.append(f'<text x="{x0 + 14}" y="{(top + base) / 2}" font-size="11" transform="rotate(-90 {x0 + 14} {(top + base) / 2})" text-anchor="middle">{unit}</text>')
    return parts


stages, e2e = load("stages.json"), load("e2e.json")
if not stages and not e2e:
    sys.exit("no results in target/bench/: run `cargo bench --bench stages` and/or `cargo bench --bench e2e` first")
svg = []
if stages:
    bars = [(s["stage"], s["pages_per_cpu_s"], "#2e86c1" if s["stage"] != "pipeline" else "#1a5276") for s in stages["stages"]
            if s["stage"] != "segment"]  # ~30x the others: it would flatten the chart
    svg += panel(0, f'Stages, {stages["corpus_pages"]} Zyte pages (segment off-scale)', bars,
                 [("clean target 400", 400), ("pipeline target 450", 450)], "pages per CPU-second")
if e2e:
    rows = e2e["rows"]
    bars = [("no-op" if r["run"].startswith("no-op") else r["run"].replace("pressline, ", "").replace(" thread(s)", " thr"),
             r["pages_per_s"], "#7f8c8d" if r["run"].startswith("no-op") else "#27ae60") for r in rows]
    noop = rows[0]["pages_per_s"]
    svg += panel(420, f'Through noida-db, {e2e["pages"]} pages', bars, [("0.7 × no-op", 0.7 * noop)], "pages/s")
doc = ('<svg xmlns="http://www.w3.org/2000/svg" width="830" height="290" font-family="sans-serif">'
       '<rect width="100%" height="100%" fill="white"/>' + "".join(svg) + "</svg>\n")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(doc)
print(f"wrote {out}")
