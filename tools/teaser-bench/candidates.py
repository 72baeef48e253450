#!/usr/bin/env python3
"""Lists a page's link candidates for labelling the teaser benchmark: every
link whose text (or the heading it sits in) has at least two words, grouped by
the block it sits in, with that block's path and heading, so a labeller can
judge blocks first (related list? navigation? product grid?) and links second.

  python3 tools/teaser-bench/candidates.py ../shared/data wcxb 4011
Needs lxml (pip install lxml in a venv outside the repo).
"""
import gzip
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lhtml

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"ul", "ol", "section", "aside", "nav", "article", "div", "footer", "header", "main", "table", "li"}
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def text_of(el):
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


def label(el):
    cls = (el.get("class") or "").strip().split()
    ident = el.get("id")
    s = el.tag
    if ident:
        s += "#" + ident
    if cls:
        s += "." + ".".join(cls[:3])
    return s


def hidden(el):
    for a in el.iterancestors():
        if a.get("hidden") is not None or a.get("aria-hidden") == "true" or HIDDEN.search(a.get("style") or ""):
            return True
    return False


def block_of(a):
    """The nearest ancestor that groups several links: the 'card list' or menu."""
    for anc in a.iterancestors():
        if anc.tag in BLOCKS and len(anc.findall(".//a")) >= 3:
            return anc
    return a.getparent()


def heading_before(block):
    """The heading a reader sees for the block: inside it first, else the previous one."""
    for h in block.iter(*HEADINGS):
        if not h.findall(".//a"):
            return text_of(h)[:80]
    prev = block.getprevious()
    while prev is not None:
        if prev.tag in HEADINGS:
            return text_of(prev)[:80]
        hs = [h for h in prev.iter(*HEADINGS)]
        if hs:
            return text_of(hs[-1])[:80]
        prev = prev.getprevious()
    return ""


def main():
    data, name, pid = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    path = next(p for p in [data / name / "html" / f"{pid}.html.gz", data / name / "html" / f"{pid}.html"] if p.exists())
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    import json
    gold = json.loads((data / name / "gold.json").read_text(encoding="utf-8"))[pid]
    base = gold.get("url") or "https://example.org/"
    doc = lhtml.fromstring(raw)
    for bad in doc.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    title = doc.findtext(".//title") or ""
    h1 = [text_of(h) for h in doc.iter("h1")]
    print(f"PAGE {name}/{pid} type={gold.get('page_type', 'article')}\nURL {base}\nTITLE {title.strip()[:150]}\nH1 {h1[:3]}")
    print(f"GOLD TITLE {gold.get('title')}\nGOLD TEXT START {(gold.get('gold_text') or '')[:200]!r}")
    print(f"GOLD TEXT END {(gold.get('gold_text') or '')[-200:]!r}\n")
    host = urlsplit(base).netloc.removeprefix("www.")
    blocks = {}
    order = []
    for a in doc.iter("a"):
        href = a.get("href")
        if not href:
            continue
        t = text_of(a)
        heading = next((text_of(h) for h in a.iterancestors(*HEADINGS)), "")
        if len(t.split()) < 2 and len(heading.split()) < 2:
            continue
        b = block_of(a)
        key = id(b)
        if key not in blocks:
            blocks[key] = (b, [])
            order.append(key)
        url = urljoin(base, href)
        flags = []
        u = urlsplit(url)
        if u.netloc.removeprefix("www.") != host:
            flags.append("EXTERNAL")
        if u.fragment and u._replace(fragment="").geturl().rstrip("/") == base.split("#")[0].rstrip("/"):
            flags.append("SAME-PAGE")
        if re.search(r"\.(pdf|zip|docx?|xlsx?|pptx?|mp3|mp4|jpg|png)$", u.path, re.I):
            flags.append("FILE")
        if hidden(a):
            flags.append("HIDDEN")
        if heading:
            flags.append("IN-HEADING")
        blocks[key][1].append((t[:120], url, flags))
    for n, key in enumerate(order):
        b, links = blocks[key]
        path = " > ".join(label(x) for x in list(reversed(list(b.iterancestors())))[-4:]) + " > " + label(b)
        print(f"BLOCK {n}: {path}\n  heading: {heading_before(b)!r}  links in block: {len(links)}")
        for t, url, flags in links[:40]:
            print(f"  - {t!r} -> {url} {' '.join(flags)}")
        if len(links) > 40:
            print(f"  ... {len(links) - 40} more")


if __name__ == "__main__":
    main()
