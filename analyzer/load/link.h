#pragma once

// The linking pass after all documents are bound: accounts <-> canonical IDs (account.json,
// config, and a bucket's ACL owner when the bucket's account is known), distribution ARNs,
// owners of policies, and the one IN012 note saying which missing context would enable more
// rules.

#include <vector>

#include "bucketlint/model.h"

namespace bucketlint {

// `unbound`: documents that could not be tied to an entity (e.g. ownership controls given
// without a bucket), for the IN012 note. `context_note`: add the run-level IN012 note (once per
// run: load_inputs does, load_text does not).
void link_model(Model& model, const std::vector<SourceRef>& unbound, bool context_note);

// The account ID an AWS principal value names ("222222222222", "arn:aws:iam::222222222222:...");
// empty for "*", services, OAIs and malformed values.
std::string principal_account(std::string_view value);

}  // namespace bucketlint
