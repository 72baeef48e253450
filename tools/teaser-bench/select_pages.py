#!/usr/bin/env python3
"""Picks the teaser benchmark's pages from the shared sets, by a hash of the
page id (not by looking at the pages): per set and page type, the first pages
in sha256("teaser-bench:<set>:<id>") order.

  python3 tools/teaser-bench/select_pages.py ../shared/data > pages.json
"""
import hashlib
import json
import sys
from pathlib import Path

QUOTA = {
    "zyte": {"article": 16},
    "wcxb": {"article": 16, "service": 2, "forum": 2, "documentation": 2, "listing": 2, "collection": 2, "product": 2},
    "wcxb_dev_a": {"article": 16, "service": 2, "forum": 2, "documentation": 2, "listing": 2, "collection": 2,
                   "product": 2},
}


def main():
    data = Path(sys.argv[1])
    picked = []
    for name, quota in QUOTA.items():
        gold = json.loads((data / name / "gold.json").read_text(encoding="utf-8"))
        order = sorted(gold, key=lambda i: hashlib.sha256(f"teaser-bench:{name}:{i}".encode()).hexdigest())
        taken = {t: 0 for t in quota}
        for pid in order:
            kind = gold[pid].get("page_type", "article")
            if taken.get(kind, 10**9) < quota.get(kind, 0):
                taken[kind] += 1
                picked.append({"set": name, "id": pid, "url": gold[pid].get("url"), "page_type": kind})
    json.dump(picked, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
