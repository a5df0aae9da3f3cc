#pragma once

// Helpers for the loader tests: files from the repository and ../shared, temporary trees.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bucketlint/load.h"
#include "bucketlint/model.h"

namespace bucketlint::testing_util {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ../shared beside the repository; from a git worktree under wt/<name>/ it is ../../shared.
inline std::string shared_path(const std::string& rel) {
  std::string dir = BUCKETLINT_SHARED_DIR;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    dir = std::string(BUCKETLINT_SOURCE_DIR) + "/../../shared";
  return dir + "/" + rel;
}
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
