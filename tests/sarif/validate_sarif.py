#!/usr/bin/env python3
"""Validates bucketlint's SARIF against the official SARIF 2.1.0 JSON schema.

    validate_sarif.py BUCKETLINT SOURCE_DIR

Runs `bucketlint --format sarif` in every scenario of SOURCE_DIR/samples (with the scenario's
`args` file, as the golden tests do) plus a few extra cases (standard input, an incomplete run,
a run with a baseline), and checks each report against tests/sarif/sarif-2.1.0-rtm.5.json, and
that every rule carries the GitHub properties (security-severity, tags). Exit 77 (skipped) when
python3-jsonschema is not installed.
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("sarif_schema: python3-jsonschema is not installed (scripts/setup-deps.sh installs it)")
    sys.exit(77)


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "tests", "sarif", "sarif-2.1.0-rtm.5.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    failures = 0
    checked = 0

    def check(name, cwd, args, stdin=None):
        nonlocal failures, checked
        run = subprocess.run([binary, "--format", "sarif", *args], cwd=cwd, input=stdin,
                             capture_output=True, timeout=120)
        if run.returncode not in (0, 1, 2):
            print(f"FAIL {name}: exit {run.returncode}: {run.stderr.decode(errors='replace')}")
            failures += 1
            return
        try:
            log = json.loads(run.stdout)
        except ValueError as e:
            print(f"FAIL {name}: not JSON: {e}")
            failures += 1
            return
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        for e in errors[:5]:
            print(f"FAIL {name}: {'/'.join(str(p) for p in e.path)}: {e.message[:300]}")
        failures += 1 if errors else 0
        for rule in log["runs"][0]["tool"]["driver"]["rules"]:
            props = rule.get("properties", {})
            severity = props.get("security-severity")
            try:
                ok = 0.0 < float(severity) <= 10.0
            except (TypeError, ValueError):
                ok = False
            if not ok or not props.get("tags"):
                print(f"FAIL {name}: rule {rule['id']} lacks security-severity or tags: {props}")
                failures += 1
                break
        checked += 1

    samples = os.path.join(source, "samples")
    for scenario in sorted(os.listdir(samples)):
        path = os.path.join(samples, scenario)
        if not os.path.isdir(path):
            continue
        args = ["."]
        args_file = os.path.join(path, "args")
        if os.path.exists(args_file):
            with open(args_file, encoding="utf-8") as f:
                args = [line.rstrip("\n") for line in f if line.strip()]
        check(scenario, path, args)

    with tempfile.TemporaryDirectory() as tmp:
        policy = b'{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ' \
                 b'"Action": "nosuchservice:Get", "Resource": "*"}]}'
        check("stdin", tmp, ["-"], stdin=policy)
        with open(os.path.join(tmp, "broken.json"), "wb") as f:
            f.write(b'{"Version": "2012-10-17", "Statement": [')
        check("incomplete", tmp, ["broken.json"])
        with open(os.path.join(tmp, "p.json"), "wb") as f:
            f.write(policy)
        with open(os.path.join(tmp, "baseline.json"), "w", encoding="utf-8") as f:
            f.write('{"bucketlint_baseline": 1, "findings": [{"fingerprint": "0123456789abcdef"}]}')
        check("baseline with a stale entry", tmp, ["--baseline", "baseline.json", "p.json"])

    print(f"sarif_schema: {checked} SARIF reports checked, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
