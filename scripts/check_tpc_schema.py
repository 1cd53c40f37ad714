#!/usr/bin/env python3
"""Sanity-check tests/lineage/testdata/tpc_schema.json against the TPC query corpus.

Checks that the schema file parses, has 32 tables (8 TPC-H + 24 TPC-DS) with no
duplicate columns, and that every identifier in the corpus queries that looks like a
TPC column (by prefix) is a column of some table. Identifiers that are not columns are
reported as misses, split into table names, names the same query defines itself
(column/table aliases with or without AS, CTE names, CTE/derived-table column lists),
and unexplained ones.

Usage: check_tpc_schema.py [schema.json] [corpus_dir]
Exit status: 0 if schema is well formed and there are no unexplained misses.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "tests", "lineage", "testdata", "tpc_schema.json")
CORPUS = "/work/shared/corpus"

PREFIXES = {
    "tpch": ["l_", "o_", "c_", "p_", "ps_", "s_", "n_", "r_"],
    "tpcds": ["ss_", "sr_", "cs_", "cr_", "ws_", "wr_", "inv_", "i_", "d_", "t_", "c_",
              "ca_", "cd_", "hd_", "ib_", "s_", "w_", "wp_", "web_", "cc_", "cp_", "p_",
              "r_", "sm_"],
}

TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<lcomment>--[^\n]*)
  | (?P<bcomment>/\*.*?\*/)
  | (?P<string>'(?:[^']|'')*')
  | (?P<qident>"(?:[^"]|"")*")
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def tokenize(sql):
    """Yield (kind, value) for identifiers and punctuation; drop comments/strings."""
    for m in TOKEN.finditer(sql):
        kind = m.lastgroup
        if kind in ("ws", "lcomment", "bcomment"):
            continue
        text = m.group()
        if kind == "qident":
            yield "ident", text[1:-1].replace('""', '"').lower()
        elif kind == "ident":
            yield "ident", text.lower()
        elif kind in ("string", "number"):
            yield "literal", text
        else:
            yield "other", text


KEYWORDS = set("""
all and any as asc between by case cast desc distinct else end except exists from full
group having in inner intersect interval is join left like limit not null nulls on or
order outer over partition range right rows select then union using when where with
""".split())


def defined_names(toks):
    """Names a query defines itself: aliases, CTE names and column-list names."""
    defined = set()
    n = len(toks)
    for i, (kind, val) in enumerate(toks):
        if kind != "ident" or val in KEYWORDS:
            continue
        prev = toks[i - 1] if i > 0 else ("other", "")
        nxt = toks[i + 1] if i + 1 < n else ("other", "")
        # <expr> AS name  /  <table> AS name
        if prev == ("ident", "as"):
            defined.add(val)
        # implicit alias: <expr> name, <table> name
        elif prev == ("other", ")") or prev[0] == "literal" or (
                prev[0] == "ident" and prev[1] not in KEYWORDS):
            defined.add(val)
        # CTE: name AS (
        if nxt == ("ident", "as") and i + 2 < n and toks[i + 2] == ("other", "("):
            defined.add(val)
        # column list after a defined name: name (a, b, ...) -- CTE or derived table
        if nxt == ("other", "(") and (prev == ("ident", "as") or val in defined):
            j = i + 2
            names = []
            while j < n and toks[j][0] == "ident":
                names.append(toks[j][1])
                if j + 1 < n and toks[j + 1] == ("other", ","):
                    j += 2
                else:
                    break
            if j + 1 < n and toks[j][0] == "ident" and toks[j + 1] == ("other", ")"):
                defined.update(names)
    return defined


def check_schema(schema):
    errors = []
    if not isinstance(schema, dict):
        return ["top level is not an object"]
    if len(schema) != 32:
        errors.append(f"expected 32 tables, found {len(schema)}")
    for bench, n in (("tpch", 8), ("tpcds", 24)):
        got = sum(1 for k in schema if k.startswith(bench + "."))
        if got != n:
            errors.append(f"expected {n} {bench} tables, found {got}")
    for table, cols in schema.items():
        if table != table.lower():
            errors.append(f"{table}: table name not lowercase")
        names = [c.get("name") for c in cols]
        dups = sorted({n for n in names if names.count(n) > 1})
        if dups:
            errors.append(f"{table}: duplicate columns {dups}")
        for c in cols:
            if set(c) != {"name", "type"} or not c["name"] or not c["type"]:
                errors.append(f"{table}: malformed column entry {c}")
            elif c["name"] != c["name"].lower():
                errors.append(f"{table}: column {c['name']} not lowercase")
    return errors


def main():
    schema_path = sys.argv[1] if len(sys.argv) > 1 else SCHEMA
    corpus = sys.argv[2] if len(sys.argv) > 2 else CORPUS
    with open(schema_path) as f:
        schema = json.load(f)
    errors = check_schema(schema)
    for e in errors:
        print("SCHEMA ERROR:", e)
    ntab, ncol = len(schema), sum(len(v) for v in schema.values())
    print(f"schema: {ntab} tables, {ncol} columns")

    unexplained, aliases, tables = {}, {}, {}
    nfiles = 0
    for bench, prefixes in PREFIXES.items():
        cols = {c["name"] for t, cs in schema.items() if t.startswith(bench + ".") for c in cs}
        tabnames = {t.split(".", 1)[1] for t in schema if t.startswith(bench + ".")}
        for path in sorted(glob.glob(os.path.join(corpus, bench, "*.sql"))):
            nfiles += 1
            with open(path) as f:
                toks = list(tokenize(f.read()))
            defined = defined_names(toks)
            for kind, val in toks:
                if kind != "ident" or val in cols:
                    continue
                if not any(val.startswith(p) for p in prefixes):
                    continue
                if val in tabnames:
                    target = tables
                elif val in defined:
                    target = aliases
                else:
                    target = unexplained
                target.setdefault(val, set()).add(os.path.relpath(path, corpus))
    print(f"scanned {nfiles} query files")
    for title, d in (("table names (not columns)", tables),
                     ("names defined by the query itself (aliases, CTEs)", aliases),
                     ("UNEXPLAINED misses", unexplained)):
        print(f"{title}: {len(d)}")
        for name in sorted(d):
            print(f"  {name}: {', '.join(sorted(d[name]))}")
    return 1 if errors or unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
