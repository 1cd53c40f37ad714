"""Query-execution histories for the fake Athena: generated, or read from a file."""

import json
import time


def _uuid(i):
    return "%08x-%04x-4%03x-8%03x-%012x" % (i, (i >> 4) & 0xFFFF, i & 0xFFF, (i * 7) & 0xFFF,
                                             i * 2654435761 % (1 << 48))


def generate_history(n, workgroups, seed):
    """n executions spread over `workgroups` workgroups, one every 20 s back from now."""
    now = time.time()
    states = ["SUCCEEDED"] * 8 + ["FAILED", "CANCELLED"]
    out = []
    for i in range(n):
        wg = "primary" if workgroups <= 1 else "wg-%d" % (i % workgroups)
        state = states[(i * 31 + seed) % len(states)]
        sub = round(now - 60 - i * 20.0, 3)
        rec = {
            "QueryExecutionId": _uuid(i + 1),
            "Query": "SELECT o.id, c.name FROM sales.orders_%d o JOIN sales.customers c "
                     "ON o.cid = c.id WHERE o.day = '2026-11-%02d'" % (i % 40, i % 28 + 1),
            "StatementType": "DML",
            "SubstatementType": "SELECT",
            "ResultConfiguration": {"OutputLocation": "s3://results/%s.csv" % _uuid(i + 1)},
            "QueryExecutionContext": {"Database": "sales", "Catalog": "AwsDataCatalog"},
            "Status": {"State": state, "SubmissionDateTime": sub,
                       "CompletionDateTime": round(sub + 1.5, 3)},
            "Statistics": {"EngineExecutionTimeInMillis": 1200 + i % 500,
                           "DataScannedInBytes": 1048576 * (i % 100),
                           "TotalExecutionTimeInMillis": 1500 + i % 500},
            "WorkGroup": wg,
            "EngineVersion": {"SelectedEngineVersion": "AUTO",
                              "EffectiveEngineVersion": "Athena engine version 3"},
        }
        out.append(rec)
    return out


def load_history(path):
    """{"QueryExecutions": [...]} (the AWS CLI shape), a JSON list, or JSON Lines."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    stripped = text.lstrip()
    if stripped.startswith("{") and "\n{" not in stripped.strip():
        doc = json.loads(text)
        return doc["QueryExecutions"] if "QueryExecutions" in doc else [doc]
    if stripped.startswith("["):
        return json.loads(text)
    try:
        doc = json.loads(text)
        return doc.get("QueryExecutions", [doc])
    except ValueError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
