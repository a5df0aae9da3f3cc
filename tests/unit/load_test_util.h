#pragma once

// Helpers for the loader tests: fixture files of the repository, the optional external corpus,
// temporary trees.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bucketlint/load.h"
#include "bucketlint/model.h"

namespace bucketlint::testing_util {

// The whole file; a file that cannot be opened is a test failure (and yields "").
inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A file committed under tests/fixtures/ (see tests/fixtures/README.md for provenance).
inline std::string fixture_path(const std::string& rel) {
  return std::string(BUCKETLINT_SOURCE_DIR) + "/tests/fixtures/" + rel;
}

// The optional external data directory (a `corpus/` of real-world policies), which is not part
// of the repository: $BUCKETLINT_SHARED_DIR when set, else the directory configured in CMake.
// nullopt when it does not hold `sub`; tests over it then GTEST_SKIP with the reason.
inline std::optional<std::filesystem::path> external_data_dir(const std::string& sub) {
  const char* env = std::getenv("BUCKETLINT_SHARED_DIR");
  const std::filesystem::path dir = std::filesystem::path(env ? env : BUCKETLINT_SHARED_DIR) / sub;
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return dir;
  return std::nullopt;
}
inline constexpr const char* kNoCorpus =
    "external corpus not found: set BUCKETLINT_SHARED_DIR to a directory holding corpus/ to run "
    "this test";
inline std::string source_path(const std::string& rel) {
  return std::string(BUCKETLINT_SOURCE_DIR) + "/" + rel;
}

inline std::vector<std::string> diagnostic_ids(const Model& model) {
  std::vector<std::string> ids;
  for (const LoadDiagnostic& d : model.diagnostics) ids.emplace_back(d.rule_id);
  return ids;
}

inline const LoadDiagnostic* find_diagnostic(const Model& model, std::string_view id) {
  for (const LoadDiagnostic& d : model.diagnostics) {
    if (d.rule_id == id) return &d;
  }
  return nullptr;
}

// A temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("bucketlint-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_.generic_string(); }
  std::string write(const std::string& rel, const std::string& text) const {
    const std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.generic_string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace bucketlint::testing_util
