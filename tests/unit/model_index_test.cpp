// Model::build_index(): the indexed lookups answer as the scans they replace (the first match in
// model order), and a model changed after the index is scanned again.

#include <gtest/gtest.h>

#include <string>

#include "bucketlint/model.h"

namespace bucketlint {
namespace {

Model sample() {
  Model m;
  auto account = [&](const char* id, const char* canonical) {
    Account a;
    a.id = id;
    a.canonical_id = canonical;
    m.accounts.push_back(a);
  };
  account("111111111111", "c1");
  account("111111111111", "c2");
  account("222222222222", "c1");
  Bucket b1;
  b1.name = "bkt";
  Bucket b2;
  b2.name = "bkt";
  Bucket b3;
  b3.name = "other";
  m.buckets = {b1, b2, b3};
  Role r;
  r.arn = "arn:aws:iam::111111111111:role/r";
  m.roles = {r, r};
  OriginAccessIdentity oai;
  oai.id = "E1";
  oai.canonical_user_id = "oc";
  m.oais = {oai, oai};
  Distribution d1;
  Origin rest;
  rest.bucket = "bkt";
  Origin website;
  website.bucket = "bkt";
  website.is_website_endpoint = true;
  d1.origins = {rest, website};
  Distribution d2;
  Origin other;
  other.bucket = "other";
  d2.origins = {other};
  m.distributions = {d1, d2};
  return m;
}

void expect_scan_answers(const Model& m) {
  EXPECT_EQ(m.find_account("111111111111"), &m.accounts[0]);
  EXPECT_EQ(m.find_account("999999999999"), nullptr);
  EXPECT_EQ(m.find_account_by_canonical_id("c1"), &m.accounts[0]);
  EXPECT_EQ(m.find_account_by_canonical_id("c2"), &m.accounts[1]);
  EXPECT_EQ(m.find_account_by_canonical_id(""), nullptr);
  EXPECT_EQ(m.find_bucket("bkt"), &m.buckets[0]);
  EXPECT_EQ(m.find_bucket("other"), &m.buckets[2]);
  EXPECT_EQ(m.find_bucket("none"), nullptr);
  EXPECT_EQ(m.find_role("arn:aws:iam::111111111111:role/r"), &m.roles[0]);
  EXPECT_EQ(m.find_oai("E1"), &m.oais[0]);
  EXPECT_EQ(m.find_oai_by_canonical_id("oc"), &m.oais[0]);
  const std::vector<const Origin*> origins = m.origins_of("bkt");
  ASSERT_EQ(origins.size(), 2u);
  EXPECT_EQ(origins[0], &m.distributions[0].origins[0]);
  EXPECT_EQ(origins[1], &m.distributions[0].origins[1]);
  EXPECT_TRUE(m.origins_of("none").empty());
}

TEST(ModelIndex, AnswersAsTheScans) {
  const Model m = sample();
  expect_scan_answers(m);
  m.build_index();
  ASSERT_NE(m.index, nullptr);
  expect_scan_answers(m);
}

TEST(ModelIndex, AChangedModelIsScannedAgain) {
  Model m = sample();
  m.build_index();
  Bucket added;
  added.name = "added";
  m.buckets.push_back(added);
  Account c;
  c.id = "333333333333";
  m.accounts.push_back(c);
  EXPECT_EQ(m.find_bucket("added"), &m.buckets.back());
  EXPECT_EQ(m.find_account("333333333333"), &m.accounts.back());
  expect_scan_answers(m);
  m.build_index();
  EXPECT_EQ(m.find_bucket("added"), &m.buckets.back());
}

}  // namespace
}  // namespace bucketlint
