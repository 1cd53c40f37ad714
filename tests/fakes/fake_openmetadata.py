#!/usr/bin/env python3
"""A fake OpenMetadata server for the tests: loopback only, multi-threaded, HTTP/1.1 keep-alive.

Serves one database service with databases, schemas and tables with columns (seeded from a
`--schema FILE` in athena-lineage's schema format: `catalog.schema.table` -> columns), and the
REST endpoints athena-lineage's sink uses (../shared/spec/openmetadata.md, section 2), with the
real server's semantics: table listing with `after` paging; `PUT /v1/lineage` replaces an edge's
details (invalid column FQNs silently dropped); `POST /v1/usage/table/{id}` replaces the day's
count, `PUT` adds to it, and both ADD the count to the schema's and database's day; joins stored
per unordered pair and day, a new value replacing the old; query entities keyed by the MD5 of
their text, `PUT /v1/queries` replacing the relations it is sent.

Every request body is validated against OpenMetadata's JSON schemas (`--schemas DIR`, needs
Python's `jsonschema`; exits with status 3 and a message when it is missing). Every request must
carry `Authorization: Bearer <--jwt>` (unless --jwt is empty). Faults on demand: --fail-rate
(HTTP 503), --throttle-rate (429), --drop-rate (connection closed without a reply), also via
POST /_fake/config. GET /_fake/received lists every request (method, path, body, status);
GET /_fake/state dumps what is stored. Start with --port 0; the first line is "PORT <n>".
"""

import argparse
import hashlib
import json
import os
import random
import socket
import sys
import threading
import urllib.parse
import uuid
from datetime import date, datetime, timedelta, timezone

from fake_http import QuietHandler, make_server, send, serve

try:
    import jsonschema
    import referencing
except ImportError:  # pragma: no cover - reported to the test, which skips
    print("NOJSONSCHEMA python3-jsonschema is not installed", flush=True)
    sys.exit(3)


def fqn_part(name):
    return '"%s"' % name if "." in name else name


def fqn(*parts):
    return ".".join(fqn_part(p) for p in parts)


def entity_id(kind, name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "fake-om:%s:%s" % (kind, name)))


class Validators:
    """Draft-7 validators for the request bodies, resolving `$ref`s by file name."""

    def __init__(self, directory):
        self.dir = directory
        self.cache = {}

        resources = {}
        for name in sorted(os.listdir(directory)):
            if name.endswith(".json"):
                with open(os.path.join(directory, name)) as f:
                    contents = json.load(f)
                resources[name] = referencing.Resource.from_contents(contents)

        def retrieve(uri):
            # A $ref to a file by another path: resolve by file name.
            return resources[uri.rsplit("/", 1)[-1]]

        # Every file registered under its $id up front: no retrieval while validating.
        self.registry = referencing.Registry(retrieve=retrieve).with_resources(
            (r.contents["$id"], r) for r in resources.values() if "$id" in r.contents)
        self.registry = self.registry.crawl()

    def validator(self, name, pointer=None):
        key = (name, pointer)
        if key not in self.cache:
            with open(os.path.join(self.dir, name)) as f:
                schema = json.load(f)
            if pointer:
                schema = {"$ref": schema["$id"] + "#" + pointer}
            self.cache[key] = jsonschema.Draft7Validator(
                schema, registry=self.registry, format_checker=jsonschema.FormatChecker())
        return self.cache[key]

    def errors(self, name, body, pointer=None):
        v = self.validator(name, pointer)
        return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(body)", e.message)
                for e in v.iter_errors(body)]


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.args = args
        self.rng = random.Random(args.seed)
        self.inject = {"fail_rate": args.fail_rate, "throttle_rate": args.throttle_rate,
                       "drop_rate": args.drop_rate, "query_put_conflict": args.query_put_conflict}
        self.today = date.fromisoformat(args.today) if args.today else datetime.now(
            timezone.utc).date()
        self.received = []
        self.stats = {"requests": 0, "injected_503": 0, "injected_429": 0, "dropped": 0,
                      "schema_errors": 0, "unauthorized": 0}
        self.service = args.service
        self.db_name = args.database
        self.tables = {}       # id -> table json (with columns)
        self.by_fqn = {}       # table fqn -> id
        self.schemas = {}      # schema fqn -> [table ids]
        self.edges = {}        # (from, to) -> edge json as stored
        self.usage = {}        # (table id, date) -> count
        self.schema_usage = {}  # (schema fqn, date) -> count
        self.database_usage = {}  # (database fqn, date) -> count
        self.joins = {}        # (frozenset of two table fqns, date) -> count
        self.column_joins = {}  # (frozenset of two column fqns, date) -> count
        self.queries = {}      # checksum -> query json
        self.percentiles = []  # (entity type, date)
        self.validators = Validators(args.schemas)
        if args.schema:
            self.load(args.schema, set(args.drop_table))
        for spec in args.table:
            schema, table, cols = spec.split("|")
            self.add_table(schema, table, cols.split(",") if cols else [])

    def load(self, path, dropped):
        with open(path) as f:
            tables = json.load(f)
        for name, cols in sorted(tables.items()):
            parts = name.split(".")
            schema, table = parts[-2], parts[-1]
            if "%s.%s" % (schema, table) in dropped:
                continue
            self.add_table(schema, table, cols)

    def add_table(self, schema, table, cols):
        dbfqn = fqn(self.service, self.db_name)
        tfqn = fqn(self.service, self.db_name, schema, table)
        tid = entity_id("table", tfqn)
        columns = []
        for c in cols:
            cname = c["name"] if isinstance(c, dict) else c
            columns.append({"name": cname, "dataType": "STRING",
                            "fullyQualifiedName": tfqn + "." + fqn_part(cname)})
        sfqn = fqn(self.service, self.db_name, schema)
        self.tables[tid] = {
            "id": tid, "name": table, "fullyQualifiedName": tfqn, "columns": columns,
            "databaseSchema": {"id": entity_id("schema", sfqn), "type": "databaseSchema",
                               "fullyQualifiedName": sfqn},
            "database": {"id": entity_id("database", dbfqn), "type": "database",
                         "fullyQualifiedName": dbfqn}}
        self.by_fqn[tfqn] = tid
        self.schemas.setdefault(sfqn, []).append(tid)

    def count(self, key):
        with self.lock:
            self.stats[key] += 1


STATE = None


def reply(handler, status, body=None, content_type="application/json"):
    data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    return send(handler, status, data, content_type)


def error(handler, status, message):
    return reply(handler, status, {"code": status, "message": message})


class Handler(QuietHandler):
    def do_GET(self):
        self.handle_any("GET")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        raw = self.read_body()
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if url.path.startswith("/_fake/"):
            return self.fake_control(method, url.path, raw)
        body = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                return self.record(method, url.path, raw.decode("utf-8", "replace"),
                                   error(self, 400, "body is not JSON"))
        want = STATE.args.jwt
        if want and self.headers.get("Authorization") != "Bearer " + want:
            STATE.count("unauthorized")
            return self.record(method, url.path, body,
                               error(self, 401, "missing or invalid bearer token"))
        if method != "GET":
            with STATE.lock:
                r = STATE.rng.random()
            inj = STATE.inject
            if r < inj["drop_rate"]:
                STATE.count("dropped")
                self.record(method, url.path, body, 0)
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return None
            r -= inj["drop_rate"]
            if r < inj["fail_rate"]:
                STATE.count("injected_503")
                return self.record(method, url.path, body,
                                   error(self, 503, "injected: service unavailable"))
            r -= inj["fail_rate"]
            if r < inj["throttle_rate"]:
                STATE.count("injected_429")
                return self.record(method, url.path, body, error(self, 429, "injected: slow down"))
        if not url.path.startswith("/api/v1/"):
            return self.record(method, url.path, body, error(self, 404, "no such endpoint"))
        parts = [urllib.parse.unquote(p) for p in url.path[len("/api/v1/"):].split("/")]
        try:
            status = self.route(method, parts, query, body)
        except BadRequest as e:
            if e.schema:
                STATE.count("schema_errors")
            status = error(self, 400, str(e))
        return self.record(method, url.path, body, status)

    def record(self, method, path, body, status):
        with STATE.lock:
            STATE.stats["requests"] += 1
            if method != "GET" or STATE.args.record_gets:
                STATE.received.append({"method": method, "path": path, "body": body,
                                       "status": status})
        return status

    def validate(self, schema, body, pointer=None):
        if STATE.args.no_validate:
            return
        errs = STATE.validators.errors(schema, body, pointer)
        if errs:
            raise BadRequest("%s: %s" % (schema, "; ".join(errs)), schema=True)

    # ---- routing ----------------------------------------------------------------------
    def route(self, method, p, q, body):
        if method == "GET" and p == ["system", "version"]:
            return reply(self, 200, {"version": "1.13.0", "revision": "fake"})
        if p[0] == "tables":
            return self.tables(method, p[1:], q, body)
        if p[0] == "lineage":
            return self.lineage(method, p[1:], q, body)
        if p[0] == "usage":
            return self.usage(method, p[1:], q, body)
        if p[0] == "queries":
            return self.queries(method, p[1:], q, body)
        if method == "GET" and p == ["databases"]:
            dbfqn = fqn(STATE.service, STATE.db_name)
            data = [{"id": entity_id("database", dbfqn), "name": STATE.db_name,
                     "fullyQualifiedName": dbfqn}] if q.get("service") == STATE.service else []
            return reply(self, 200, {"data": data, "paging": {"total": len(data)}})
        return error(self, 404, "no such endpoint")

    def tables(self, method, p, q, body):
        if method == "GET" and not p:
            limit = int(q.get("limit", "10"))
            if "databaseSchema" in q:
                ids = STATE.schemas.get(q["databaseSchema"])
                if ids is None:
                    return error(self, 404, "databaseSchema instance for %s not found"
                                 % q["databaseSchema"])
            elif "database" in q:
                ids = [i for s, l in sorted(STATE.schemas.items())
                       if s.startswith(q["database"] + ".") for i in l]
            else:
                ids = sorted(STATE.tables)
            start = int(q.get("after") or 0)
            page = [self.table_json(i, q) for i in ids[start:start + limit]]
            paging = {"total": len(ids)}
            if start + limit < len(ids):
                paging["after"] = str(start + limit)
            return reply(self, 200, {"data": page, "paging": paging})
        if method == "GET" and len(p) == 2 and p[0] == "name":
            tid = STATE.by_fqn.get(p[1])
            if tid is None:
                return error(self, 404, "table instance for %s not found" % p[1])
            return reply(self, 200, self.table_json(tid, q))
        if len(p) >= 1 and p[0] in STATE.tables:
            tid = p[0]
            if method == "GET" and len(p) == 1:
                return reply(self, 200, self.table_json(tid, q))
            if method == "PUT" and p[1:] == ["joins"]:
                return self.put_joins(tid, body)
        if len(p) >= 1 and method != "GET":
            return error(self, 404, "table instance for %s not found" % p[0])
        return error(self, 404, "no such endpoint")

    def table_json(self, tid, q):
        t = dict(STATE.tables[tid])
        fields = q.get("fields", "")
        if "columns" not in fields:
            t.pop("columns")
        if "joins" in fields:
            with STATE.lock:
                t["joins"] = self.joins_of(t["fullyQualifiedName"])
        return t

    def joins_of(self, tfqn):
        direct = {}
        for (pair, _day), n in STATE.joins.items():
            if tfqn in pair:
                other = next(iter(pair - {tfqn}), tfqn)
                direct[other] = direct.get(other, 0) + n
        cols = {}
        for (pair, _day), n in STATE.column_joins.items():
            for c in pair:
                if c.startswith(tfqn + ".") and c.count(".") == tfqn.count(".") + 1:
                    other = next(iter(pair - {c}), c)
                    local = c[len(tfqn) + 1:]
                    cols.setdefault(local, {})
                    cols[local][other] = cols[local].get(other, 0) + n
        return {"dayCount": 30,
                "directTableJoins": [{"fullyQualifiedName": k, "joinCount": v}
                                     for k, v in sorted(direct.items())],
                "columnJoins": [{"columnName": c, "joinedWith": [
                    {"fullyQualifiedName": k, "joinCount": v} for k, v in sorted(o.items())]}
                    for c, o in sorted(cols.items())]}

    def column_fqns(self):
        out = set()
        for t in STATE.tables.values():
            for c in t["columns"]:
                out.add(c["fullyQualifiedName"])
        return out

    def put_joins(self, tid, body):
        self.validate("table.json", body, "/definitions/tableJoins")
        day = date.fromisoformat(body["startDate"])
        if not (STATE.today - timedelta(days=29) <= day <= STATE.today):
            raise BadRequest("Date range can only include past 30 days starting today")
        t = STATE.tables[tid]
        tfqn = t["fullyQualifiedName"]
        local = {c["name"] for c in t["columns"]}
        cols = self.column_fqns()
        for cj in body.get("columnJoins", []):
            if cj.get("columnName") not in local:
                raise BadRequest("invalid column name %s" % cj.get("columnName"))
            for w in cj.get("joinedWith", []):
                if w["fullyQualifiedName"] not in cols:
                    raise BadRequest("invalid column %s" % w["fullyQualifiedName"])
        for w in body.get("directTableJoins", []):
            if w["fullyQualifiedName"] not in STATE.by_fqn:
                return error(self, 404, "table instance for %s not found"
                             % w["fullyQualifiedName"])
        d = body["startDate"]
        with STATE.lock:
            for cj in body.get("columnJoins", []):
                mine = tfqn + "." + fqn_part(cj["columnName"])
                for w in cj.get("joinedWith", []):
                    STATE.column_joins[(frozenset([mine, w["fullyQualifiedName"]]), d)] = \
                        w["joinCount"]
            for w in body.get("directTableJoins", []):
                STATE.joins[(frozenset([tfqn, w["fullyQualifiedName"]]), d)] = w["joinCount"]
        return reply(self, 200, self.table_json(tid, {"fields": "joins"}))

    # ---- lineage ------------------------------------------------------------------------
    def lineage(self, method, p, q, body):
        if method == "PUT" and not p:
            self.validate("addLineage.json", body)
            edge = body["edge"]
            f, t = edge["fromEntity"], edge["toEntity"]
            for ref in (f, t):
                if ref["type"] != "table" or ref["id"] not in STATE.tables:
                    return error(self, 404, "%s instance for %s not found"
                                 % (ref["type"], ref["id"]))
            details = dict(edge.get("lineageDetails") or {})
            details["columnsLineage"] = self.valid_columns(f["id"], t["id"],
                                                           details.get("columnsLineage", []))
            stored = {"fromEntity": {"id": f["id"], "type": "table"},
                      "toEntity": {"id": t["id"], "type": "table"},
                      "lineageDetails": details}
            with STATE.lock:
                STATE.edges[(f["id"], t["id"])] = stored
            return reply(self, 200)
        if method == "GET" and len(p) == 3 and p[0] == "getLineageEdge":
            with STATE.lock:
                e = STATE.edges.get((p[1], p[2]))
            if e is None:
                return error(self, 404, "lineage edge %s -> %s not found" % (p[1], p[2]))
            return reply(self, 200, {"edge": e})
        if method == "DELETE" and len(p) == 4 and p[0] == "table" and p[2] == "table":
            with STATE.lock:
                gone = STATE.edges.pop((p[1], p[3]), None)
            if gone is None:
                return error(self, 404, "lineage edge not found")
            return reply(self, 200)
        return error(self, 404, "no such endpoint")

    def valid_columns(self, from_id, to_id, columns):
        """As the server: drop toColumn/fromColumns that are not columns of the two tables."""
        def names(tid):
            t = STATE.tables[tid]
            return {c["fullyQualifiedName"] for c in t["columns"]}
        src, dst = names(from_id), names(to_id)
        out = []
        for c in columns:
            if c.get("toColumn") not in dst:
                continue
            c = dict(c)
            c["fromColumns"] = [x for x in c.get("fromColumns", []) if x in src]
            out.append(c)
        return out

    # ---- usage --------------------------------------------------------------------------
    def usage(self, method, p, q, body):
        if method == "POST" and len(p) == 3 and p[0] == "compute.percentile":
            date.fromisoformat(p[2])
            with STATE.lock:
                STATE.percentiles.append([p[1], p[2]])
            return reply(self, 201, {"entityType": p[1], "date": p[2]})
        if len(p) == 2 and p[0] == "table" and method in ("POST", "PUT"):
            self.validate("dailyCount.json", body)
            try:
                date.fromisoformat(body["date"])
            except ValueError:
                raise BadRequest("date: not an ISO date")
            tid = p[1]
            if tid not in STATE.tables:
                return error(self, 404, "table instance for %s not found" % tid)
            t = STATE.tables[tid]
            key = (tid, body["date"])
            n = body["count"]
            with STATE.lock:
                STATE.usage[key] = n if method == "POST" else STATE.usage.get(key, 0) + n
                sk = (t["databaseSchema"]["fullyQualifiedName"], body["date"])
                STATE.schema_usage[sk] = STATE.schema_usage.get(sk, 0) + n
                dk = (t["database"]["fullyQualifiedName"], body["date"])
                STATE.database_usage[dk] = STATE.database_usage.get(dk, 0) + n
            return reply(self, 201, {"entity": {"id": tid, "type": "table"},
                                     "usage": {"date": body["date"], "count": n}})
        if len(p) == 2 and p[0] == "table" and method == "GET":
            with STATE.lock:
                rows = sorted((d, c) for (i, d), c in STATE.usage.items() if i == p[1])
            return reply(self, 200, {"entity": {"id": p[1], "type": "table"},
                                     "usage": [{"date": d, "dailyStats": {"count": c}}
                                               for d, c in rows]})
        return error(self, 404, "no such endpoint")

    # ---- queries ------------------------------------------------------------------------
    def queries(self, method, p, q, body):
        if method in ("PUT", "POST") and not p:
            self.validate("createQuery.json", body)
            if body["service"] != STATE.service:
                return error(self, 404, "databaseService instance for %s not found"
                             % body["service"])
            refs = (body.get("queryUsedIn") or [])
            for r in refs:
                if r["type"] == "table" and r["id"] not in STATE.tables:
                    return error(self, 404, "table instance for %s not found" % r["id"])
            if body.get("users"):
                return error(self, 404, "user instance for %s not found" % body["users"][0])
            checksum = hashlib.md5(body["query"].encode()).hexdigest()
            with STATE.lock:
                existing = STATE.queries.get(checksum)
                if existing and (method == "POST" or STATE.inject["query_put_conflict"]):
                    return error(self, 409, "Entity already exists")
                entity = {"id": existing["id"] if existing else entity_id("query", checksum),
                          "name": checksum, "checksum": checksum,
                          "fullyQualifiedName": STATE.service + "." + checksum,
                          "query": body["query"], "service": STATE.service,
                          "duration": body.get("duration"), "queryDate": body.get("queryDate"),
                          # PUT replaces the relations with what it is sent (issue #23434).
                          "queryUsedIn": sorted({r["id"] for r in refs}),
                          "usedBy": sorted(set(body.get("usedBy") or []))}
                STATE.queries[checksum] = entity
            return reply(self, 200 if existing else 201, self.query_json(entity))
        if method == "GET" and len(p) == 2 and p[0] == "name":
            with STATE.lock:
                e = next((e for e in STATE.queries.values() if e["fullyQualifiedName"] == p[1]),
                         None)
            if e is None:
                return error(self, 404, "query instance for %s not found" % p[1])
            return reply(self, 200, self.query_json(e))
        if method == "PUT" and len(p) == 2 and p[1] in ("usage", "usedBy", "users"):
            with STATE.lock:
                e = next((e for e in STATE.queries.values() if e["id"] == p[0]), None)
            if e is None:
                return error(self, 404, "query instance for %s not found" % p[0])
            if not isinstance(body, list):
                raise BadRequest("expected a list")
            if p[1] == "usage":
                for r in body:
                    self.validate("entityReference.json", r)
                    if r["id"] not in STATE.tables:
                        return error(self, 404, "table instance for %s not found" % r["id"])
                with STATE.lock:
                    e["queryUsedIn"] = sorted(set(e["queryUsedIn"]) | {r["id"] for r in body})
            elif p[1] == "usedBy":
                if not all(isinstance(x, str) for x in body):
                    raise BadRequest("usedBy: expected strings")
                with STATE.lock:
                    e["usedBy"] = sorted(set(e["usedBy"]) | set(body))
            else:
                if body:
                    return error(self, 404, "user instance for %s not found" % body[0])
            return reply(self, 200, self.query_json(e))
        return error(self, 404, "no such endpoint")

    def query_json(self, e):
        out = dict(e)
        out["queryUsedIn"] = [{"id": i, "type": "table"} for i in e["queryUsedIn"]]
        return out

    # ---- control ------------------------------------------------------------------------
    def fake_control(self, method, path, raw):
        if method == "GET" and path == "/_fake/received":
            with STATE.lock:
                return reply(self, 200, STATE.received)
        if method == "GET" and path == "/_fake/stats":
            with STATE.lock:
                return reply(self, 200, STATE.stats)
        if method == "GET" and path == "/_fake/state":
            with STATE.lock:
                return reply(self, 200, self.dump())
        if method == "POST" and path == "/_fake/config":
            with STATE.lock:
                STATE.inject.update(json.loads(raw or b"{}"))
            return reply(self, 200, {})
        if method == "POST" and path == "/_fake/seed_edge":
            # {"from": tableFQN, "to": tableFQN, "lineageDetails": {...}}: an edge someone
            # else wrote earlier.
            req = json.loads(raw)
            f, t = STATE.by_fqn[req["from"]], STATE.by_fqn[req["to"]]
            with STATE.lock:
                STATE.edges[(f, t)] = {"fromEntity": {"id": f, "type": "table"},
                                       "toEntity": {"id": t, "type": "table"},
                                       "lineageDetails": req.get("lineageDetails", {})}
            return reply(self, 200, {})
        return error(self, 404, "no such control endpoint")

    def dump(self):
        name = {i: t["fullyQualifiedName"] for i, t in STATE.tables.items()}
        return {
            "edges": [{"from": name[f], "to": name[t], "lineageDetails": e["lineageDetails"]}
                      for (f, t), e in sorted(STATE.edges.items(),
                                              key=lambda kv: (name[kv[0][0]], name[kv[0][1]]))],
            "usage": [{"table": name[i], "date": d, "count": c}
                      for (i, d), c in sorted(STATE.usage.items(),
                                              key=lambda kv: (kv[0][1], name[kv[0][0]]))],
            "schema_usage": [{"schema": s, "date": d, "count": c}
                             for (s, d), c in sorted(STATE.schema_usage.items())],
            "database_usage": [{"database": s, "date": d, "count": c}
                               for (s, d), c in sorted(STATE.database_usage.items())],
            "joins": [{"tables": sorted(pair), "date": d, "count": c}
                      for (pair, d), c in sorted(STATE.joins.items(),
                                                 key=lambda kv: (sorted(kv[0][0]), kv[0][1]))],
            "column_joins": [{"columns": sorted(pair), "date": d, "count": c}
                             for (pair, d), c in sorted(
                                 STATE.column_joins.items(),
                                 key=lambda kv: (sorted(kv[0][0]), kv[0][1]))],
            "queries": [{"checksum": k, "query": e["query"],
                         "tables": sorted(name[i] for i in e["queryUsedIn"]),
                         "usedBy": e["usedBy"], "duration": e["duration"],
                         "queryDate": e["queryDate"]}
                        for k, e in sorted(STATE.queries.items())],
            "percentiles": sorted(STATE.percentiles),
        }


class BadRequest(Exception):
    def __init__(self, message, schema=False):
        super().__init__(message)
        self.schema = schema


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--schemas", default=os.path.join(here, "../../../shared/schemas/openmetadata"),
                    help="directory of OpenMetadata's JSON schemas")
    ap.add_argument("--schema", help="tables: athena-lineage --schema JSON")
    ap.add_argument("--service", default="athena_prod")
    ap.add_argument("--database", default="default")
    ap.add_argument("--drop-table", action="append", default=[],
                    help="schema.table of --schema that OpenMetadata does not know")
    ap.add_argument("--table", action="append", default=[],
                    help="SCHEMA|TABLE|COL,COL: a table whose names may contain dots")
    ap.add_argument("--jwt", default="", help="the bearer token required ('' = no-auth)")
    ap.add_argument("--today", default="", help="the server's UTC date (joins window)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fail-rate", type=float, default=0, help="share of writes answered 503")
    ap.add_argument("--throttle-rate", type=float, default=0, help="share answered 429")
    ap.add_argument("--drop-rate", type=float, default=0, help="share dropped without reply")
    ap.add_argument("--query-put-conflict", action="store_true",
                    help="PUT /v1/queries answers 409 for an existing query (issue #32030)")
    ap.add_argument("--no-validate", action="store_true",
                    help="skip JSON-schema validation (benchmarks of the client side only)")
    ap.add_argument("--record-gets", action="store_true", help="record GETs in /_fake/received")
    args = ap.parse_args()
    if not os.path.isdir(args.schemas):
        print("NOSCHEMAS %s is not a directory" % args.schemas, flush=True)
        return 3
    global STATE
    STATE = State(args)
    serve(make_server(args.port, Handler))
    return 0


if __name__ == "__main__":
    sys.exit(main())
