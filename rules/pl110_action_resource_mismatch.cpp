#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bucketlint/catalogue.h"
#include "bucketlint/finding.h"
#include "bucketlint/model.h"
#include "bucketlint/rule.h"
#include "policy_language.h"
#include "registry_factories.h"

namespace bucketlint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "PL110",
    .name = "action-resource-mismatch",
    .default_severity = Severity::kWarning,
    .stability = Stability::kStable,
    .summary = "an action applies to none of the statement's resources",
    .remediation =
        "add a resource ARN of a type the action takes (e.g. 'arn:aws:s3:::bucket/*' "
        "for object actions, 'arn:aws:s3:::bucket' for bucket actions), or '*' for "
        "actions without resource types",
    .doc = R"md(### What it flags

An action in `Action` for which no value of the statement's `Resource` can match any
resource type the built-in catalogue lists for that action:

- `s3:GetObject` / `s3:PutObject` on `arn:aws:s3:::bucket` only (they take object ARNs,
  `bucket/key`);
- `s3:ListBucket` on `arn:aws:s3:::bucket/*` only (it takes the bucket ARN);
- an action with no resource types (only `"Resource": "*"`), such as `s3:ListAllMyBuckets`,
  on specific ARNs.

Resource values are matched as IAM wildcards against the catalogue's ARN patterns (each
`${...}` placeholder, and each policy variable in the policy, standing for any text). A
wildcard action (`s3:Get*`) is flagged only when none of the actions it matches fits. A
statement with `"Resource": "*"`, `NotAction` or `NotResource` is not judged; nor are
resource values that are not ARNs.

### Why it matters

IAM authorises an action against the resource of the request; a statement whose resources
cannot be that resource never applies to the action (docs/aws-semantics.md 5.4;
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example3.html).
The classic case is an `Allow` of `s3:GetObject` on the bucket ARN, which grants no read at
all, or a `Deny` of `s3:DeleteObject` on the bucket ARN, which protects nothing.

### Example

Failing:

```json
{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
 "Resource": "arn:aws:s3:::media"}
```

Fixed:

```json
{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
 "Resource": ["arn:aws:s3:::media", "arn:aws:s3:::media/*"]}
```

### How to fix

Add the ARN form the action needs, or split the statement by resource type.

### Known gaps

- Actions the catalogue lists without any resource type (`Resource: "*"` only) are reported
  as notes, not warnings: the catalogue is not reliable there (AWS's own managed policies
  grant `iam:ListRoles` or `ram:CreateResourceShare` on specific ARNs, and some such actions
  are in fact evaluated against a resource). Over the 1,644 AWS managed policies 630 of 632
  raw findings were of this kind.
- ARN patterns are compared as text: an ARN with a wrong Region or account field for a
  service that has none is reported, as Access Analyzer does, but a resource ID format is
  not validated.
- Condition keys that narrow resources are ignored.

### Access Analyzer

Corresponds to `UNSUPPORTED_RESOURCE_ARN_IN_POLICY` / `INVALID_ARN_RESOURCE` and to the
"no resource of the statement matches a resource type" check of parliament
(`RESOURCE_MISMATCH`); a warning here
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
)md",
};

bool is_star(std::string_view s) { return s.find_first_not_of('*') == std::string_view::npos; }

// "arn:partition:service:region:account:resource" split at its first five colons.
std::optional<std::array<std::string_view, 6>> split_arn(std::string_view arn) {
  std::array<std::string_view, 6> out;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    out[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  out[5] = arn;
  return out;
}

// A glob with its ARN fields split once (nullopt: fewer than six fields).
struct SplitGlob {
  std::string text;
  std::optional<std::array<std::string_view, 6>> fields;
  explicit SplitGlob(std::string t) : text(std::move(t)), fields(split_arn(text)) {}
  SplitGlob(const SplitGlob&) = delete;  // `fields` points into `text`
  SplitGlob& operator=(const SplitGlob&) = delete;
};

// True when some ARN can match both the policy resource glob and the catalogue ARN glob.
// Field by field for partition, service, Region and account (a placeholder there never spans
// a colon), then the resource part as a whole. A policy value whose wildcard swallows the
// field structure ("arn:aws:*") is compared as one string.

bool arn_globs_intersect(const SplitGlob& resource_glob, const SplitGlob& type) {
  const std::string_view resource = resource_glob.text;
  const std::string_view type_glob = type.text;
  const auto& r = resource_glob.fields;
  const auto& t = type.fields;
  if (!r || !t) return pl::globs_intersect(resource, type_glob, true);
  // The service first: the field that most often differs.
  constexpr std::array<std::size_t, 4> kFieldOrder{2, 1, 3, 4};
  for (const std::size_t i : kFieldOrder) {
    if (!pl::globs_intersect((*r)[i], (*t)[i], true)) return false;
  }
  return pl::globs_intersect((*r)[5], (*t)[5], true);
}

// A resource value of the statement as a glob, and a number for its text (TypeFits::id).
struct Resource {
  std::uint32_t id = 0;
  std::unique_ptr<SplitGlob> glob;
};

// Catalogue ARN patterns turned into globs, memoised for one check() call: the catalogue
// has a few hundred distinct patterns, and a policy asks about the same ones again and again.
// Keyed by the pattern's address (the catalogue's strings are static and unique per table
// entry), with the text compared as well so that two equal patterns share nothing wrongly.
// Each entry also remembers whether the pattern fits the resources of the statement being
// checked: the actions of a statement share few resource types (every S3 object action takes
// 'object'), so each pattern is compared with a statement's resources once. And the answer
// for one resource value and pattern is kept for the whole call: policies repeat the same
// resources ('arn:aws:s3:::*', 'arn:aws:logs:*:*:*') in many statements.
class TypeFits {
 public:
  using Resources = std::vector<Resource>;

  // A number per distinct resource text of the call, for the memo of answers.
  std::uint32_t id(std::string_view resource) {
    return resource_ids_.try_emplace(resource, static_cast<std::uint32_t>(resource_ids_.size()))
        .first->second;
  }

  // Starts a statement: fits() answers for these resources until the next call.
  void start_statement(const Resources& resources) {
    resources_ = &resources;
    ++statement_;
  }

  // True when some resource of the statement can match the ARN pattern.
  bool fits(std::string_view arn_pattern) {
    Entry& e = entry(arn_pattern);
    if (e.statement != statement_) {
      e.statement = statement_;
      e.fits = std::any_of(resources_->begin(), resources_->end(),
                           [&](const Resource& r) { return intersects(r, e); });
    }
    return e.fits;
  }

 private:
  struct Entry {
    std::string text;
    std::unique_ptr<SplitGlob> glob;
    std::uint32_t id = 0;       // of this glob, for the memo of answers
    std::size_t statement = 0;  // the statement `fits` was computed for; 0: none
    bool fits = false;
  };

  bool intersects(const Resource& r, const Entry& type) {
    const std::uint64_t key = (std::uint64_t{r.id} << 32) | type.id;
    const auto [it, inserted] = intersects_.try_emplace(key, false);
    if (inserted) it->second = arn_globs_intersect(*r.glob, *type.glob);
    return it->second;
  }

  Entry& entry(std::string_view arn_pattern) {
    auto [it, inserted] = entries_.try_emplace(arn_pattern.data());
    Entry& e = it->second;
    if (inserted || e.text != arn_pattern) {
      e.text = std::string(arn_pattern);
      e.glob = std::make_unique<SplitGlob>(pl::arn_pattern_to_glob(arn_pattern));
      e.id = next_glob_id_++;  // a new glob: answers about the old one no longer apply
      e.statement = 0;
    }
    return e;
  }

  std::unordered_map<const char*, Entry> entries_;
  std::uint32_t next_glob_id_ = 0;
  std::unordered_map<std::string_view, std::uint32_t> resource_ids_;  // views into the model
  std::unordered_map<std::uint64_t, bool> intersects_;  // (resource id, glob id) -> answer
  const Resources* resources_ = nullptr;
  std::size_t statement_ = 0;
};

// True when some resource of the statement can be a resource of the action.
bool action_fits(const catalogue::ActionInfo& action, TypeFits& type_fits) {
  const auto types = catalogue::resource_types(action);
  if (types.empty()) return false;  // only "*" fits; the caller skips statements with "*"
  for (const auto& type : types) {
    if (type.arn_pattern.empty()) return true;  // unknown pattern: assume it fits
    if (type_fits.fits(type.arn_pattern)) return true;
  }
  return false;
}

std::string describe_types(const catalogue::ActionInfo& action) {
  const auto types = catalogue::resource_types(action);
  if (types.empty()) return "it takes only Resource '*'";
  std::string out = "it takes ";
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += i + 1 == types.size() ? " or " : ", ";
    out += fmt::format("'{}' ({})", types[i].name, types[i].arn_pattern);
  }
  return out;
}

class ActionResourceMismatch final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void check(const RuleContext& ctx, FindingSink& sink) const override {
    const Model& model = ctx.model;
    TypeFits type_fits;
    pl::for_each_statement(model, [&](const PolicyDocument&, const Statement& stmt) {
      if (!stmt.action.present || stmt.action.is_not) return;
      if (!stmt.resource.present || stmt.resource.is_not || stmt.resource.values.empty()) return;
      TypeFits::Resources resources;
      for (const LocatedString& r : stmt.resource.values) {
        if (is_star(r.value) || !r.value.starts_with("arn:") || has_unresolved_part(r.value)) {
          return;  // not judged
        }
        resources.push_back(
            {type_fits.id(r.value), std::make_unique<SplitGlob>(pl::variables_to_star(r.value))});
      }
      type_fits.start_statement(resources);
      for (const LocatedString& a : stmt.action.values) {
        const auto parts = pl::split_action(a.value);
        if (!parts || is_star(a.value) || pl::has_wildcard(parts->service)) continue;
        if (!pl::has_wildcard(parts->name)) {
          const auto action = catalogue::find_action(a.value);
          if (!action || action_fits(*action, type_fits)) continue;
          Finding f =
              make_finding(kInfo, a.where,
                           fmt::format("action '{}' applies to none of the resources of {}; {}",
                                       a.value, stmt.label(), describe_types(*action)));
          f.notes.push_back({stmt.resource.where, "the statement's resources"});
          if (catalogue::resource_types(*action).empty())
            f.severity = Severity::kNote;  // see "Known gaps"
          sink.report(std::move(f));
          continue;
        }
        const auto matched = catalogue::actions_matching(a.value);
        if (matched.empty()) continue;  // PL103
        bool any = false;
        bool all_star_only = true;
        for (const auto& action : matched) {
          all_star_only = all_star_only && catalogue::resource_types(action).empty();
          if (action_fits(action, type_fits)) {
            any = true;
            break;
          }
        }
        if (any) continue;
        Finding f = make_finding(
            kInfo, a.where,
            fmt::format("none of the {} actions matched by '{}' applies to the resources of {}",
                        matched.size(), a.value, stmt.label()));
        f.notes.push_back({stmt.resource.where, "the statement's resources"});
        if (all_star_only) f.severity = Severity::kNote;
        sink.report(std::move(f));
      }
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_action_resource_mismatch() {
  return std::make_unique<ActionResourceMismatch>();
}

}  // namespace bucketlint::rules
