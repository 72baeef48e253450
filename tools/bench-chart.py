#!/usr/bin/env python3
"""Draws docs/performance.svg from the benches' JSON results (no plotting library).

    cargo bench --bench stages && cargo bench --bench e2e && tools/bench-chart.py [OUT.svg]

Four panels, each against the target it is judged by:
1. pages per CPU-second of each stage on HTML pages (clean and whole pipeline ≥ 450);
2. the same on text pages (whole pipeline ≥ 3,000);
3. the worker's CPU per page through a real broker, split by thread group,
   beside the pipeline alone on the same records (worker ≤ 1.10 × pipeline);
4. backlog drain rate with 1 and 2 worker threads (2 threads ≥ 1.7 × 1 thread).
A panel whose JSON is missing is left out.
"""
import json
import pathlib
import sys
from xml.sax.saxutils import escape

repo = pathlib.Path(__file__).resolve().parent.parent
bench = repo / "target" / "bench"
out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "docs" / "performance.svg"

W, TOP, BASE = 400, 50, 250
GROUP_COLOURS = ["#1a5276", "#e67e22", "#8e44ad", "#16a085", "#95a5a6", "#2e86c1"]


def load(name):
    path = bench / name
    return json.loads(path.read_text()) if path.exists() else None


def frame(x0, title, unit):
    return [f'<text x="{x0 + W / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold">{escape(title)}</text>',
            f'<line x1="{x0 + 40}" y1="{BASE}" x2="{x0 + W - 10}" y2="{BASE}" stroke="#333"/>',
            f'<text x="{x0 + 14}" y="{(TOP + BASE) / 2}" font-size="11" '
            f'transform="rotate(-90 {x0 + 14} {(TOP + BASE) / 2})" text-anchor="middle">{unit}</text>']


def target_lines(x0, targets, vmax):
    parts = []
    for label, value in targets:
        y = BASE - (BASE - TOP) * value / vmax
        parts.append(f'<line x1="{x0 + 40}" y1="{y:.0f}" x2="{x0 + W - 10}" y2="{y:.0f}" stroke="#c0392b" stroke-dasharray="5,4"/>')
        parts.append(f'<text x="{x0 + W - 12}" y="{y - 4:.0f}" text-anchor="end" font-size="11" fill="#c0392b">{label}</text>')
    return parts


def bars_panel(x0, title, bars, targets, unit, digits=0):
    """bars: [(label, value, colour)], targets: [(label, value)]"""
    vmax = max([v for _, v, _ in bars] + [v for _, v in targets] + [1e-9]) * 1.15
    parts = frame(x0, title, unit)
    slot = (W - 60) / max(len(bars), 1)
    for i, (label, value, colour) in enumerate(bars):
        bh = (BASE - TOP) * value / vmax
        x = x0 + 50 + i * slot
        parts.append(f'<rect x="{x:.0f}" y="{BASE - bh:.0f}" width="{slot * 0.7:.0f}" height="{bh:.0f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + slot * 0.35:.0f}" y="{BASE - bh - 5:.0f}" text-anchor="middle" font-size="12">{value:.{digits}f}</text>')
        parts.append(f'<text x="{x + slot * 0.35:.0f}" y="{BASE + 16}" text-anchor="middle" font-size="11">{label}</text>')
    return parts + target_lines(x0, targets, vmax)


def stacked_panel(x0, title, stacks, groups, targets, unit):
    """stacks: [(label, [value per group])]; the legend names the groups."""
    vmax = max([sum(v) for _, v in stacks] + [v for _, v in targets] + [1e-9]) * 1.15
    parts = frame(x0, title, unit)
    slot = (W - 60) / max(len(stacks), 1)
    for i, (label, values) in enumerate(stacks):
        x, y = x0 + 50 + i * slot, BASE
        for g, value in enumerate(values):
            bh = (BASE - TOP) * value / vmax
            y -= bh
            parts.append(f'<rect x="{x:.0f}" y="{y:.1f}" width="{slot * 0.7:.0f}" height="{bh:.1f}" fill="{GROUP_COLOURS[g % len(GROUP_COLOURS)]}"/>')
        parts.append(f'<text x="{x + slot * 0.35:.0f}" y="{y - 5:.0f}" text-anchor="middle" font-size="12">{sum(values):.2f}</text>')
        parts.append(f'<text x="{x + slot * 0.35:.0f}" y="{BASE + 16}" text-anchor="middle" font-size="11">{label}</text>')
    for g, name in enumerate(groups):
        ly = BASE + 30 + 13 * (g // 3)
        lx = x0 + 45 + 120 * (g % 3)
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{GROUP_COLOURS[g % len(GROUP_COLOURS)]}"/>')
        parts.append(f'<text x="{lx + 14}" y="{ly}" font-size="10">{name}</text>')
    return parts + target_lines(x0, targets, vmax)


def stage_bars(stages):
    # Segment runs ~30-100x faster than the others and would flatten the chart.
    return [(s["stage"], s["pages_per_cpu_s"], "#1a5276" if s["stage"] == "pipeline" else "#2e86c1")
            for s in stages["stages"] if s["stage"] != "segment"]


def stage_targets(stages):
    """One dashed line per target height, naming every stage judged by it."""
    by_value = {}
    for s in stages["stages"]:
        if s.get("target_pages_per_cpu_s"):
            by_value.setdefault(s["target_pages_per_cpu_s"], []).append(s["stage"])
    return [(f'{" and ".join(names)} ≥ {value:.0f}', value) for value, names in sorted(by_value.items())]


panels = []
stages, text, e2e = load("stages.json"), load("stages-text.json"), load("e2e.json")
for result, kind in ((stages, "HTML"), (text, "text")):
    if result:
        name = result.get("corpus", "zyte" if kind == "HTML" else "zyte_txt")
        targets = stage_targets(result)
        panels.append(lambda x0, r=result, n=name, k=kind, t=targets: bars_panel(
            x0, f'{k} pages ({n}, {r["corpus_pages"]}): pages per CPU-s', stage_bars(r), t, "pages per CPU-second"))
if e2e and e2e.get("cpu_ms_per_page_by_thread_group"):
    alone = e2e["pipeline_cpu_ms_per_page"]
    # The pipeline alone is its own legend entry, after the worker's thread groups.
    groups = e2e["thread_groups"] + ["pipeline alone"]
    stacks = [("pipeline alone", [0.0] * (len(groups) - 1) + [alone])]
    stacks += [(row["run"].replace("pressline, ", "").replace(" thread(s)", " thr"), row["ms"] + [0.0])
               for row in e2e["cpu_ms_per_page_by_thread_group"]]
    panels.append(lambda x0: stacked_panel(
        x0, f'Worker CPU per page via {e2e["broker"]} ({e2e["pages"]} pages)', stacks, groups,
        [("1.10 × pipeline alone", 1.10 * alone)], "CPU ms per page"))
    workers = [r for r in e2e["rows"] if not r["run"].startswith("no-op")]
    one = next((r["window_pages_per_s"] for r in workers if r["run"].startswith("pressline, 1 ")), None)
    if len(workers) >= 2 and one:
        bars = [(r["run"].replace("pressline, ", "").replace(" thread(s)", " thr"), r["window_pages_per_s"], "#27ae60")
                for r in workers]
        how = "backlog prefetched" if e2e.get("prefetch") else "broker on this machine"
        panels.append(lambda x0, b=bars, o=one, h=how: bars_panel(
            x0, f"Backlog drain, pages/s ({h})", b, [("1.7 × 1 thread", 1.7 * o)], "pages/s from a fifth on"))
if not panels:
    sys.exit("no results in target/bench/: run `cargo bench --bench stages` and/or `cargo bench --bench e2e` first")

svg = []
for i, draw in enumerate(panels):
    svg += draw(i * (W + 20))
width = len(panels) * (W + 20) + 10
doc = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="300" font-family="sans-serif">'
       '<rect width="100%" height="100%" fill="white"/>' + "".join(svg) + "</svg>\n")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(doc)
print(f"wrote {out}")
