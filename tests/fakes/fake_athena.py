#!/usr/bin/env python3
"""A fake Amazon Athena for the tests: loopback only, multi-threaded, HTTP/1.1 keep-alive.

Speaks AWS JSON 1.1 (routing on X-Amz-Target) and verifies every request's SigV4 signature.
Pages ListQueryExecutions newest first with NextToken, returns UnprocessedQueryExecutionIds on
demand, and injects throttling, 500s, slow responses and dropped connections. The same server
answers STS (AssumeRole, AssumeRoleWithWebIdentity), IMDSv2 and container-credential requests,
so a test can run every credential provider against it.

Start with --port 0; the first line on stdout is "PORT <n>". GET /_fake/stats returns counters
as JSON; POST /_fake/config with a JSON object changes the injection settings at run time. With
--record-bodies, GET /_fake/requests lists every JSON 1.1 request as "target body", as sent.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import signal
import secrets
import socket
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

from fake_http import QuietHandler, make_server, send, serve
from fake_history import generate_history, load_history
from fake_sigv4 import verify_sigv4


class TokenBucket:
    """Server-side quota: `rate` calls per second with bursts up to `burst`."""

    def __init__(self, rate, burst):
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def take(self):
        if self.rate <= 0:
            return True
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.args = args
        self.rng = random.Random(args.seed)
        self.keys = {}  # access key id -> (secret, token or None, expiration or None)
        for spec in args.key:
            parts = spec.split(":", 2)  # ACCESSKEY:SECRET[:SESSIONTOKEN]
            self.keys[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else None, None)
        self.catalog_tables = load_schema(args.schema) if args.schema else None
        self.stats = {"requests": {}, "signature_failures": 0, "throttled": 0,
                      "injected_500": 0, "dropped": 0, "slow": 0, "unprocessed": 0,
                      "quota_throttled": 0, "sts": [], "imds": 0, "container": 0,
                      "batch_ids": 0, "max_batch": 0, "user_agents": [],
                      "regions": []}
        self.inject = {"throttle_rate": args.throttle_rate, "error_rate": args.error_rate,
                       "slow_rate": args.slow_rate, "slow_ms": args.slow_ms,
                       "drop_rate": args.drop_rate, "unprocessed_rate": args.unprocessed_rate,
                       "deny": list(args.deny), "fail": list(args.fail),
                       # Credential requests to fail before answering: {"sts": n, "imds": n,
                       # "container": n}; STS fails with sts_failure [status, code].
                       "fail_next": {}, "sts_failure": [500, "InternalFailure"]}
        self.quota = {"ListQueryExecutions": TokenBucket(args.quota_list, args.quota_list_burst),
                      "BatchGetQueryExecution": TokenBucket(args.quota_batch,
                                                            args.quota_batch_burst)}
        if args.history:
            records = load_history(args.history)
        else:
            records = generate_history(args.generate, args.workgroups, args.seed)
        self.by_id = {}
        self.by_wg = {}
        self.add_records(records)
        self.workgroups = sorted(self.by_wg) or ["primary"]
        if args.extra_workgroup:
            self.workgroups += args.extra_workgroup
        self.unprocessed_once = set()
        self.bodies = []  # "X-Amz-Target body" of every JSON 1.1 request (--record-bodies)

    def add_records(self, records):
        """Adds executions, or replaces those whose id is known (a RUNNING one finishing)."""
        touched = set()
        for rec in records:
            qid = rec["QueryExecutionId"]
            wg = rec.get("WorkGroup", "primary")
            if qid not in self.by_id:
                sub = rec.get("Status", {}).get("SubmissionDateTime", 0)
                self.by_wg.setdefault(wg, []).append((sub, qid))
                touched.add(wg)
            self.by_id[qid] = json.dumps(rec, separators=(",", ":"))
        for wg in touched:
            self.by_wg[wg].sort(key=lambda t: (-t[0], t[1]))  # newest first

    def issue(self, duration):
        ak = "ASIAFAKE%012d" % len(self.keys)
        sk = secrets.token_urlsafe(30)
        tok = "FAKETOKEN" + secrets.token_urlsafe(60)
        exp = datetime.now(timezone.utc) + timedelta(seconds=duration)
        with self.lock:
            self.keys[ak] = (sk, tok, exp)
        return ak, sk, tok, exp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def count(self, key, n=1):
        with self.lock:
            self.stats[key] += n

    def take_failure(self, kind):
        """True (and one fewer left) while requests of `kind` are set to fail."""
        with self.lock:
            left = self.inject["fail_next"].get(kind, 0)
            if left <= 0:
                return False
            self.inject["fail_next"][kind] = left - 1
            return True


STATE = None


def load_schema(path):
    """An athena-lineage --schema file as {database: [TableMetadata, ...]} of AwsDataCatalog."""
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for name, columns in doc.items():
        parts = name.split(".")
        if len(parts) == 3 and parts[0].lower() != "awsdatacatalog":
            continue
        database, table = parts[-2], parts[-1]
        cols = [{"Name": c, "Type": "string"} if isinstance(c, str)
                else {"Name": c["name"], "Type": c.get("type", "string")} for c in columns]
        out.setdefault(database, []).append({"Name": table, "TableType": "EXTERNAL_TABLE",
                                             "Columns": cols})
    return out


def json_reply(handler, status, body, content_type="application/x-amz-json-1.1"):
    data = body if isinstance(body, bytes) else body.encode()
    send(handler, status, data, content_type, [("x-amzn-RequestId", secrets.token_hex(8))])


def aws_error(handler, status, code, message, lower=False):
    json_reply(handler, status, json.dumps({"__type": code,
                                             ("message" if lower else "Message"): message}))


def encode_token(wg, offset):
    return base64.b64encode(("%s\n%d" % (wg, offset)).encode()).decode()


def decode_token(token):
    try:
        wg, off = base64.b64decode(token.encode()).decode().split("\n")
        return wg, int(off)
    except Exception:  # noqa: BLE001 - any malformed token is the client's error
        return None, None


class Handler(QuietHandler):
    # ---- IMDS and container credentials -------------------------------------------------
    def do_PUT(self):
        self.read_body()
        if self.path == "/latest/api/token":
            STATE.count("imds")
            if STATE.take_failure("imds"):
                return json_reply(self, 500, "injected failure", "text/plain")
            if not self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
                return json_reply(self, 400, "missing ttl", "text/plain")
            return json_reply(self, 200, "IMDSTOKEN-" + secrets.token_hex(8), "text/plain")
        json_reply(self, 404, "not found", "text/plain")

    def do_GET(self):
        if self.path == "/_fake/stats":
            with STATE.lock:
                return json_reply(self, 200, json.dumps(STATE.stats), "application/json")
        if self.path == "/_fake/requests":
            with STATE.lock:
                return json_reply(self, 200, json.dumps(STATE.bodies), "application/json")
        if self.path.startswith("/latest/meta-data/iam/security-credentials/"):
            STATE.count("imds")
            if STATE.take_failure("imds"):
                return json_reply(self, 500, "injected failure", "text/plain")
            if not self.headers.get("x-aws-ec2-metadata-token", "").startswith("IMDSTOKEN-"):
                return json_reply(self, 401, "token required", "text/plain")
            role = self.path[len("/latest/meta-data/iam/security-credentials/"):]
            if not role:
                return json_reply(self, 200, "FakeInstanceRole", "text/plain")
            if role != "FakeInstanceRole":
                return json_reply(self, 404, "no such role", "text/plain")
            ak, sk, tok, exp = STATE.issue(STATE.args.sts_duration)
            return json_reply(self, 200, json.dumps({
                "Code": "Success", "LastUpdated": exp, "Type": "AWS-HMAC", "AccessKeyId": ak,
                "SecretAccessKey": sk, "Token": tok, "Expiration": exp}), "text/plain")
        if self.path.startswith("/creds"):
            STATE.count("container")
            if STATE.take_failure("container"):
                return json_reply(self, 500, "injected failure", "text/plain")
            want = STATE.args.container_token
            if want and self.headers.get("Authorization") != want:
                return json_reply(self, 403, "bad authorization", "text/plain")
            ak, sk, tok, exp = STATE.issue(STATE.args.sts_duration)
            return json_reply(self, 200, json.dumps({
                "AccessKeyId": ak, "SecretAccessKey": sk, "Token": tok, "Expiration": exp}),
                "application/json")
        json_reply(self, 404, "not found", "text/plain")

    # ---- Athena (JSON 1.1) and STS (Query) ----------------------------------------------
    def do_POST(self):
        body = self.read_body()
        if self.path == "/_fake/add":
            with STATE.lock:
                STATE.add_records(json.loads(body)["QueryExecutions"])
                STATE.workgroups = sorted(set(STATE.workgroups) | set(STATE.by_wg))
            return json_reply(self, 200, "{}", "application/json")
        if self.path == "/_fake/config":
            with STATE.lock:
                STATE.inject.update(json.loads(body or b"{}"))
            return json_reply(self, 200, "{}", "application/json")
        ctype = self.headers.get("Content-Type", "")
        if ctype.startswith("application/x-www-form-urlencoded"):
            return self.sts(body)
        target = self.headers.get("X-Amz-Target", "")
        if STATE.args.record_bodies and target:
            with STATE.lock:
                STATE.bodies.append(target + " " + body.decode("utf-8", "replace"))
        if target.startswith("AWSGlue."):
            return self.glue(target[len("AWSGlue."):], body)
        if not target.startswith("AmazonAthena."):
            return aws_error(self, 400, "UnknownOperationException", "no X-Amz-Target")
        op = target[len("AmazonAthena."):]
        with STATE.lock:
            STATE.stats["requests"][op] = STATE.stats["requests"].get(op, 0) + 1
            ua = self.headers.get("User-Agent", "")
            if ua and ua not in STATE.stats["user_agents"]:
                STATE.stats["user_agents"].append(ua)
            # The region of the signature's credential scope, as the client chose it.
            scope = self.headers.get("Authorization", "").split("Credential=", 1)[-1].split("/")
            if len(scope) > 2 and scope[2] not in STATE.stats["regions"]:
                STATE.stats["regions"].append(scope[2])
        err = self.check_signature(body, "athena")
        if err:
            STATE.count("signature_failures")
            return aws_error(self, 403, err[0], err[1])
        inj = STATE.inject
        if op in inj["deny"]:
            return aws_error(self, 400, "AccessDeniedException",
                             "User is not authorized to perform: athena:%s" % op)
        if op in inj["fail"]:
            # An operation refused as a whole (an implementation without it, a gateway).
            return json_reply(self, 500, "<html><title>500 Internal Server Error</title></html>",
                              "text/html")
        bucket = STATE.quota.get(op)
        if bucket is not None and not bucket.take():
            STATE.count("quota_throttled")
            return aws_error(self, 400, "ThrottlingException", "Rate exceeded", lower=True)
        with STATE.lock:
            r = STATE.rng.random()
        if r < inj["drop_rate"]:
            STATE.count("dropped")
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return None
        r -= inj["drop_rate"]
        if r < inj["throttle_rate"]:
            STATE.count("throttled")
            return aws_error(self, 400, "ThrottlingException", "Rate exceeded", lower=True)
        r -= inj["throttle_rate"]
        if r < inj["error_rate"]:
            STATE.count("injected_500")
            return aws_error(self, 500, "InternalServerException", "injected failure")
        r -= inj["error_rate"]
        if r < inj["slow_rate"]:
            STATE.count("slow")
            time.sleep(inj["slow_ms"] / 1000.0)
        try:
            req = json.loads(body or b"{}")
        except ValueError:
            return aws_error(self, 400, "SerializationException", "body is not JSON")
        handler = getattr(self, "op_" + op, None)
        if handler is None:
            return aws_error(self, 400, "UnknownOperationException", op)
        return handler(req)

    def check_signature(self, body, service):
        return verify_sigv4(self.command, self.path, self.headers, body, service, STATE)

    def op_ListWorkGroups(self, req):
        groups = [{"Name": wg, "State": "ENABLED", "Description": "",
                   "CreationTime": 1700000000.0,
                   "EngineVersion": {"SelectedEngineVersion": "AUTO",
                                     "EffectiveEngineVersion": "Athena engine version 3"}}
                  for wg in STATE.workgroups]
        if STATE.args.disabled_workgroup:
            groups.append({"Name": STATE.args.disabled_workgroup, "State": "DISABLED"})
        json_reply(self, 200, json.dumps({"WorkGroups": groups}))

    def op_ListQueryExecutions(self, req):
        wg = req.get("WorkGroup", "primary")
        size = req.get("MaxResults", 50)
        if not isinstance(size, int) or size < 0 or size > 50:
            return aws_error(self, 400, "InvalidRequestException", "MaxResults out of range")
        if wg not in STATE.workgroups:
            return aws_error(self, 400, "InvalidRequestException",
                             "WorkGroup %s is not found." % wg)
        offset = 0
        if "NextToken" in req:
            tok_wg, offset = decode_token(req["NextToken"])
            if tok_wg != wg:
                return aws_error(self, 400, "InvalidRequestException", "invalid NextToken")
        items = STATE.by_wg.get(wg, [])
        page = [qid for _, qid in items[offset:offset + size]]
        out = {"QueryExecutionIds": page}
        if offset + size < len(items):
            out["NextToken"] = encode_token(wg, offset + size)
        json_reply(self, 200, json.dumps(out))

    def op_BatchGetQueryExecution(self, req):
        ids = req.get("QueryExecutionIds")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 50:
            return aws_error(self, 400, "InvalidRequestException",
                             "QueryExecutionIds must hold 1..50 ids")
        found, unprocessed = [], []
        rate = STATE.inject["unprocessed_rate"]
        with STATE.lock:
            STATE.stats["batch_ids"] += len(ids)
            STATE.stats["max_batch"] = max(STATE.stats["max_batch"], len(ids))
            for qid in ids:
                rec = STATE.by_id.get(qid)
                if rec is None:
                    unprocessed.append({"QueryExecutionId": qid, "ErrorCode": "INVALID_INPUT",
                                        "ErrorMessage": "QueryExecution %s was not found" % qid})
                elif rate > 0 and qid not in STATE.unprocessed_once and STATE.rng.random() < rate:
                    STATE.unprocessed_once.add(qid)
                    STATE.stats["unprocessed"] += 1
                    unprocessed.append({"QueryExecutionId": qid, "ErrorCode": "INTERNAL_ERROR",
                                        "ErrorMessage": "try again"})
                else:
                    found.append(rec)
        text = ('{"QueryExecutions":[' + ",".join(found) + '],"UnprocessedQueryExecutionIds":'
                + json.dumps(unprocessed) + "}")
        json_reply(self, 200, text)

    def op_GetQueryExecution(self, req):
        rec = STATE.by_id.get(req.get("QueryExecutionId", ""))
        if rec is None:
            return aws_error(self, 400, "InvalidRequestException", "QueryExecution not found")
        json_reply(self, 200, '{"QueryExecution":' + rec + "}")

    def op_ListDataCatalogs(self, req):
        catalogs = [{"CatalogName": "AwsDataCatalog", "Type": "GLUE"}]
        catalogs += [{"CatalogName": c, "Type": "LAMBDA"} for c in STATE.args.lambda_catalog]
        json_reply(self, 200, json.dumps({"DataCatalogsSummary": catalogs}))

    def op_ListDatabases(self, req):
        if req.get("CatalogName") is None:
            return aws_error(self, 400, "InvalidRequestException", "CatalogName is required")
        names = ["sales", "web"]
        if STATE.catalog_tables is not None:
            names = sorted(STATE.catalog_tables)
        json_reply(self, 200, json.dumps({"DatabaseList": [{"Name": n} for n in names]}))

    @staticmethod
    def tables_of(db):
        tables = [{"Name": "%s_t%d" % (db, i), "TableType": "EXTERNAL_TABLE",
                   "Columns": [{"Name": "id", "Type": "bigint"}, {"Name": "v", "Type": "string"}],
                   "PartitionKeys": [{"Name": "dt", "Type": "string"}]} for i in range(3)]
        if STATE.catalog_tables is not None:
            tables = STATE.catalog_tables.get(db, [])
        return tables

    def glue(self, op, body):
        """Glue's GetDatabases / GetTables over the same tables (the account's catalog);
        `--deny glue:OP` refuses one."""
        with STATE.lock:
            key = "glue:" + op
            STATE.stats["requests"][key] = STATE.stats["requests"].get(key, 0) + 1
        err = self.check_signature(body, "glue")
        if err:
            STATE.count("signature_failures")
            return aws_error(self, 403, err[0], err[1])
        if "glue:" + op in STATE.inject["deny"]:
            return aws_error(self, 400, "AccessDeniedException",
                             "User is not authorized to perform: glue:%s" % op)
        req = json.loads(body or b"{}")
        if op == "GetDatabases":
            names = sorted(STATE.catalog_tables) if STATE.catalog_tables is not None else [
                "sales", "web"]
            return json_reply(self, 200, json.dumps({"DatabaseList": [{"Name": n} for n in names]}))
        if op != "GetTables":
            return aws_error(self, 400, "UnknownOperationException", op)
        db = req.get("DatabaseName", "")
        tables = []
        for t in self.tables_of(db):
            g = {"Name": t["Name"], "TableType": t.get("TableType", "EXTERNAL_TABLE"),
                 "StorageDescriptor": {"Columns": t.get("Columns", []),
                                       "Location": "s3://fake-lake/%s/%s/" % (db, t["Name"])}}
            if t.get("PartitionKeys"):
                g["PartitionKeys"] = t["PartitionKeys"]
            tables.append(g)
        offset = int(req.get("NextToken", "0"))
        out = {"TableList": tables[offset:offset + 2]}
        if offset + 2 < len(tables):
            out["NextToken"] = str(offset + 2)
        json_reply(self, 200, json.dumps(out))

    def op_ListTableMetadata(self, req):
        db = req.get("DatabaseName", "")
        tables = self.tables_of(db)
        if req.get("CatalogName") in STATE.args.lambda_catalog:
            # Federated catalogs may describe tables without their columns.
            tables = [{"Name": t["Name"], "TableType": "EXTERNAL_TABLE"} for t in tables]
        offset = int(req.get("NextToken", "0"))
        out = {"TableMetadataList": tables[offset:offset + 2]}
        if offset + 2 < len(tables):
            out["NextToken"] = str(offset + 2)
        json_reply(self, 200, json.dumps(out))

    def sts(self, body):
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode(),
                                                             keep_blank_values=True).items()}
        action = params.get("Action", "")
        with STATE.lock:
            STATE.stats["sts"].append({k: v for k, v in params.items()
                                       if k not in ("WebIdentityToken",)} |
                                      {"HasAuthorization": "Authorization" in self.headers,
                                       "WebIdentityToken": params.get("WebIdentityToken", "")})
        if STATE.take_failure("sts"):
            status, code = STATE.inject["sts_failure"]
            return self.sts_error(status, code, "injected failure")
        if action == "AssumeRole":
            err = self.check_signature(body, "sts")
            if err:
                STATE.count("signature_failures")
                return self.sts_error(403, "SignatureDoesNotMatch", err[1])
            if params.get("RoleArn", "").endswith(":role/Denied"):
                return self.sts_error(403, "AccessDenied", "not authorized to assume the role")
        elif action == "AssumeRoleWithWebIdentity":
            if not params.get("WebIdentityToken"):
                return self.sts_error(400, "InvalidIdentityToken", "empty token")
        else:
            return self.sts_error(400, "InvalidAction", "unknown action %s" % action)
        duration = int(params.get("DurationSeconds", STATE.args.sts_duration))
        ak, sk, tok, exp = STATE.issue(duration)
        xml = ("<{a}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{a}Result>"
               "<AssumedRoleUser><AssumedRoleId>AROAFAKE:{s}</AssumedRoleId><Arn>{r}</Arn>"
               "</AssumedRoleUser><Credentials><AccessKeyId>{ak}</AccessKeyId>"
               "<SecretAccessKey>{sk}</SecretAccessKey><SessionToken>{tok}</SessionToken>"
               "<Expiration>{exp}</Expiration></Credentials></{a}Result><ResponseMetadata>"
               "<RequestId>fake</RequestId></ResponseMetadata></{a}Response>").format(
            a=action, s=params.get("RoleSessionName", ""), r=params.get("RoleArn", ""),
            ak=ak, sk=sk, tok=tok, exp=exp)
        json_reply(self, 200, xml, "text/xml")

    def sts_error(self, status, code, message):
        xml = ("<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message>"
               "</Error><RequestId>fake</RequestId></ErrorResponse>" % (code, message))
        json_reply(self, status, xml, "text/xml")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--key", action="append", default=[],
                    help="ACCESSKEY:SECRET[:SESSIONTOKEN] accepted")
    ap.add_argument("--lambda-catalog", action="append", default=[],
                    help="an extra LAMBDA data catalog whose tables have no columns")
    ap.add_argument("--history", help="JSON {QueryExecutions:[...]} or JSONL file")
    ap.add_argument("--generate", type=int, default=0, help="generate N executions")
    ap.add_argument("--workgroups", type=int, default=1)
    ap.add_argument("--extra-workgroup", action="append", default=[])
    ap.add_argument("--disabled-workgroup", default="")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--schema", help="athena-lineage schema JSON: the tables ListTableMetadata "
                    "serves (default: three synthetic tables per database)")
    ap.add_argument("--throttle-rate", type=float, default=0)
    ap.add_argument("--error-rate", type=float, default=0)
    ap.add_argument("--slow-rate", type=float, default=0)
    ap.add_argument("--slow-ms", type=float, default=0)
    ap.add_argument("--drop-rate", type=float, default=0)
    ap.add_argument("--unprocessed-rate", type=float, default=0)
    ap.add_argument("--deny", action="append", default=[], help="operation to deny")
    ap.add_argument("--fail", action="append", default=[],
                    help="operation answered with an HTML 500 page, always")
    ap.add_argument("--quota-list", type=float, default=0)
    ap.add_argument("--quota-list-burst", type=float, default=10)
    ap.add_argument("--quota-batch", type=float, default=0)
    ap.add_argument("--quota-batch-burst", type=float, default=40)
    ap.add_argument("--record-bodies", action="store_true",
                    help="keep every JSON 1.1 request's target and body, exactly as sent, for "
                         "GET /_fake/requests")
    ap.add_argument("--sts-duration", type=int, default=3600)
    ap.add_argument("--container-token", default="")
    ap.add_argument("--processes", type=int, default=1,
                    help="serve from N processes sharing the socket (benchmarks; each process "
                         "then keeps its own stats and issued keys)")
    args = ap.parse_args()
    global STATE
    STATE = State(args)
    server = make_server(args.port, Handler)
    children = []
    for _ in range(max(args.processes, 1) - 1):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            server.serve_forever(poll_interval=0.2)
            os._exit(0)
        children.append(pid)

    def stop_children():
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass

    serve(server, stop_children)


if __name__ == "__main__":
    sys.exit(main())
