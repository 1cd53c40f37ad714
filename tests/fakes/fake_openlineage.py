#!/usr/bin/env python3
"""A fake OpenLineage consumer (Marquez's POST /api/v1/lineage) for the tests: loopback only,
multi-threaded, HTTP/1.1 keep-alive.

Every POSTed body must be a RunEvent valid against OpenLineage's JSON schema (`--schemas DIR`:
OpenLineage.json and facets/*.json, resolved locally by their `$id`s, draft 2020-12 with format
checks); every facet under run.facets, job.facets, inputs[]/outputs[] facets, inputFacets and
outputFacets is validated against the facet file that defines its key. Needs Python's
`jsonschema` (prints NOJSONSCHEMA and exits 3 when missing, or NOSCHEMAS when the directory is).

Every request must carry `Authorization: Bearer <--api-key>` (401 otherwise; no check when the
key is empty). Faults: --fail-rate (HTTP 503 before looking at the body); --hang-after N: from
the (N+1)th accepted event on, the event is recorded but the reply is held back until
POST /_fake/config {"hang_after": null} (a reply lost to a crash). Events are deduplicated as
consumers do, by (runId, eventType, eventTime); a duplicate with other bytes is counted as a
conflict. GET /_fake/events lists the accepted events (first copy of each), GET /_fake/stats the
counters. Start with --port 0; the first line is "PORT <n>".
"""

import argparse
import json
import os
import random
import sys
import threading
import time

from fake_http import QuietHandler, make_server, send, serve

try:
    import jsonschema
    import referencing
except ImportError:  # pragma: no cover - reported to the test, which skips
    print("NOJSONSCHEMA python3-jsonschema is not installed", flush=True)
    sys.exit(3)

MAIN_ID = "https://openlineage.io/spec/2-0-2/OpenLineage.json"


class Validators:
    """The RunEvent validator and one validator per facet key, all resolving `$ref`s locally."""

    def __init__(self, directory):
        resources = []
        with open(os.path.join(directory, "OpenLineage.json")) as f:
            resources.append(json.load(f))
        facet_dir = os.path.join(directory, "facets")
        for name in sorted(os.listdir(facet_dir)):
            if name.endswith(".json"):
                with open(os.path.join(facet_dir, name)) as f:
                    resources.append(json.load(f))
        registry = referencing.Registry().with_resources(
            (r["$id"], referencing.Resource.from_contents(r)) for r in resources)
        checker = jsonschema.Draft202012Validator.FORMAT_CHECKER

        def make(schema):
            return jsonschema.Draft202012Validator(schema, registry=registry,
                                                   format_checker=checker)

        self.event = make({"$ref": MAIN_ID + "#/$defs/RunEvent"})
        self.facets = {}  # facet key -> validator of {key: facet}
        for r in resources[1:]:
            for key in r.get("properties", {}):
                self.facets[key] = make(r)

    def errors(self, event):
        out = ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(event)", e.message)
               for e in self.event.iter_errors(event)]
        if out or not isinstance(event, dict):
            return out
        groups = [("run.facets", event.get("run", {}).get("facets")),
                  ("job.facets", event.get("job", {}).get("facets"))]
        for side in ("inputs", "outputs"):
            for i, d in enumerate(event.get(side) or []):
                for sub in ("facets", "inputFacets", "outputFacets"):
                    groups.append(("%s/%d/%s" % (side, i, sub), d.get(sub)))
        for where, facets in groups:
            for key, facet in (facets or {}).items():
                v = self.facets.get(key)
                if v is None:
                    out.append("%s/%s: no facet schema defines this key" % (where, key))
                    continue
                out.extend("%s/%s: %s" % (where, "/".join(str(p) for p in e.absolute_path),
                                          e.message)
                           for e in v.iter_errors({key: facet}))
        return out


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.released = threading.Condition(self.lock)
        self.rng = random.Random(args.seed)
        self.api_key = args.api_key
        self.fail_rate = args.fail_rate
        self.hang_after = args.hang_after
        self.validators = Validators(args.schemas)
        self.events = {}  # (runId, eventType, eventTime) -> raw body
        self.order = []   # keys in first-arrival order
        self.paths = set()
        self.stats = {"requests": 0, "accepted": 0, "duplicates": 0, "conflicting_duplicates": 0,
                      "schema_errors": 0, "unauthorized": 0, "injected_503": 0, "held": 0}
        self.errors = []


class Handler(QuietHandler):
    state = None

    def reply(self, status, obj):
        try:
            return send(self, status, json.dumps(obj).encode(), "application/json")
        except (BrokenPipeError, ConnectionResetError):
            # The client is gone (killed while its reply was held): nothing to answer.
            self.close_connection = True
            return status

    def do_GET(self):
        st = self.state
        with st.lock:
            if self.path == "/_fake/stats":
                out = dict(st.stats)
                out["unique"] = len(st.events)
                out["errors"] = st.errors[:20]
                out["paths"] = sorted(st.paths)
                return self.reply(200, out)
            if self.path == "/_fake/events":
                return self.reply(200, [json.loads(st.events[k]) for k in st.order])
        return self.reply(404, {"message": "no such path"})

    def do_POST(self):
        st = self.state
        body = self.read_body()
        if self.path == "/_fake/config":
            conf = json.loads(body or b"{}")
            with st.lock:
                if "fail_rate" in conf:
                    st.fail_rate = conf["fail_rate"]
                if "hang_after" in conf:
                    st.hang_after = conf["hang_after"]
                    st.released.notify_all()
            return self.reply(200, {})
        with st.lock:
            st.stats["requests"] += 1
            st.paths.add(self.path)
            if st.api_key and self.headers.get("Authorization") != "Bearer " + st.api_key:
                st.stats["unauthorized"] += 1
                return self.reply(401, {"message": "unauthorized"})
            if st.fail_rate and st.rng.random() < st.fail_rate:
                st.stats["injected_503"] += 1
                return self.reply(503, {"message": "injected"})
        try:
            event = json.loads(body)
            errors = st.validators.errors(event)
        except ValueError as e:
            event, errors = None, ["body is not JSON: %s" % e]
        with st.lock:
            if errors:
                st.stats["schema_errors"] += 1
                st.errors.extend(errors[:5])
                return self.reply(422, {"message": "; ".join(errors[:3])})
            key = (event["run"]["runId"], event["eventType"], event["eventTime"])
            if key in st.events:
                st.stats["duplicates"] += 1
                if st.events[key] != body:
                    st.stats["conflicting_duplicates"] += 1
            else:
                st.events[key] = body
                st.order.append(key)
            st.stats["accepted"] += 1
            if st.hang_after is not None and st.stats["accepted"] > st.hang_after:
                st.stats["held"] += 1
                while st.hang_after is not None and st.stats["accepted"] > st.hang_after:
                    st.released.wait(0.2)
        return self.reply(201, {})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--api-key", default="")
    ap.add_argument("--fail-rate", type=float, default=0.0)
    ap.add_argument("--hang-after", type=int, default=None)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.schemas, "OpenLineage.json")):
        print("NOSCHEMAS %s has no OpenLineage.json" % args.schemas, flush=True)
        sys.exit(3)
    Handler.state = State(args)
    serve(make_server(args.port, Handler))


if __name__ == "__main__":
    time.tzset()
    main()
