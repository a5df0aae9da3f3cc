// Terraform .tf source into the model: static evaluation, policy documents, positions.

#include <gtest/gtest.h>

#include "bucketlint/load.h"
#include "load/terraform.h"
#include "load_test_util.h"

namespace bucketlint {
namespace {

using testing_util::find_diagnostic;

Model load(const std::string& text, const std::string& account = "111111111111") {
  Model m;
  m.default_account = account;
  read_terraform_text(m, "main.tf", text);
  return m;
}

const PolicyDocument* bucket_policy(const Model& m) {
  return m.buckets.empty() ? nullptr : m.buckets[0].policy;
}

// The JSON text of a policy's Principal AWS value(s), Actions, etc. in a compact form.
std::string principals(const Statement& st) {
  std::string out;
  for (const PrincipalValue& v : st.principal.values) out += v.type + ":" + v.value + ";";
  return out;
}

TEST(TerraformSource, JsonencodePolicyWithPositionsInTheTfFile) {
  const std::string text = R"(resource "aws_s3_bucket" "b" {
  bucket = "amzn-s3-demo-bucket"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["${aws_s3_bucket.b.arn}/*", aws_s3_bucket.b.arn]
    }]
  })
}
)";
  Model m = load(text);
  EXPECT_TRUE(m.diagnostics.empty()) << m.diagnostics[0].message;
  const PolicyDocument* p = bucket_policy(m);
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->statements.size(), 1u);
  const Statement& st = p->statements[0];
  EXPECT_EQ(st.effect, Effect::kDeny);
  EXPECT_EQ(st.effect_where.file(), "main.tf");
  EXPECT_EQ(st.effect_where.line(), 9);
  EXPECT_EQ(st.effect_where.column(), 19);
  ASSERT_EQ(st.resource.values.size(), 2u);
  EXPECT_EQ(st.resource.values[0].value, "arn:aws:s3:::amzn-s3-demo-bucket/*");
  EXPECT_EQ(st.resource.values[1].value, "arn:aws:s3:::amzn-s3-demo-bucket");
  EXPECT_EQ(st.resource.values[1].where.line(), 12);
  EXPECT_EQ(st.principal.values.size(), 1u);
  EXPECT_EQ(m.buckets[0].account_id, "111111111111");
  EXPECT_EQ(m.buckets[0].ownership.source, OwnershipSetting::Source::kCreated);
}

TEST(TerraformSource, PolicyDocumentAsTheProviderWritesIt) {
  const std::string text = R"(data "aws_iam_policy_document" "d" {
  statement {
    sid       = "One"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*", "arn:aws:s3:::b"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::222222222222:root"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::333333333333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
  }
  statement {
    effect      = "Deny"
    not_actions = ["s3:*"]
    resources   = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = data.aws_iam_policy_document.d.json
}
)";
  Model m = load(text);
  const PolicyDocument* p = bucket_policy(m);
  ASSERT_NE(p, nullptr);
  ASSERT_TRUE(p->version);
  EXPECT_EQ(p->version->value, "2012-10-17");
  ASSERT_EQ(p->statements.size(), 2u);
  const Statement& one = p->statements[0];
  ASSERT_TRUE(one.sid);
  EXPECT_EQ(one.sid->value, "One");
  EXPECT_EQ(one.effect, Effect::kAllow);  // default effect
  EXPECT_EQ(principals(one),
            "AWS:arn:aws:iam::222222222222:root;AWS:arn:aws:iam::333333333333:root;");
  ASSERT_EQ(one.conditions.size(), 1u);
  EXPECT_EQ(one.conditions[0].op, "StringEquals");
  EXPECT_EQ(one.conditions[0].key, "s3:x-amz-acl");
  EXPECT_EQ(one.conditions[0].values.at(0).text, "bucket-owner-full-control");
  // a single action is written as a string, as the provider does
  EXPECT_EQ(one.action.json->type, JsonType::kString);
  EXPECT_EQ(one.action.where.line(), 4);
  const Statement& two = p->statements[1];
  EXPECT_FALSE(two.sid);
  EXPECT_EQ(two.effect, Effect::kDeny);
  EXPECT_TRUE(two.action.is_not);
  EXPECT_EQ(principals(two), "*:*;");
}

TEST(TerraformSource, LocalsVariablesFunctionsAndComputedArns) {
  const std::string text = R"(variable "name" {
  default = "uploader"
}
locals {
  prefix = "site"
  arns   = concat(["${local.prefix}-a"], [format("%s-b", local.prefix)])
}
resource "aws_iam_role" "r" {
  name               = "${local.prefix}-${var.name}"
  path               = "/svc/"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_policy" "p" {
  name   = join("-", local.arns)
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p.arn
}
)";
  Model m = load(text);
  ASSERT_EQ(m.roles.size(), 1u);
  EXPECT_EQ(m.roles[0].arn, "arn:aws:iam::111111111111:role/svc/site-uploader");
  ASSERT_NE(m.roles[0].trust_policy, nullptr);
  ASSERT_EQ(m.roles[0].permission_policies.size(), 1u);
  EXPECT_EQ(m.roles[0].permission_policies[0]->name,
            "arn:aws:iam::111111111111:policy/site-a-site-b");
}

TEST(TerraformSource, UnknownValuesAreNeverGuessed) {
  const std::string text = R"(variable "writer" {}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = var.writer }, Action = "s3:PutObject", Resource = "arn:aws:s3:::b/*" }] })
}
resource "aws_s3_bucket_ownership_controls" "o" {
  bucket = "b"
  rule {
    object_ownership = var.writer == "" ? "ObjectWriter" : "BucketOwnerEnforced"
  }
}
)";
  Model m = load(text);
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].policy, nullptr);
  EXPECT_FALSE(m.buckets[0].ownership.known());
  std::vector<std::string> messages;
  for (const LoadDiagnostic& d : m.diagnostics) messages.push_back(d.message);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[0].find("variable 'writer' has no default"), std::string::npos);
  EXPECT_NE(messages[1].find("'object_ownership'"), std::string::npos);
}

TEST(TerraformSource, CountAndForEach) {
  const std::string text = R"(resource "aws_s3_bucket" "off" {
  count  = 0
  bucket = "never"
}
resource "aws_s3_bucket" "two" {
  count  = 2
  bucket = "b-${count.index}"
}
resource "aws_s3_bucket" "each" {
  for_each = toset(["x", "y"])
  bucket   = "e-${each.key}"
}
resource "aws_s3_bucket" "later" {
  count  = var.enabled ? 1 : 0
  bucket = "maybe"
}
)";
  Model m = load(text);
  std::vector<std::string> names;
  for (const Bucket& b : m.buckets) names.push_back(b.name);
  EXPECT_EQ(names, (std::vector<std::string>{"b-0", "b-1", "e-x", "e-y", "maybe"}));
}

TEST(TerraformSource, HeredocPolicyPositions) {
  const std::string text =
      "resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n"
      "  policy = <<EOF\n{\n  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
      "\"Resource\": \"*\"}]\n}\nEOF\n}\n";
  Model m = load(text);
  ASSERT_EQ(m.policies.size(), 1u);
  const PolicyDocument& p = *m.policies[0];
  ASSERT_EQ(p.statements.size(), 1u);
  EXPECT_EQ(p.version->where.line(), 5);
  EXPECT_EQ(p.version->where.column(), 14);
  EXPECT_EQ(p.statements[0].effect_where.line(), 6);
}

TEST(TerraformSource, AccountsFromProvidersAndAliases) {
  const std::string text = R"(provider "aws" {
  allowed_account_ids = ["111111111111"]
}
provider "aws" {
  alias = "writer"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/terraform"
  }
}
data "aws_caller_identity" "me" {}
resource "aws_s3_bucket" "b" {
  bucket = "b-${data.aws_caller_identity.me.account_id}"
}
resource "aws_iam_role" "w" {
  provider           = aws.writer
  name               = "w"
  assume_role_policy = "{}"
}
)";
  Model m = load(text, "");
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].name, "b-111111111111");
  EXPECT_EQ(m.buckets[0].account_id, "111111111111");
  ASSERT_EQ(m.roles.size(), 1u);
  EXPECT_EQ(m.roles[0].account_id, "222222222222");
}

TEST(TerraformSource, SyntaxErrorIsIN001WithPosition) {
  Model m = load("resource \"aws_s3_bucket\" \"b\" {\n  bucket = [\n}\n");
  const LoadDiagnostic* d = find_diagnostic(m, "IN001");
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->incomplete);
  EXPECT_EQ(d->where.line(), 3);
}

TEST(TerraformSource, InvalidUtf8IsIN003) {
  Model m = load("a = \"\xff\"\n");
  EXPECT_NE(find_diagnostic(m, "IN003"), nullptr);
}

TEST(TerraformSource, ModulesInTheTreeWithInputsAndOutputs) {
  testing_util::TempDir dir;
  dir.write("root/main.tf", R"(module "site" {
  source = "./modules/site"
  name   = "from-root"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = module.site.bucket
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${module.site.arn}/*" }] })
}
module "outside" {
  source = "../../elsewhere"
}
)");
  dir.write("root/modules/site/main.tf", R"(variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
output "bucket" { value = aws_s3_bucket.this.id }
output "arn" { value = aws_s3_bucket.this.arn }
)");
  LoadOptions options;
  options.paths = {dir.path() + "/root"};
  options.discover_config = false;
  options.account = "111111111111";
  const LoadResult r = load_inputs(options);
  ASSERT_EQ(r.model.buckets.size(), 1u);
  EXPECT_EQ(r.model.buckets[0].name, "from-root");
  ASSERT_NE(r.model.buckets[0].policy, nullptr);
  EXPECT_EQ(r.model.buckets[0].policy->statements.at(0).resource.values.at(0).value,
            "arn:aws:s3:::from-root/*");
  // The module's files are read once (as a module, not again as a root module).
  std::size_t tf_sources = 0;
  for (const auto& s : r.model.sources) tf_sources += s->path().ends_with(".tf") ? 1u : 0u;
  EXPECT_EQ(tf_sources, 2u);
  const LoadDiagnostic* d = find_diagnostic(r.model, "IN012");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("outside the folder given"), std::string::npos);
}

// `.bucketlint.yaml` `terraform:` binds root module folders and plan files to accounts; a
// provider that names its account wins, and the disagreement is reported.
TEST(TerraformSource, ConfigBindsRootModulesAndPlansToAccounts) {
  testing_util::TempDir dir;
  dir.write("bucket/main.tf", R"(resource "aws_s3_bucket" "site" {
  bucket = "bound-bucket"
}
)");
  dir.write("pinned/main.tf", R"(provider "aws" {
  allowed_account_ids = ["333333333333"]
}
resource "aws_iam_role" "w" {
  name               = "pinned"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
)");
  dir.write("plans/writer.plan.json", R"({"format_version": "1.2", "resource_changes": [
  {"address": "aws_iam_role.w", "mode": "managed", "type": "aws_iam_role", "name": "w",
   "change": {"actions": ["create"], "before": null, "after_unknown": {},
     "after": {"name": "writer", "path": "/", "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}}}]}
)");
  const std::string config = dir.write(".bucketlint.yaml", R"(terraform:
  bucket/:
    account: "111111111111"
    created_before_april_2023: true
  pinned/:
    account: "444444444444"
  plans/writer.plan.json:
    account: "222222222222"
)");
  LoadOptions options;
  options.paths = {dir.path() + "/bucket", dir.path() + "/pinned", dir.path() + "/plans"};
  options.config_path = config;
  const LoadResult r = load_inputs(options);
  ASSERT_EQ(r.model.buckets.size(), 1u);
  const Bucket& b = r.model.buckets[0];
  EXPECT_EQ(b.account_id, "111111111111");
  // Created before April 2023 without ownership controls: ObjectWriter, as S3 then made it.
  EXPECT_EQ(b.ownership.value, ObjectOwnership::kObjectWriter);
  std::vector<std::string> arns;
  for (const Role& role : r.model.roles) arns.push_back(role.arn);
  EXPECT_EQ(arns, (std::vector<std::string>{"arn:aws:iam::333333333333:role/pinned",
                                            "arn:aws:iam::222222222222:role/writer"}));
  const LoadDiagnostic* d = find_diagnostic(r.model, "IN010");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("'444444444444', but its aws provider says '333333333333'"),
            std::string::npos)
      << d->message;
  EXPECT_EQ(d->where.line(), 5);  // the config entry
}

// Every .tf block and plan entry is recorded with what of its file it covers, so that findings
// there name its address.
TEST(TerraformSource, ResourcesRecordTheirLines) {
  Model m = load(R"(data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "b-${count.index}"
}
)");
  ASSERT_EQ(m.iac_resources.size(), 2u);
  EXPECT_EQ(m.iac_resources[0].address, "data.aws_iam_policy_document.p");
  EXPECT_EQ(m.iac_resources[0].first_line, 1);
  EXPECT_EQ(m.iac_resources[0].last_line, 6);
  EXPECT_EQ(m.iac_resources[1].address, "aws_s3_bucket.b");  // one entry for both instances
  EXPECT_EQ(m.iac_resources[1].first_line, 8);
  EXPECT_EQ(m.iac_resources[1].last_line, 11);
}

TEST(TerraformSource, CyclesAndSelfReferencesEnd) {
  Model m = load(R"(locals {
  a = local.b
  b = local.a
}
resource "aws_s3_bucket" "x" {
  bucket = local.a
}
resource "aws_iam_role" "r" {
  name = aws_iam_role.r.name
  assume_role_policy = "{}"
}
)");
  ASSERT_EQ(m.buckets.size(), 1u);
  EXPECT_EQ(m.buckets[0].name, "aws_s3_bucket.x");  // unknown name: named by its address
}

}  // namespace
}  // namespace bucketlint

namespace bucketlint {
namespace {

// Refs of diagnostics point into their source file: the files outlive the test's checks.
std::vector<Suppression> suppressions_of(const std::string& text,
                                         std::vector<LoadDiagnostic>& diagnostics) {
  static std::vector<std::unique_ptr<SourceFile>> files;
  files.push_back(std::make_unique<SourceFile>("main.tf", text));
  const SourceFile& src = *files.back();
  const hcl::ParseResult parsed = hcl::parse(src.text());
  return terraform_suppressions(src, parsed, diagnostics);
}

TEST(TerraformSuppression, CommentAboveOrOnABlockOrArgument) {
  std::vector<LoadDiagnostic> diagnostics;
  const std::vector<Suppression> s = suppressions_of(
      "# bucketlint:ignore OW001, OW002 -- reviewed\n"
      "// another comment line\n"
      "resource \"a\" \"b\" {\n"
      "  x = 1\n"
      "  y = jsonencode({\n"
      "    k = 1\n"
      "  }) # bucketlint:ignore PL001 -- trailing\n"
      "}\n",
      diagnostics);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].rule_id, "OW001");
  EXPECT_EQ(s[1].rule_id, "OW002");
  EXPECT_EQ(s[0].first_line, 3);
  EXPECT_EQ(s[0].last_line, 8);
  EXPECT_EQ(s[0].reason, "reviewed");
  EXPECT_EQ(s[0].path_glob, "main.tf");
  // A trailing comment on the last line of a multi-line argument is not on the line the
  // argument starts on: it is reported instead of covering a guessed range.
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].where.line(), 7);
}

TEST(TerraformSuppression, MalformedCommentsAreReported) {
  std::vector<LoadDiagnostic> diagnostics;
  const std::vector<Suppression> s = suppressions_of(
      "# bucketlint:ignore OW001\nresource \"a\" \"b\" {}\n"
      "# bucketlint:ignore -- no id\nlocals {}\n"
      "# bucketlint:ignore OW001 -- nothing below\n",
      diagnostics);
  EXPECT_TRUE(s.empty());
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_NE(diagnostics[0].message.find("needs a reason"), std::string::npos);
  EXPECT_NE(diagnostics[1].message.find("rule IDs"), std::string::npos);
  EXPECT_NE(diagnostics[2].message.find("on or just above"), std::string::npos);
  EXPECT_EQ(diagnostics[2].where.line(), 5);
}

}  // namespace
}  // namespace bucketlint
