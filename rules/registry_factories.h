#pragma once

// Factory declarations for the built-in rules, one per rule file, in ID order.

#include <memory>

#include "bucketlint/rule.h"

namespace bucketlint::rules {}  // namespace bucketlint::rules
