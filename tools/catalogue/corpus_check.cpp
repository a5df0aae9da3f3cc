// Corpus proof for the catalogue-backed PL rules: loads every .json file under the given
// directories, runs the built-in rules and prints counts per rule and every finding of the
// chosen severity. Not built by CMake (a one-off check, not a test); build against the
// library of a configured build directory:
//
//   g++ -std=c++20 -O2 -Iinclude -Ianalyzer tools/catalogue/corpus_check.cpp \
//       build/libbucketlint_core.a -lfmt -lre2 -lyaml-cpp -o build/corpus_check
//   build/corpus_check [--show all|error|warning|note|RULEID] DIR...

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bucketlint/engine.h"
#include "bucketlint/load.h"
#include "bucketlint/rule.h"

int main(int argc, char** argv) {
  using namespace bucketlint;
  std::string show;
  bool timing = false;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--time") {
      timing = true;
    } else if (arg == "--show" && i + 1 < argc) {
      show = argv[++i];
    } else {
      dirs.push_back(arg);
    }
  }
  const auto rules = make_builtin_rules();
  for (const std::string& dir : dirs) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::map<std::string, std::size_t> counts;
    std::map<std::string, std::size_t> file_counts;
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      Model model;
      load_text(model, path.string(), ss.str());
      const EngineResult result = run_rules(model, rules);
      std::map<std::string, bool> seen;
      for (const Finding& f : result.findings) {
        const std::string id(f.rule->id);
        if (!id.starts_with("PL1")) continue;
        ++counts[id];
        if (!seen[id]) ++file_counts[id];
        seen[id] = true;
        if (show == "all" || show == id || show == severity_name(f.severity)) {
          fmt::print("{}:{}:{}: {}: {} [{}]\n", f.where.file, f.where.line, f.where.column,
                     severity_name(f.severity), f.message, id);
        }
      }
    }
    if (timing) {
      // Seconds per rule over the whole folder (loading excluded).
      std::vector<Model> models(files.size());
      for (std::size_t i = 0; i < files.size(); ++i) {
        std::ifstream in(files[i], std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        load_text(models[i], files[i].string(), ss.str());
      }
      for (const auto& rule : rules) {
        std::vector<std::unique_ptr<Rule>> one = make_builtin_rules();
        std::erase_if(one, [&](const auto& r) { return r->info().id != rule->info().id; });
        const auto start = std::chrono::steady_clock::now();
        for (const Model& m : models) (void)run_rules(m, one);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        fmt::print("  {} {:.3f} s\n", rule->info().id, took.count());
      }
    }
    fmt::print("== {} ({} files)\n", dir, files.size());
    for (const auto& [id, n] : counts) {
      fmt::print("  {} {:6} findings in {:4} files\n", id, n, file_counts[id]);
    }
  }
  return 0;
}
