#!/usr/bin/env python3
"""Writes the Terraform plan samples (samples/tf-*-plan/): the seed story of samples/seed-*
as `terraform show -json` output of two root modules (bucket account, writer account).

The files have the shape of Terraform 1.5 plan JSON (format_version 1.2): resource_changes
with before/after/after_unknown, planned_values, prior_state (with the data source
aws_caller_identity read during the plan) and configuration (provider allowed_account_ids,
expression references). Run from the repository root: python3 tools/terraform_sample_plans.py
"""
import json
import os

OAI = "E74FTE3AEXAMPLE"
DIST = "EDFDVBD6EXAMPLE"
BUCKET = "amzn-s3-demo-bucket"
A, B = "111111111111", "222222222222"
OAI_ARN = f"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity {OAI}"


def pol(statements, id_=None):
    p = {"Version": "2012-10-17"}
    if id_:
        p["Id"] = id_
    p["Statement"] = statements
    return json.dumps(p)


OAI_READ = {"Sid": "AllowCloudFrontOAIRead", "Effect": "Allow", "Principal": {"AWS": OAI_ARN},
            "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}
PARTNER = {"Sid": "AllowPartnerUpload", "Effect": "Allow",
           "Principal": {"AWS": f"arn:aws:iam::{B}:role/site-uploader"},
           "Action": ["s3:PutObject", "s3:PutObjectAcl"], "Resource": f"arn:aws:s3:::{BUCKET}/*"}
PARTNER_BOFC = dict(PARTNER, Condition={"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}})


def res(type_, name, values, actions=("no-op",), unknown=None, refs=None, module=None):
    address = f"{type_}.{name}" if module is None else f"{module}.{type_}.{name}"
    rc = {"address": address}
    if module:
        rc["module_address"] = module
    rc.update({"mode": "managed", "type": type_, "name": name,
               "provider_name": "registry.terraform.io/hashicorp/aws",
               "change": {"actions": list(actions),
                          "before": None if "create" in actions else values,
                          "after": values, "after_unknown": unknown or {},
                          "before_sensitive": False if "create" in actions else {},
                          "after_sensitive": {}}})
    return rc, refs or {}


def plan(account, resources, pinned=True):
    """`pinned`: the plan itself says its account (aws_caller_identity, allowed_account_ids);
    otherwise only a `.bucketlint.yaml` binding or --account can."""
    changes = [r for r, _ in resources]
    config_resources = []
    for rc, refs in resources:
        expressions = {}
        for k, v in rc["change"]["after"].items():
            if k in ("arn", "id", "iam_arn", "s3_canonical_user_id", "etag", "unique_id"):
                continue
            expressions[k] = {"references": refs[k]} if k in refs else {"constant_value": v}
        for k, v in refs.items():
            if k not in expressions:
                expressions[k] = {"references": v}
        config_resources.append({"address": f"{rc['type']}.{rc['name']}", "mode": "managed",
                                 "type": rc["type"], "name": rc["name"],
                                 "provider_config_key": "aws", "expressions": expressions,
                                 "schema_version": 0})
    planned = [{"address": rc["address"], "mode": "managed", "type": rc["type"],
                "name": rc["name"], "provider_name": rc["provider_name"], "schema_version": 0,
                "values": {k: v for k, v in rc["change"]["after"].items()
                           if not rc["change"]["after_unknown"].get(k)},
                "sensitive_values": {}} for rc, _ in resources]
    out = {
        "format_version": "1.2",
        "terraform_version": "1.5.7",
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "prior_state": {"format_version": "1.0", "terraform_version": "1.5.7", "values": {
            "root_module": {"resources": [{
                "address": "data.aws_caller_identity.current", "mode": "data",
                "type": "aws_caller_identity", "name": "current",
                "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
                "values": {"account_id": account, "arn": f"arn:aws:iam::{account}:role/terraform",
                           "id": account, "user_id": "AROAEXAMPLEID:terraform"},
                "sensitive_values": {}}]}}},
        "configuration": {"provider_config": {"aws": {
            "name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
            "expressions": {"allowed_account_ids": {"constant_value": [account]},
                            "region": {"constant_value": "us-east-1"}}}},
            "root_module": {"resources": config_resources}},
    }
    if not pinned:
        del out["prior_state"]
        del out["configuration"]["provider_config"]["aws"]["expressions"]["allowed_account_ids"]
    return out


def bucket_account(policy, ownership, actions=("no-op",)):
    out = [
        res("aws_s3_bucket", "site", {"bucket": BUCKET, "arn": f"arn:aws:s3:::{BUCKET}",
                                      "id": BUCKET, "force_destroy": False, "tags": {}},
            actions),
        res("aws_s3_bucket_policy", "site", {"bucket": BUCKET, "id": BUCKET, "policy": policy},
            refs={"bucket": ["aws_s3_bucket.site.id", "aws_s3_bucket.site"]}),
    ]
    if ownership:
        out.append(res("aws_s3_bucket_ownership_controls", "site",
                       {"bucket": BUCKET, "id": BUCKET,
                        "rule": [{"object_ownership": ownership}]},
                       refs={"bucket": ["aws_s3_bucket.site.id", "aws_s3_bucket.site"]}))
    out += [
        res("aws_s3_bucket_public_access_block", "site",
            {"bucket": BUCKET, "id": BUCKET, "block_public_acls": True,
             "block_public_policy": True, "ignore_public_acls": True,
             "restrict_public_buckets": True},
            refs={"bucket": ["aws_s3_bucket.site.id", "aws_s3_bucket.site"]}),
        res("aws_cloudfront_origin_access_identity", "site",
            {"comment": "Example OAI", "id": OAI, "iam_arn": OAI_ARN,
             "cloudfront_access_identity_path": f"origin-access-identity/cloudfront/{OAI}",
             "s3_canonical_user_id":
                 "cd13868f797c227fbea2830611a26fe0a21ba1b826ab4bed9b7771c9aEXAMPLE"}),
        res("aws_cloudfront_distribution", "site",
            {"id": DIST, "arn": f"arn:aws:cloudfront::{A}:distribution/{DIST}",
             "enabled": True, "default_root_object": "index.html",
             "origin": [{"domain_name": f"{BUCKET}.s3.amazonaws.com", "origin_id": "legacy-oai",
                         "origin_access_control_id": "", "origin_path": "",
                         "s3_origin_config": [{"origin_access_identity":
                                               f"origin-access-identity/cloudfront/{OAI}"}]}]},
            refs={"origin.domain_name": ["aws_s3_bucket.site.bucket_regional_domain_name",
                                         "aws_s3_bucket.site"],
                  "origin.s3_origin_config.origin_access_identity": [
                      "aws_cloudfront_origin_access_identity.site.cloudfront_access_identity_path",
                      "aws_cloudfront_origin_access_identity.site"]}),
    ]
    return out


UPLOAD = pol([{"Sid": "UploadSiteObjects", "Effect": "Allow",
               "Action": ["s3:PutObject", "s3:PutObjectAcl"],
               "Resource": f"arn:aws:s3:::{BUCKET}/*"}])
EC2_TRUST = pol([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                  "Action": "sts:AssumeRole"}])


def writer_account(permission):
    return [
        res("aws_iam_role", "site_uploader",
            {"name": "site-uploader", "path": "/", "arn": f"arn:aws:iam::{B}:role/site-uploader",
             "id": "site-uploader", "assume_role_policy": EC2_TRUST, "max_session_duration": 3600}),
        res("aws_iam_role_policy", "upload",
            {"name": "upload-to-partner-site", "role": "site-uploader",
             "id": "site-uploader:upload-to-partner-site", "policy": permission},
            refs={"role": ["aws_iam_role.site_uploader.id", "aws_iam_role.site_uploader"]}),
    ]


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def main():
    s = "samples"
    # seed-1: ObjectWriter (as no ownership controls), partner may upload without an ACL.
    write(f"{s}/tf-seed-1-plan", "bucket-account.plan.json",
          plan(A, bucket_account(pol([OAI_READ, PARTNER], "PolicyForCloudFrontPrivateContent"),
                                 "ObjectWriter")))
    write(f"{s}/tf-seed-1-plan", "writer-account.plan.json", plan(B, writer_account(UPLOAD)))
    # seed-1 again, with plans that do not say their account: .bucketlint.yaml binds them.
    write(f"{s}/tf-seed-1-plan-bound/plans", "bucket-account.plan.json",
          plan(A, bucket_account(pol([OAI_READ, PARTNER], "PolicyForCloudFrontPrivateContent"),
                                 "ObjectWriter"), pinned=False))
    write(f"{s}/tf-seed-1-plan-bound/plans", "writer-account.plan.json",
          plan(B, writer_account(UPLOAD), pinned=False))
    # seed-2: the bucket policy requires bucket-owner-full-control; still ObjectWriter.
    write(f"{s}/tf-seed-2-plan", "bucket-account.plan.json",
          plan(A, bucket_account(pol([OAI_READ, PARTNER_BOFC],
                                     "PolicyForCloudFrontPrivateContent"), "ObjectWriter")))
    write(f"{s}/tf-seed-2-plan", "writer-account.plan.json", plan(B, writer_account(UPLOAD)))
    # seed-1 fixed by BucketOwnerEnforced (the plan updates the ownership controls).
    write(f"{s}/tf-seed-1-plan-enforced-fixed", "bucket-account.plan.json",
          plan(A, bucket_account(pol([OAI_READ, PARTNER], "PolicyForCloudFrontPrivateContent"),
                                 "BucketOwnerEnforced")))
    write(f"{s}/tf-seed-1-plan-enforced-fixed", "writer-account.plan.json",
          plan(B, writer_account(UPLOAD)))
    # seed-3: B assumes a role in A; only A's role writes.
    publisher = [
        res("aws_iam_role", "publisher",
            {"name": "cross-account-site-publisher", "path": "/",
             "arn": f"arn:aws:iam::{A}:role/cross-account-site-publisher",
             "id": "cross-account-site-publisher",
             "assume_role_policy": pol([{"Effect": "Allow",
                                         "Principal": {"AWS": f"arn:aws:iam::{B}:role/site-uploader"},
                                         "Action": "sts:AssumeRole",
                                         "Condition": {"StringEquals": {"sts:ExternalId": "12345"}}}]),
             "inline_policy": [{"name": "publish-site", "policy": pol([{
                 "Sid": "PublishSiteObjects", "Effect": "Allow", "Action": "s3:PutObject",
                 "Resource": f"arn:aws:s3:::{BUCKET}/*"}])}]}),
    ]
    write(f"{s}/tf-seed-3-plan", "bucket-account.plan.json",
          plan(A, bucket_account(pol([OAI_READ], "PolicyForCloudFrontPrivateContent"),
                                 "ObjectWriter") + publisher))
    write(f"{s}/tf-seed-3-plan", "writer-account.plan.json",
          plan(B, writer_account(pol([{"Effect": "Allow", "Action": "sts:AssumeRole",
                                       "Resource": f"arn:aws:iam::{A}:role/cross-account-site-publisher"}]))))
    # A new bucket whose policy names an OAI created by the same plan: the policy is known only
    # after apply. The new bucket gets BucketOwnerEnforced.
    new = [
        res("aws_s3_bucket", "site", {"bucket": BUCKET, "force_destroy": False}, ("create",),
            unknown={"arn": True, "id": True, "bucket_regional_domain_name": True}),
        res("aws_cloudfront_origin_access_identity", "site", {"comment": "site"}, ("create",),
            unknown={"id": True, "iam_arn": True, "s3_canonical_user_id": True,
                     "cloudfront_access_identity_path": True}),
        res("aws_s3_bucket_policy", "site", {}, ("create",),
            unknown={"bucket": True, "id": True, "policy": True},
            refs={"bucket": ["aws_s3_bucket.site.id", "aws_s3_bucket.site"],
                  "policy": ["data.aws_iam_policy_document.site.json",
                             "data.aws_iam_policy_document.site"]}),
    ]
    write(f"{s}/tf-plan-policy-unknown", "site.plan.json", plan(A, new))


main()
