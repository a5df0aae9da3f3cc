#pragma once

// Which files of a walked directory bucketlint reads (issue "input selection"). A directory of
// an ordinary repository holds package.json, tsconfig.json, editor settings and much more; only
// files that are documents bucketlint reads are analysed, the others are skipped (counted and
// listed with --verbose / --list-inputs) without changing the exit code. A file named on the
// command line is always read.
//
// The one place that knows the input formats: a new format (YAML templates, .tf files, ...) adds
// a value to InputFormat, its names to input_format_by_name() and, when a broken file of that
// format can be told apart from a stranger's file, a test to clearly_ours().

#include <cstddef>
#include <string_view>

namespace bucketlint {

enum class InputFormat {
  kNone,      // never read during a walk (skipped without opening)
  kJson,      // read, parsed and classified by content (policies, AWS CLI output, snapshots)
  kTemplate,  // .yaml, .yml, .template: read when it is a CloudFormation template
};

// The format a walked file's name announces; kNone for files that are not even opened.
InputFormat input_format_by_name(std::string_view file_name);

// True when a walked file that could not be read as a document (broken JSON, empty, unknown
// kind, too large) is still clearly meant for bucketlint, so its problem is reported instead of
// the file being skipped: a name containing "policy", or a head (the first bytes of the file)
// that starts like an IAM policy or holds an IAM policy version date, or an empty file.
bool clearly_ours(std::string_view file_name, std::string_view head);

// README, LICENSE, *.md and the like: skipped (and listed) inside snapshot folders, where any
// other file that is not a document is reported.
bool is_documentation_file(std::string_view file_name);

// How many leading bytes clearly_ours() looks at.
inline constexpr std::size_t kHeadBytes = 4096;

}  // namespace bucketlint
