#!/usr/bin/env python3
"""Runs moto (an independent implementation of Athena, Glue and STS) on a loopback port and
seeds it through boto3: a workgroup, a Glue database with a partitioned external table,
a table over the location an UNLOAD writes, an Athena view (whose DDL the history lacks),
and query executions. Prints `PORT n` once seeded (or `SKIP reason` when
moto or boto3 is missing), writes the seeded executions to --out as JSON, then serves until
SIGTERM. Used by tests/app/aws_moto_test.cpp.
"""
import argparse
import base64
import concurrent.futures
import datetime
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading

QUERIES = [
    ("primary", "INSERT INTO sales.daily SELECT dt, sum(amount) AS total FROM sales.orders "
                "GROUP BY dt"),
    ("etl", "CREATE TABLE sales.big_orders AS SELECT * FROM sales.orders WHERE amount > 100"),
    ("primary", "SELECT id FROM sales.v_big"),
    ("etl", "UNLOAD (SELECT id, amount FROM sales.orders WHERE dt = '2026-12-01') "
            "TO 's3://lake/sales/archive' WITH (format = 'PARQUET')"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def presto_view(sql, columns):
    doc = {"originalSql": sql, "catalog": "awsdatacatalog", "schema": "sales",
           "columns": [{"name": n, "type": t} for n, t in columns]}
    return "/* Presto View: " + base64.b64encode(json.dumps(doc).encode()).decode() + " */"


def seed(url, region):
    import boto3
    kw = dict(endpoint_url=url, region_name=region, aws_access_key_id="AKIDMOTOSEED",
              aws_secret_access_key="moto-seed-secret")
    athena = boto3.client("athena", **kw)
    glue = boto3.client("glue", **kw)
    athena.create_work_group(Name="etl", Configuration={})
    glue.create_database(DatabaseInput={"Name": "sales"})
    glue.create_table(DatabaseName="sales", TableInput={
        "Name": "orders", "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"},
                                          {"Name": "amount", "Type": "double"}],
                              "Location": "s3://lake/sales/orders/"},
        "PartitionKeys": [{"Name": "dt", "Type": "string"}]})
    glue.create_table(DatabaseName="sales", TableInput={
        "Name": "daily", "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": {"Columns": [{"Name": "dt", "Type": "string"},
                                          {"Name": "total", "Type": "double"}],
                              "Location": "s3://lake/sales/daily/"}})
    glue.create_table(DatabaseName="sales", TableInput={
        "Name": "archive", "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"},
                                          {"Name": "amount", "Type": "double"}],
                              "Location": "s3://lake/sales/archive"}})
    view_sql = "SELECT id, amount FROM sales.orders WHERE amount > 100"
    glue.create_table(DatabaseName="sales", TableInput={
        "Name": "v_big", "TableType": "VIRTUAL_VIEW",
        "ViewOriginalText": presto_view(view_sql, [("id", "bigint"), ("amount", "double")]),
        "ViewExpandedText": "/* Presto View */",
        "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"},
                                          {"Name": "amount", "Type": "double"}]}})
    seeded = []
    for workgroup, sql in QUERIES:
        qid = athena.start_query_execution(
            QueryString=sql, WorkGroup=workgroup,
            QueryExecutionContext={"Database": "sales", "Catalog": "AwsDataCatalog"},
            ResultConfiguration={"OutputLocation": "s3://results/"})["QueryExecutionId"]
        for _ in range(5):  # moto moves QUEUED -> RUNNING -> SUCCEEDED as it is read
            qe = athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]
            if qe["Status"]["State"] == "SUCCEEDED":
                break
        seeded.append(qe)
    return seeded


def write_exports(seeded, out_dir):
    """The seeded history as the AWS CLI exports it: `cli_timestamp_format = iso8601` (v2's
    default), `wire` (epoch seconds), and `json.dumps(default=str)` of boto3's output."""
    def convert(value, fmt):
        if isinstance(value, datetime.datetime):
            return value.isoformat() if fmt == "iso" else value.timestamp()
        if isinstance(value, dict):
            return {k: convert(v, fmt) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v, fmt) for v in value]
        return value
    for name, fmt in (("export_iso8601.json", "iso"), ("export_wire.json", "wire")):
        with open(os.path.join(out_dir, name), "w") as f:
            json.dump({"QueryExecutions": convert(seeded, fmt), "UnprocessedQueryExecutionIds": []},
                      f, indent=4)
    with open(os.path.join(out_dir, "export_str.json"), "w") as f:
        json.dump({"QueryExecutions": seeded}, f, default=str)
    with open(os.path.join(out_dir, "ids.txt"), "w") as f:
        f.write("".join(q["QueryExecutionId"] + "\n" for q in seeded))


def write_cli_exports(url, region, seeded, out_dir):
    """The seeded history as users export it with the real AWS CLI: a shell loop appending
    `aws athena get-query-execution` for each id to one file (moto has no
    BatchGetQueryExecution), once with `cli_timestamp_format = iso8601` (v2's default) and once
    with v1's default (`none`: epoch seconds). Nothing is written when `aws` is not installed."""
    if shutil.which("aws") is None:
        return
    for name, fmt in (("cli_iso8601.json", "iso8601"), ("cli_none.json", "none")):
        config = os.path.join(out_dir, name + ".config")
        with open(config, "w") as f:
            f.write("[default]\nregion = %s\ncli_timestamp_format = %s\n" % (region, fmt))
        env = dict(os.environ, AWS_CONFIG_FILE=config, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                   AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_DEFAULT_REGION=region)
        env.pop("AWS_PROFILE", None)

        def get(qid):
            return subprocess.run(
                ["aws", "athena", "get-query-execution", "--query-execution-id", qid,
                 "--endpoint-url", url, "--output", "json"],
                env=env, check=True, capture_output=True, text=True, timeout=120).stdout

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            outputs = list(pool.map(get, [q["QueryExecutionId"] for q in seeded]))
        with open(os.path.join(out_dir, name), "w") as f:
            f.write("".join(outputs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--out-dir", required=True)
    args = ap.parse_args()
    try:
        import boto3  # noqa: F401
        from moto.server import ThreadedMotoServer
    except ImportError as e:
        print("SKIP moto or boto3 is not installed (%s)" % e, flush=True)
        return 0
    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
    port = args.port or free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = "http://127.0.0.1:%d" % port
    seeded = seed(url, args.region)
    write_exports(seeded, args.out_dir)
    write_cli_exports(url, args.region, seeded, args.out_dir)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    print("PORT %d" % port, flush=True)
    sys.stdout.close()
    done.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
