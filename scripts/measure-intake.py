#!/usr/bin/env python3
"""Measures, against a running hub in the demo profile, the time from POST /api/events of a valid
AZC intake to its case and tasks being visible (GET /api/cases, /engine-rest/task), and that the
same event sent again opens no second case. Loopback only; bounded number of requests.

Usage: scripts/measure-intake.py [--base http://127.0.0.1:8080] [--count 20]
"""
import argparse
import base64
import json
import random
import statistics
import sys
import time
import urllib.error
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--base", default="http://127.0.0.1:8080")
parser.add_argument("--count", type=int, default=20)
parser.add_argument("--password", default="demo")
args = parser.parse_args()


def call(method, path, user, body=None):
    request = urllib.request.Request(args.base + path, data=body, method=method)
    token = base64.b64encode(f"{user}:{args.password}".encode()).decode()
    request.add_header("Authorization", "Basic " + token)
    if body is not None:
        request.add_header("Content-Type", "application/cloudevents+json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def fake_v_number():
    return "99%08d" % random.randrange(10**8)


with open("docs/examples/azc-intake.json", encoding="utf-8") as file:
    template = json.load(file)

accepted_ms, visible_ms = [], []
event = None
for i in range(args.count):
    event = json.loads(json.dumps(template))
    main = fake_v_number()
    event["id"] = f"coa-measure-{int(time.time())}-{i}"
    event["subject"] = main
    event["data"]["vNumber"] = main
    event["data"]["household"][0]["vNumber"] = main
    for member in event["data"]["household"][1:]:
        member["vNumber"] = fake_v_number()
    start = time.perf_counter()
    status, body = call("POST", "/api/events", "demo-coa", json.dumps(event).encode())
    accepted = time.perf_counter()
    if status != 202:
        sys.exit(f"expected 202, got {status}: {body}")
    deadline = start + 10
    while True:
        _, cases = call("GET", f"/api/cases?subject={main}", "demo-vwmn")
        if cases:
            _, tasks = call("GET", f"/engine-rest/task?processInstanceBusinessKey={cases[0]['caseId']}", "demo-admin")
            # reception: dossier, activation, and one school placement (the child of 13)
            if isinstance(tasks, list) and len(tasks) >= 3:
                break
        if time.perf_counter() > deadline:
            sys.exit("case or tasks not visible within 10 s")
        time.sleep(0.01)
    visible = time.perf_counter()
    accepted_ms.append((accepted - start) * 1000)
    visible_ms.append((visible - start) * 1000)

status, _ = call("POST", "/api/events", "demo-coa", json.dumps(event).encode())
_, cases = call("GET", f"/api/cases?subject={event['subject']}", "demo-vwmn")
print(f"intakes: {args.count}")
print(f"POST -> 202      ms: median {statistics.median(accepted_ms):.0f}, max {max(accepted_ms):.0f}")
print(f"POST -> visible  ms: median {statistics.median(visible_ms):.0f}, max {max(visible_ms):.0f}"
      " (case via /api/cases and its tasks via /engine-rest, polled every 10 ms)")
print(f"same event again: HTTP {status}, cases for the person: {len(cases)}")
