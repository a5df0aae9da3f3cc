// IdentityDirectory's reverse indexes (canonical ID -> account / OAI) answer as the scan they
// replace: case-insensitively, the first entry in map order, and by scanning when the maps were
// changed after index().

#include <gtest/gtest.h>

#include <string>

#include "bucketlint/eval.h"

namespace bucketlint::eval {
namespace {

const std::string kCanonA(64, 'a');
const std::string kCanonB(64, 'b');

TEST(IdentityDirectory, IndexedLookupsEqualTheScan) {
  IdentityDirectory scanned;
  scanned.account_canonical_ids["222222222222"] = kCanonB;
  scanned.account_canonical_ids["111111111111"] = kCanonA;
  scanned.account_canonical_ids["333333333333"] = kCanonA;  // the same ID twice: the first wins
  scanned.oai_canonical_ids["E74FTE3AEXAMPLE"] = kCanonB;
  IdentityDirectory indexed = scanned;
  indexed.index();
  for (const IdentityDirectory* d : {&scanned, &indexed}) {
    EXPECT_EQ(d->account_for_canonical_id(kCanonA), "111111111111");
    EXPECT_EQ(d->account_for_canonical_id(std::string(64, 'A')), "111111111111");
    EXPECT_EQ(d->account_for_canonical_id(kCanonB), "222222222222");
    EXPECT_EQ(d->account_for_canonical_id(std::string(64, 'c')), std::nullopt);
    EXPECT_EQ(d->oai_for_canonical_id(std::string(64, 'B')), "E74FTE3AEXAMPLE");
    EXPECT_EQ(d->oai_for_canonical_id(kCanonA), std::nullopt);
  }
}

TEST(IdentityDirectory, MapsChangedAfterIndexAreScanned) {
  IdentityDirectory d;
  d.account_canonical_ids["111111111111"] = kCanonA;
  d.index();
  d.account_canonical_ids["222222222222"] = kCanonB;  // not in the index
  EXPECT_EQ(d.account_for_canonical_id(kCanonB), "222222222222");
  d.oai_canonical_ids["E74FTE3AEXAMPLE"] = kCanonA;
  EXPECT_EQ(d.oai_for_canonical_id(kCanonA), "E74FTE3AEXAMPLE");
}

TEST(IdentityDirectory, FromModelIsIndexed) {
  Model model;
  Account a;
  a.id = "111111111111";
  a.canonical_id = kCanonA;
  model.accounts.push_back(a);
  const IdentityDirectory d = directory_from_model(model);
  EXPECT_EQ(d.account_for_canonical_id(std::string(64, 'A')), "111111111111");
}

}  // namespace
}  // namespace bucketlint::eval
