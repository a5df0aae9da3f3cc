// libFuzzer target: the HCL parser and the Terraform source evaluation must survive any bytes
// without crashing, hanging or throwing (STYLE.md section 4), also with a small depth limit.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bucketlint/load.h"
#include "bucketlint/model.h"
#include "load/hcl.h"
#include "load/terraform.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bucketlint::hcl::ParseOptions options;
  options.max_depth = 16;
  const bucketlint::hcl::ParseResult parsed = bucketlint::hcl::parse(text, options);
  bucketlint::Model model;
  model.default_account = "111111111111";
  bucketlint::read_terraform_text(model, "fuzz.tf", text, 16);
  const std::string dump = bucketlint::describe_model(model);
  return dump.empty() || parsed.errors.size() > 1 ? 1 : 0;
}
