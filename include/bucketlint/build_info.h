#pragma once

// Facts about this build that only the build system knows.

#include <string_view>

namespace bucketlint {

// The git commit the binary was built from (12 hex digits, "-dirty" when the checkout had
// uncommitted changes), or "unknown" (a source tree without git metadata; see
// cmake/BuildInfo.cmake). Generated at build time.
std::string_view build_commit();

}  // namespace bucketlint
