#include "model/text.h"

namespace bucketlint::model {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace bucketlint::model
