#!/usr/bin/env python3
"""The input of the ignored test `dump_title_candidates`, and the gold titles.

  dump_in.py OUT.jsonl NAME=DIR [NAME=DIR ...]

Each DIR holds gold.json and text/<id>.txt(.gz), as eval_text_path.py reads them
(the URL gets the same "_p=<id>" query). Writes OUT.jsonl (id "NAME/<id>", url,
text) and OUT.jsonl.gold.json (id -> gold title). Then:

  TITLE_DUMP_IN=OUT.jsonl TITLE_DUMP_OUT=CANDS.jsonl cargo test --release --lib \
      dump_title_candidates -- --ignored
"""
import gzip
import json
import sys
from pathlib import Path

out = open(sys.argv[1], 'w')
gold_out = {}
for arg in sys.argv[2:]:
    name, d = arg.split('=')
    d = Path(d)
    gold = json.loads((d / 'gold.json').read_text())
    for pid, g in gold.items():
        f = next((c for c in (d / 'text' / f'{pid}.txt.gz', d / 'text' / f'{pid}.txt') if c.exists()), None)
        if f is None: continue
        raw = f.read_bytes()
        text = (gzip.decompress(raw) if f.suffix == '.gz' else raw).decode()
        url = g.get('url') or f'https://example.org/{pid}'
        if not url.startswith('http'): url = f'https://example.org/{pid}'
        url = url + ('&' if '?' in url else '?') + f'_p={pid}'
        out.write(json.dumps({'id': f'{name}/{pid}', 'url': url, 'text': text}) + '\n')
        if g.get('title'): gold_out[f'{name}/{pid}'] = g['title']
json.dump(gold_out, open(sys.argv[1] + '.gold.json', 'w'))
