#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "bucketlint/load.h"
#include "load/binder.h"
#include "load/cloudformation.h"
#include "load/config_file.h"
#include "load/documents.h"
#include "load/gitignore.h"
#include "load/input_select.h"
#include "load/link.h"
#include "load/read.h"
#include "load/terraform.h"
#include "model/path_glob.h"

namespace bucketlint {

namespace fs = std::filesystem;

namespace {

// Adds the source to the model and parses it: IN004 empty, IN003 invalid UTF-8, IN001/2/6 from
// the parser. Returns the parsed tree, or nullptr when nothing could be read. With `streamed`, an
// AWS Config export is read item by item instead (read_config_export) into *streamed, and
// nullptr is returned.
const JsonValue* parse_source(Model& model, std::string display_path, std::string text,
                              int max_depth, const SourceFile** source_out,
                              std::optional<LoadedDocument>* streamed = nullptr) {
  model.sources.push_back(std::make_unique<SourceFile>(std::move(display_path), std::move(text)));
  const SourceFile& src = *model.sources.back();
  *source_out = &src;
  const std::string_view body = std::string_view(src.text()).substr(src.content_start());
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    model.diagnostics.push_back(
        {"IN004", src.ref(src.content_start(), ""), "file is empty", true, {}});
    return nullptr;
  }
  if (streamed != nullptr) {
    *streamed = read_config_export(model, src, max_depth);
    if (*streamed) return nullptr;
  }
  JsonParseOptions options;
  options.max_depth = max_depth;
  options.start = src.content_start();
  JsonParseResult parsed = parse_json(src.text(), options);
  // A file that is not UTF-8 is reported as such instead of its parse errors. The parser
  // validates every byte it reads, so only a failed parse can hide invalid UTF-8: the separate
  // scan of the whole file is needed only then.
  if (!parsed.value) {
    if (const std::size_t bad = first_invalid_utf8(src.text(), src.content_start());
        bad != std::string_view::npos) {
      model.diagnostics.push_back(
          {"IN003",
           src.ref(bad, ""),
           fmt::format("byte 0x{:02X} is not valid UTF-8 (save the file as UTF-8)",
                       static_cast<unsigned char>(src.text()[bad])),
           true,
           {}});
      return nullptr;
    }
  }
  std::size_t last_duplicate = model.diagnostics.size();
  for (const JsonError& e : parsed.errors) {
    if (e.kind == JsonErrorKind::kDuplicateKey) last_duplicate = model.diagnostics.size();
    model.diagnostics.push_back(
        {json_error_rule(e.kind), src.ref(e.offset, ""), e.message, e.fatal, {}});
  }
  if (parsed.duplicate_keys_left_out > 0 && last_duplicate < model.diagnostics.size()) {
    const std::size_t n = parsed.duplicate_keys_left_out;
    model.diagnostics[last_duplicate].notes.push_back(
        {src.ref(0, ""),
         fmt::format("{} more IN002 finding{} in this file left out (at most {} per rule and "
                     "file are reported)",
                     n, n == 1 ? "" : "s", kMaxDuplicateKeyErrors)});
  }
  if (!parsed.value) return nullptr;
  model.trees.push_back(std::make_unique<JsonValue>(std::move(*parsed.value)));
  return model.trees.back().get();
}

// What an account folder holds besides its entity folders.
constexpr std::string_view kAccountFolderFiles =
    "a {} does not belong in an account folder (files there: 'account.json', 'collection.json' "
    "and whole-account AWS CLI output: s3control get-public-access-block, "
    "iam get-account-authorization-details, iam list-roles, "
    "s3api list-buckets, cloudfront list-distributions, "
    "list-cloud-front-origin-access-identities, list-origin-access-controls, organizations "
    "describe-organization, list-accounts, ec2 describe-flow-logs, cloudtrail describe-trails; "
    "folders: buckets/, roles/, users/, policies/, distributions/, origin-access-identities/, "
    "origin-access-controls/, kms-keys/, access-points/, load-balancers/)";

// True when path::lexically_normal() leaves the relative or absolute path `p` unchanged: no
// empty, "." or ".." component (a trailing '/' stays in normal form too).
bool is_lexically_normal(std::string_view p) {
  if (p.empty()) return false;
  std::size_t i = p.front() == '/' ? 1 : 0;
  while (i < p.size()) {
    const std::size_t end = std::min(p.find('/', i), p.size());
    const std::string_view component = p.substr(i, end - i);
    if (component.empty() || component == "." || component == "..") return false;
    i = end + 1;
  }
  return true;
}

std::string display_join(const std::string& base, const fs::path& rel) {
  if (base.empty() || base == ".") return rel.generic_string();
  // A directory walk joins names to an already normal directory once per file: concatenate
  // then, instead of building and normalising a path (same result, a tenth of the work).
  const std::string& name = rel.native();
  if (name.front() != '/' && is_lexically_normal(name) && is_lexically_normal(base)) {
    std::string joined;
    joined.reserve(base.size() + 1 + name.size());
    joined.append(base);
    if (joined.back() != '/') joined.push_back('/');
    joined.append(name);
    return joined;
  }
  return (fs::path(base) / rel).lexically_normal().generic_string();
}

class InputLoader {
 public:
  InputLoader(const LoadOptions& options, LoadResult& result)
      : options_(options), result_(result), m_(result.model), binder_(result.model) {}

  void run() {
    m_.default_account = options_.account;
    const std::string cwd = canonical_dir_of("./x");
    for (const std::string& glob : options_.excludes) add_exclude(glob, cwd, nullptr);
    load_config();
    for (const std::string& path : options_.paths) {
      if (path == "-") {
        if (options_.stdin_over_limit) {
          too_large("<stdin>", 0);
          continue;
        }
        std::optional<LoadedDocument> doc = load_text_doc("<stdin>", options_.stdin_text);
        if (doc) binder_.bind_loose(*doc, "<stdin>");
        continue;
      }
      std::error_code ec;
      const fs::file_status st = fs::status(path, ec);
      if (ec || !fs::exists(st)) {
        unreadable(path, "no such file or directory");
        continue;
      }
      if (fs::is_directory(st)) {
        load_directory(path);
      } else if (looks_like_terraform_source(path)) {
        // A .tf file stands for its module: the .tf files of its folder.
        const fs::path parent =
            fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
        tf_root_ = parent;
        load_terraform(parent, fs::path(path).parent_path().generic_string());
        tf_root_.clear();
      } else if (options_.select_named_files) {
        load_named_as_walked(path);
      } else {
        explicit_file_ = true;
        load_loose_file(path, path, fs::path(path).parent_path().generic_string());
        explicit_file_ = false;
      }
    }
    binder_.finish_loose();
    bind_templates();
    load_templates(m_, templates_, options_.max_depth);
    link_model(m_, binder_.unbound(), true);
    release_trees();
  }

 private:
  void unreadable(const std::string& display, std::string_view why) {
    m_.diagnostics.push_back({"IN007",
                              SourceRef{display, "", 0, 0},
                              fmt::format("cannot read '{}': {}", display, why),
                              true,
                              {}});
  }

  // What a file is remembered by once read: device and inode, so that a file reached by two
  // paths (a link, a config binding and a walk) is read once and no path is canonicalised.
  struct FileId {
    dev_t dev = 0;
    ino_t ino = 0;
    auto operator<=>(const FileId&) const = default;
  };
  static FileId file_id(const struct stat& st) { return FileId{st.st_dev, st.st_ino}; }

  // Reads a file once; files already loaded (e.g. bound by the config and found again in a
  // directory walk) are skipped. Never blocks: a FIFO or device is reported, not opened for
  // reading.
  std::optional<std::string> read_file(const std::string& display, const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      unreadable(display, errno == ENOENT ? "no such file (a dangling symbolic link?)"
                                          : std::strerror(errno));
      return std::nullopt;
    }
    return read_fd(display, fd, nullptr);
  }

  // Reads the open file `fd` (closed here) when it is a regular file not read before and not
  // over the size limit. With `head` set, a file over the limit leaves its first kHeadBytes
  // there and no diagnostic (the caller decides); `id_out` receives the file's identity.
  std::optional<std::string> read_fd(const std::string& display, int fd, std::string* head,
                                     std::uintmax_t* size_out = nullptr) {
    if (options_.on_file) options_.on_file(display);  // the progress line
    struct Close {
      int fd;
      ~Close() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      unreadable(display, std::strerror(errno));
      return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
      unreadable(display, fmt::format("not a regular file ({})", file_type_name(st.st_mode)));
      return std::nullopt;
    }
    if (!seen_.insert(file_id(st)).second) return std::nullopt;
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size_out != nullptr) *size_out = size;
    if (size > options_.max_file_size) {
      if (head != nullptr) {
        head->resize(kHeadBytes);
        const ssize_t got = ::pread(fd, head->data(), head->size(), 0);
        head->resize(got > 0 ? static_cast<std::size_t>(got) : 0);
        return std::nullopt;
      }
      too_large(display, size);
      return std::nullopt;
    }
    // Read up to the limit plus one byte: a file that grew since fstat is still bounded.
    std::string text;
    text.resize(static_cast<std::size_t>(size) + 1);
    std::size_t got = 0;
    while (got < text.size()) {
      const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        unreadable(display, "read error");
        return std::nullopt;
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got > options_.max_file_size) {
      too_large(display, got);
      return std::nullopt;
    }
    text.resize(got);
    return text;
  }

  // `size` is the size the file system reports; 0 when unknown (standard input, a file that
  // grew while read or reports no size, as under /proc).
  void too_large(const std::string& display, std::uintmax_t size) {
    std::string message =
        size > 0 ? fmt::format("file is {} bytes, over the {} byte limit (--max-file-size)", size,
                               options_.max_file_size)
                 : fmt::format(
                       "input is over the {} byte limit (--max-file-size); the rest was "
                       "not read",
                       options_.max_file_size);
    m_.diagnostics.push_back({"IN005", SourceRef{display, "", 0, 0}, std::move(message), true, {}});
  }

  static std::string_view file_type_name(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
  }

  std::optional<LoadedDocument> load_text_doc(std::string display, std::string text,
                                              std::optional<DocumentKind> kind = std::nullopt) {
    if (!kind) kind = options_.forced_kind;
    if (!kind) {
      // CloudFormation templates are read at the end, all together (see bind_templates).
      if (read_template(m_, display, text, options_.max_depth, templates_)) return std::nullopt;
      if (!display.ends_with(".json") && is_template_file_name(display)) {
        // YAML that is not a template: a walk passes it by; named on the command line, say so.
        if (explicit_file_) {
          m_.sources.push_back(std::make_unique<SourceFile>(display, std::move(text)));
          m_.diagnostics.push_back(
              {"IN008",
               m_.sources.back()->ref(0, ""),
               "this file is not a CloudFormation template (no 'Resources' with 'AWS::' types); "
               "other YAML is not read",
               true,
               {}});
        }
        return std::nullopt;
      }
    }
    const SourceFile* src = nullptr;
    const std::size_t policies = m_.policies.size();
    std::optional<LoadedDocument> streamed;
    const JsonValue* root = parse_source(m_, std::move(display), std::move(text),
                                         options_.max_depth, &src, kind ? nullptr : &streamed);
    if (streamed) return streamed;
    if (root == nullptr) return std::nullopt;
    if (!kind && looks_like_terraform_plan(*root)) {
      read_terraform_plan(m_, *src, *root, options_.max_depth, terraform_binding(src->path()));
      ++terraform_plans_;  // its entities are in the model: the file must not be taken back
      return std::nullopt;
    }
    std::optional<LoadedDocument> doc = read_document(m_, *src, *root, kind, options_.max_depth);
    if (doc && copies_its_tree(doc->kind) && m_.policies.size() == policies &&
        m_.trees.back().get() == root) {
      trees_to_release_.push_back(root);
    }
    return doc;
  }

  // Documents whose model entries copy every string they keep and whose refs point at the file's
  // text only (SourceFile::ref; lazy refs into a tree come from policies alone): their tree is
  // not needed once they are bound.
  static bool copies_its_tree(DocumentKind kind) {
    switch (kind) {
      case DocumentKind::kBucketAcl:
      case DocumentKind::kObjectAcl:
      case DocumentKind::kOwnershipControls:
      case DocumentKind::kPublicAccessBlock:
      case DocumentKind::kBucketEncryption:
      case DocumentKind::kObjectListing:
      case DocumentKind::kDistributionConfig:
      case DocumentKind::kDistribution:
      case DocumentKind::kOriginAccessIdentity:
      case DocumentKind::kOriginAccessControl: return true;
      default: return false;
    }
  }

  // An organisation's snapshot is mostly such files (26 of the 36 files of an account of
  // bench/gen_org): their trees go once the model is linked, before any rule runs.
  void release_trees() {
    const std::set<const JsonValue*> release(trees_to_release_.begin(), trees_to_release_.end());
    std::erase_if(m_.trees,
                  [&](const std::unique_ptr<JsonValue>& t) { return release.contains(t.get()); });
    trees_to_release_.clear();
  }

  std::optional<LoadedDocument> load_file(const std::string& display, const fs::path& path,
                                          std::optional<DocumentKind> kind = std::nullopt) {
    std::optional<std::string> text = read_file(display, path);
    if (!text) return std::nullopt;
    std::optional<LoadedDocument> doc = load_text_doc(display, std::move(*text), kind);
    if (doc && doc->kind == DocumentKind::kUnknown) return std::nullopt;
    return doc;
  }

  void load_loose_file(const std::string& display, const fs::path& path, const std::string& group) {
    std::optional<LoadedDocument> doc = load_file(display, path);
    if (!doc) return;
    hint_object_acl(*doc, display);
    binder_.bind_loose(*doc, group);
  }

  // `get-bucket-acl` and `get-object-acl` print the same shape; a loose file whose name says it
  // is an object ACL ("object-acl.json", ".../object-acls/<key>.json") is read as one, so that
  // its findings name an object ACL and propose put-object-acl.
  void hint_object_acl(LoadedDocument& doc, std::string_view display) const {
    if (doc.kind == DocumentKind::kBucketAcl && !options_.forced_kind &&
        names_object_acl(display)) {
      doc.kind = DocumentKind::kObjectAcl;
    }
  }

  static bool names_object_acl(std::string_view display) {
    std::string lower(display);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("object-acl") != std::string::npos ||
           lower.find("object_acl") != std::string::npos ||
           lower.find("objectacl") != std::string::npos;
  }

  // The entries of a snapshot directory `dir` sorted by name, each a directory or a regular
  // file: links that are dangling or lead out of the repository and special files (FIFOs,
  // devices) are reported (IN007) and left out; links inside the repository are followed.
  std::vector<fs::directory_entry> sorted_entries(const fs::path& dir) {
    std::vector<std::pair<std::string, fs::directory_entry>> named;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      named.emplace_back(it->path().filename().string(), *it);
    }
    if (ec) unreadable(dir.generic_string(), ec.message());
    std::sort(named.begin(), named.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<fs::directory_entry> entries;
    entries.reserve(named.size());
    for (auto& [name, entry] : named) {
      const std::string display = display_join(dir.generic_string(), name);
      std::error_code e1;
      if (entry.is_symlink(e1)) {
        std::string target;
        if (!follow_link(display, entry.path().string(), true, &target)) continue;
      }
      std::error_code e2;
      const fs::file_status st = entry.status(e2);
      if (!e2 && !fs::is_directory(st) && !fs::is_regular_file(st)) {
        unreadable(display, "not a regular file or directory (a FIFO, socket or device)");
        continue;
      }
      entries.push_back(std::move(entry));
    }
    return entries;
  }

  // A regular file in a snapshot folder: true when it is read (a .json file, in any case);
  // other files are reported (IN011) so a renamed document never disappears in silence.
  // Hidden files that are not JSON (.gitkeep, .DS_Store) are skipped and listed.
  bool snapshot_file(const fs::directory_entry& e, const std::string& display) {
    std::error_code ec;
    if (!e.is_regular_file(ec)) return false;
    const std::string name = e.path().filename().string();
    if (input_format_by_name(name) == InputFormat::kJson) return true;
    if (name.starts_with('.') || is_documentation_file(name)) {
      skipped(display, "a hidden or documentation file in a snapshot folder",
              SkippedInput::Why::kName);
      return false;
    }
    binder_.layout(SourceRef{display, "", 0, 0},
                   "file is not read: documents in a snapshot folder are '.json' files (rename "
                   "it to end in '.json', or move it out of the snapshot)");
    return false;
  }

  // A regular file where a snapshot expects none: true when it is to be reported (hidden files
  // that are not JSON are listed as skipped instead).
  bool stray_file(const fs::directory_entry& e, const std::string& display) {
    std::error_code ec;
    if (!e.is_regular_file(ec)) return false;
    const std::string name = e.path().filename().string();
    if ((name.starts_with('.') || is_documentation_file(name)) &&
        input_format_by_name(name) == InputFormat::kNone) {
      skipped(display, "a hidden or documentation file in a snapshot folder",
              SkippedInput::Why::kName);
      return false;
    }
    return true;
  }

  // Resolves the symbolic link at `path` (shown as `display`). Returns false, after reporting
  // (IN007) or listing it as skipped, when the link is dangling, a loop, or leads out of the
  // repository being linted; else `target` is its canonical target. `report_all`: report
  // every such link (snapshots); else only links named like an input or leading to a folder.
  bool follow_link(const std::string& display, const std::string& path, bool report_all,
                   std::string* target) {
    const bool named_like_input =
        report_all ||
        input_format_by_name(fs::path(display).filename().string()) != InputFormat::kNone;
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (resolved == nullptr) {
      const int err = errno;
      const std::string why =
          err == ENOENT ? "a dangling symbolic link (its target does not exist)"
          : err == ELOOP
              ? "a symbolic link in a loop of links"
              : fmt::format("a symbolic link that cannot be resolved ({})", std::strerror(err));
      if (named_like_input) {
        unreadable(display, why);
      } else {
        skipped(display, why);
      }
      return false;
    }
    target->assign(resolved);
    std::free(resolved);  // NOLINT(cppcoreguidelines-no-malloc): realpath's buffer
    struct stat st {};
    const bool is_dir = ::stat(target->c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    if (!inside(*target, repo_root_)) {
      if (named_like_input || is_dir) {
        m_.diagnostics.push_back(
            {"IN007",
             SourceRef{display, "", 0, 0},
             fmt::format("'{}' is a symbolic link to a place outside the repository being "
                         "linted ('{}'); it is not followed",
                         display, repo_root_),
             true,
             {}});
      } else {
        skipped(display, "a symbolic link out of the repository");
      }
      return false;
    }
    return true;
  }

  void skipped(const std::string& display, std::string reason,
               SkippedInput::Why why = SkippedInput::Why::kContent) {
    result_.skipped.push_back({display, std::move(reason), why});
  }

  // ---- directory walk -------------------------------------------------------------------------

  static bool inside(std::string_view path, std::string_view root) {
    if (root.empty()) return false;
    if (root == "/") return true;
    return path == root || (path.starts_with(root) && path[root.size()] == '/');
  }

  static std::string join_canonical(const std::string& dir, const std::string& name) {
    std::string out = dir;
    if (out.empty() || out.back() != '/') out.push_back('/');
    out += name;
    return out;
  }

  // The root of the git work tree holding the canonical directory `dir` (the nearest ancestor
  // with a `.git` entry), else `dir` itself.
  static std::string repository_root(const std::string& dir) {
    fs::path p(dir);
    while (true) {
      struct stat st {};
      if (::lstat((p / ".git").c_str(), &st) == 0) return p.string();
      if (!p.has_relative_path()) break;
      p = p.parent_path();
    }
    return dir;
  }

  // Folders never walked (named on the command line they are still read).
  static bool excluded_by_default(std::string_view name) {
    return name == ".git" || name == "node_modules" || name == ".terraform" || name == "vendor";
  }

  // An --exclude or config `exclude:` glob that matches the entry, or nullptr.
  const std::string* exclude_match(const std::string& name, const std::string& canonical,
                                   bool is_dir) const {
    for (const ExcludeGlob& g : excludes_) {
      if (g.dir_only && !is_dir) continue;
      if (g.component) {
        if (g.glob.matches(name)) return &g.text;
        continue;
      }
      if (!inside(canonical, g.base) || canonical.size() == g.base.size()) continue;
      const std::size_t skip = g.base == "/" ? 1 : g.base.size() + 1;
      if (g.glob.matches(std::string_view(canonical).substr(skip))) return &g.text;
    }
    return nullptr;
  }

  bool excluded(const std::string& name, const std::string& display, const std::string& canonical,
                bool is_dir) {
    if (is_dir && excluded_by_default(name)) {
      skipped(display, "excluded by default", SkippedInput::Why::kExcluded);
      return true;
    }
    if (const std::string* glob = exclude_match(name, canonical, is_dir)) {
      skipped(display, fmt::format("excluded by '{}'", *glob), SkippedInput::Why::kExcluded);
      return true;
    }
    return false;
  }

  struct DeferredLink {
    std::string display;
    std::string target;  // canonical
    std::string group;   // display path of the folder holding the link
    int depth = 0;
    bool is_dir = false;
  };

  void load_directory(const std::string& dir) {
    char* resolved = ::realpath(dir.c_str(), nullptr);
    if (resolved == nullptr) {
      unreadable(dir, std::strerror(errno));
      return;
    }
    const std::string canonical(resolved);
    std::free(resolved);  // NOLINT(cppcoreguidelines-no-malloc): realpath's buffer
    repo_root_ = repository_root(canonical);
    struct stat git {};
    in_git_ = ::lstat((fs::path(repo_root_) / ".git").c_str(), &git) == 0;
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      unreadable(dir, std::strerror(errno));
      return;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !dirs_.insert(file_id(st)).second) {
      ::close(fd);  // the same directory given twice
      return;
    }
    load_ignores_above(canonical);
    tf_root_ = canonical;
    walk(fd, dir, canonical, 0);
    // Links are followed after the folders they are in, shortest paths first, so each file is
    // reported under its path without links when it has one, else under its shortest one.
    while (!deferred_.empty()) {
      std::vector<DeferredLink> batch = std::move(deferred_);
      deferred_.clear();
      std::stable_sort(batch.begin(), batch.end(), [](const auto& a, const auto& b) {
        return a.depth != b.depth ? a.depth < b.depth : a.display < b.display;
      });
      for (const DeferredLink& link : batch) follow_deferred(link);
    }
  }

  void follow_deferred(const DeferredLink& link) {
    const int fd = ::open(link.target.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
                                                   (link.is_dir ? O_DIRECTORY : 0));
    if (fd < 0) {
      unreadable(link.display, std::strerror(errno));
      return;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      unreadable(link.display, std::strerror(errno));
      return;
    }
    if (link.is_dir) {
      if (!dirs_.insert(file_id(st)).second) {
        ::close(fd);  // a cycle, or a folder already walked under a shorter path
        return;
      }
      if (link.depth > options_.max_dir_depth) {
        ::close(fd);
        too_deep(link.display);
        return;
      }
      load_ignores_above(link.target);
      walk(fd, link.display, link.target, link.depth);
      return;
    }
    if (seen_.contains(file_id(st))) {
      ::close(fd);
      return;
    }
    load_walked(fd, link.display, fs::path(link.display).filename().string(), link.group);
  }

  void too_deep(const std::string& display) {
    m_.diagnostics.push_back(
        {"IN007",
         SourceRef{display, "", 0, 0},
         fmt::format("folder '{}' is nested more than {} folders deep below the path given; it "
                     "is not walked (name it on the command line to lint it)",
                     display, options_.max_dir_depth),
         true,
         {}});
  }

  // The .tf files of a folder form one Terraform module; module sources stay inside the folder
  // given (tf_root_).
  void load_terraform(const fs::path& dir, const std::string& display) {
    TerraformSourceOptions o;
    o.max_depth = options_.max_depth;
    o.root = tf_root_.empty() ? dir : tf_root_;
    o.read = [this](const std::string& d, const fs::path& p) { return read_file(d, p); };
    o.suppressions = &result_.settings.suppressions;
    o.binding = terraform_binding(dir.generic_string());
    read_terraform_source(m_, display, dir, o);
  }

  // Walks the open directory `fd` (closed here) shown as `display`, with canonical path
  // `canonical`: names are read once, entries are examined relative to `fd` (no path is
  // resolved again), so the walk is linear in the number of entries.
  void walk(int fd, const std::string& display, const std::string& canonical, int depth) {
    struct CloseDir {
      void operator()(DIR* d) const { ::closedir(d); }
    };
    const std::unique_ptr<DIR, CloseDir> dir(::fdopendir(fd));
    if (dir == nullptr) {
      ::close(fd);
      unreadable(display, std::strerror(errno));
      return;
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* e = ::readdir(dir.get())) {
      const std::string_view name(e->d_name);
      if (name != "." && name != "..") names.emplace_back(name);
    }
    std::sort(names.begin(), names.end());
    if (std::any_of(names.begin(), names.end(),
                    [](const std::string& n) { return n.ends_with(".tf"); })) {
      load_terraform(fs::path(canonical), display);  // marks its .tf files as read
    }
    const int dfd = ::dirfd(dir.get());
    bool snapshot = false;
    if (std::binary_search(names.begin(), names.end(), "accounts")) {
      struct stat st {};
      snapshot = ::fstatat(dfd, "accounts", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    }
    if (snapshot) {
      m_.has_context = true;
      load_snapshot(display);  // other files beside accounts/ are read as loose documents
    }
    const std::size_t ignore_levels = ignores_.size();
    if (in_git_ && std::binary_search(names.begin(), names.end(), ".gitignore")) {
      const int gfd = ::openat(dfd, ".gitignore", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (gfd >= 0) push_ignores(gfd, canonical);
    }
    for (const std::string& name : names) {
      if (snapshot && name == "accounts") continue;
      const std::string child = display_join(display, name);
      const std::string child_canonical = join_canonical(canonical, name);
      struct stat st {};
      if (::fstatat(dfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        unreadable(child, std::strerror(errno));
        continue;
      }
      if (git_ignored(child_canonical, S_ISDIR(st.st_mode))) {
        skipped(child, "ignored by .gitignore", SkippedInput::Why::kExcluded);
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        if (excluded(name, child, child_canonical, true)) continue;
        if (!dirs_.insert(file_id(st)).second) continue;
        if (depth + 1 > options_.max_dir_depth) {
          too_deep(child);
          continue;
        }
        const int cfd =
            ::openat(dfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (cfd < 0) {
          unreadable(child, std::strerror(errno));
          continue;
        }
        walk(cfd, child, child_canonical, depth + 1);
      } else if (S_ISLNK(st.st_mode)) {
        if (excluded(name, child, child_canonical, false)) continue;
        std::string target;
        if (!follow_link(child, child_canonical, false, &target)) continue;
        struct stat ts {};
        if (::stat(target.c_str(), &ts) != 0) continue;
        if (S_ISDIR(ts.st_mode)) {
          if (!dirs_.contains(file_id(ts))) {
            deferred_.push_back({child, target, display, depth + 1, true});
          }
        } else if (S_ISREG(ts.st_mode)) {
          if (!seen_.contains(file_id(ts)) && input_format_by_name(name) != InputFormat::kNone) {
            deferred_.push_back({child, target, display, depth, false});
          } else if (!seen_.contains(file_id(ts))) {
            skipped(child, "not a file type bucketlint reads", SkippedInput::Why::kName);
          }
        } else {
          special_file(child, name, ts.st_mode);
        }
      } else if (S_ISREG(st.st_mode)) {
        if (excluded(name, child, child_canonical, false)) continue;
        if (seen_.contains(file_id(st))) continue;
        if (input_format_by_name(name) == InputFormat::kNone) {
          skipped(child, "not a file type bucketlint reads", SkippedInput::Why::kName);
          continue;
        }
        const int ffd = ::openat(dfd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (ffd < 0) {
          unreadable(child, std::strerror(errno));
          continue;
        }
        load_walked(ffd, child, name, display);
      } else {
        if (excluded(name, child, child_canonical, false)) continue;
        special_file(child, name, st.st_mode);
      }
    }
    ignores_.resize(ignore_levels);
  }

  // ---- .gitignore (inside a git work tree only) ----------------------------------------------

  // Reads the .gitignore open as `fd` (closed here; regular files up to kMaxGitIgnoreBytes) and
  // pushes its patterns for the folder `dir` (canonical).
  void push_ignores(int fd, const std::string& dir) {
    struct Close {
      int fd;
      ~Close() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::uintmax_t>(st.st_size) > kMaxGitIgnoreBytes) {
      return;
    }
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    const ssize_t got = ::pread(fd, text.data(), text.size(), 0);
    if (got <= 0) return;
    text.resize(static_cast<std::size_t>(got));
    if (std::optional<GitIgnore> rules = GitIgnore::parse(text)) {
      ignores_.push_back({dir, std::move(*rules)});
    }
  }

  // The patterns that apply above the folder `dir` (canonical) about to be walked:
  // .git/info/exclude and the .gitignore files from the work tree's root down to its parent.
  void load_ignores_above(const std::string& dir) {
    ignores_.clear();
    if (!in_git_ || !inside(dir, repo_root_)) return;
    auto push_path = [&](const fs::path& file, const std::string& base) {
      const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0) push_ignores(fd, base);
    };
    push_path(fs::path(repo_root_) / ".git" / "info" / "exclude", repo_root_);
    std::string current = repo_root_;
    while (current.size() < dir.size()) {
      push_path(fs::path(current) / ".gitignore", current);
      const std::size_t next = dir.find('/', current.size() + 1);
      current = dir.substr(0, next == std::string::npos ? dir.size() : next);
    }
  }

  // True when the deepest .gitignore with a matching pattern ignores `canonical`.
  bool git_ignored(const std::string& canonical, bool is_dir) const {
    for (auto it = ignores_.rbegin(); it != ignores_.rend(); ++it) {
      if (!inside(canonical, it->dir) || canonical.size() == it->dir.size()) continue;
      const std::size_t skip = it->dir == "/" ? 1 : it->dir.size() + 1;
      const GitIgnore::Match m = it->rules.match(std::string_view(canonical).substr(skip), is_dir);
      if (m != GitIgnore::Match::kNone) return m == GitIgnore::Match::kIgnored;
    }
    return false;
  }

  // A file named on the command line with --skip-unrecognised: selected as in a walk.
  void load_named_as_walked(const std::string& path) {
    const fs::path p(path);
    const std::string name = p.filename().string();
    for (const fs::path& component : p.parent_path()) {
      if (excluded_by_default(component.native())) {
        skipped(path, "excluded by default", SkippedInput::Why::kExcluded);
        return;
      }
    }
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (resolved == nullptr) {
      unreadable(path, std::strerror(errno));
      return;
    }
    const std::string canonical(resolved);
    std::free(resolved);  // NOLINT(cppcoreguidelines-no-malloc): realpath's buffer
    if (excluded(name, path, canonical, false)) return;
    if (input_format_by_name(name) == InputFormat::kNone) {
      skipped(path, "not a file type bucketlint reads", SkippedInput::Why::kName);
      return;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      unreadable(path, std::strerror(errno));
      return;
    }
    load_walked(fd, path, name, p.parent_path().generic_string());
  }

  // A FIFO, socket or device met in a walk: reported when it is named like an input (it may
  // stand for a document that is missing), else listed as skipped.
  void special_file(const std::string& display, const std::string& name, mode_t mode) {
    if (input_format_by_name(name) != InputFormat::kNone) {
      unreadable(display, fmt::format("not a regular file ({})", file_type_name(mode)));
    } else {
      skipped(display, fmt::format("not a regular file ({})", file_type_name(mode)));
    }
  }

  // A file met in a walk (open as `fd`, closed here): read and classified; when it is not a
  // document bucketlint reads and not clearly meant for it, everything its reading added to
  // the model is taken back and the file is listed as skipped instead.
  void load_walked(int fd, const std::string& display, const std::string& name,
                   const std::string& group) {
    std::string head;
    std::uintmax_t size = 0;
    std::optional<std::string> text = read_fd(display, fd, &head, &size);
    if (!text) {
      if (!head.empty()) {  // over the size limit: reported only when clearly ours
        if (clearly_ours(name, head)) {
          too_large(display, size);
        } else {
          skipped(display, "larger than --max-file-size and not recognised as a document");
        }
      }
      return;
    }
    const bool ours = clearly_ours(name, *text);
    const std::size_t sources = m_.sources.size();
    const std::size_t trees = m_.trees.size();
    const std::size_t policies = m_.policies.size();
    const std::size_t diagnostics = m_.diagnostics.size();
    const std::size_t templates = templates_.size();
    const std::size_t plans = terraform_plans_;
    std::optional<LoadedDocument> doc = load_text_doc(display, std::move(*text));
    if (templates_.size() > templates) return;  // a CloudFormation template, read at the end
    if (terraform_plans_ > plans) return;       // a Terraform plan or state, already in the model
    const bool known = doc && doc->kind != DocumentKind::kUnknown;
    if (known) {
      hint_object_acl(*doc, display);
      binder_.bind_loose(*doc, group);
      return;
    }
    if (input_format_by_name(name) == InputFormat::kTemplate) {
      skipped(display, "YAML that is not a CloudFormation template");
      return;
    }
    if (ours) return;  // its problem (IN001, IN004, IN008, ...) is reported
    m_.sources.resize(sources);
    m_.trees.resize(trees);
    m_.policies.resize(policies);
    m_.diagnostics.erase(m_.diagnostics.begin() + static_cast<std::ptrdiff_t>(diagnostics),
                         m_.diagnostics.end());
    skipped(display, doc ? "not a document kind bucketlint reads" : "not readable as JSON");
  }

  // ---- snapshot directories -----------------------------------------------------------------

  void load_snapshot(const std::string& root) {
    const std::string accounts_dir = display_join(root, "accounts");
    for (const auto& e : sorted_entries(accounts_dir)) {
      const std::string name = e.path().filename().string();
      const std::string display = display_join(accounts_dir, name);
      std::error_code ec;
      if (!e.is_directory(ec)) {
        if (stray_file(e, display)) {
          binder_.layout(SourceRef{display, "", 0, 0},
                         "files directly under 'accounts/' are not read; put them under "
                         "'accounts/<12-digit account id>/'");
        }
        continue;
      }
      if (!is_account_id(name)) {
        binder_.layout(
            SourceRef{display, "", 0, 0},
            fmt::format("'{}' is not a 12-digit account ID; its files are not read", name));
        continue;
      }
      load_account(name, display);
    }
  }

  void load_account(const std::string& id, const std::string& dir) {
    const std::size_t account = binder_.account(id, SourceRef{dir, "", 0, 0});
    for (const auto& e : sorted_entries(dir)) {
      const std::string name = e.path().filename().string();
      const std::string display = display_join(dir, name);
      std::error_code ec;
      if (!e.is_directory(ec)) {
        if (name == "account.json") {
          load_account_file(account, display);
        } else if (name == "collection.json") {
          load_collection_file(id, display);
        } else if (e.is_regular_file(ec) && input_format_by_name(name) == InputFormat::kJson) {
          // Whole-account AWS CLI output: told by content, whatever its name.
          std::optional<LoadedDocument> doc = load_file(display, e.path());
          if (doc && doc->kind == DocumentKind::kPublicAccessBlock && doc->public_access_block) {
            // `aws s3control get-public-access-block --account-id <id>`: the account-level
            // settings, which S3 combines with each bucket's own.
            Account& a = m_.accounts[account];
            if (a.public_access_block) {
              binder_.layout(doc->where, fmt::format("account '{}' already has a public access "
                                                     "block configuration",
                                                     id));
            } else {
              a.public_access_block = doc->public_access_block;
            }
          } else if (doc && !binder_.bind_account_dump(*doc, id)) {
            binder_.layout(doc->where,
                           fmt::format(kAccountFolderFiles, document_kind_name(doc->kind)));
          }
        } else if (stray_file(e, display)) {
          binder_.layout(SourceRef{display, "", 0, 0},
                         fmt::format(kAccountFolderFiles, "file that is not JSON"));
        }
        continue;
      }
      if (name == "buckets") {
        per_entity(display, [&](const std::string& bucket, const std::string& bdir) {
          load_bucket(id, bucket, bdir);
        });
      } else if (name == "roles") {
        per_entity(display, [&](const std::string& role, const std::string& rdir) {
          const std::string arn = fmt::format("arn:aws:iam::{}:role/{}", id, role);
          const std::size_t r = binder_.role(arn, id, role, SourceRef{rdir, "", 0, 0});
          files_in(rdir, [&](LoadedDocument& doc) {
            if (!binder_.attach_to_role(r, doc)) binder_.wrong_kind(doc, "a role folder");
          });
        });
      } else if (name == "users") {
        per_entity(display, [&](const std::string& user, const std::string& udir) {
          const std::string arn = fmt::format("arn:aws:iam::{}:user/{}", id, user);
          const std::size_t u = binder_.user(arn, id, user, SourceRef{udir, "", 0, 0});
          files_in(udir, [&](LoadedDocument& doc) {
            if (!binder_.attach_to_user(u, doc)) binder_.wrong_kind(doc, "a user folder");
          });
        });
      } else if (name == "distributions") {
        per_entity(display, [&](const std::string& dist, const std::string& ddir) {
          const std::size_t d = binder_.distribution(dist, id, SourceRef{ddir, "", 0, 0});
          files_in(ddir, [&](LoadedDocument& doc) {
            // The distribution names its OAC (or OAI) by ID, so `get-origin-access-control`
            // output saved beside it belongs to the account as much as one saved in
            // origin-access-controls/.
            if (!binder_.attach_to_distribution(d, doc) &&
                !binder_.attach_cloudfront_identity(id, doc)) {
              binder_.wrong_kind(doc, "a distribution folder");
            }
          });
        });
      } else if (name == "origin-access-identities" || name == "origin-access-controls") {
        files_in(display, [&](LoadedDocument& doc) {
          if (!binder_.attach_cloudfront_identity(id, doc)) {
            binder_.wrong_kind(doc, fmt::format("'{}/'", name));
          }
        });
      } else if (name == "access-points") {
        per_entity(display, [&](const std::string& ap, const std::string& adir) {
          binder_.access_point(id, ap, SourceRef{adir, "", 0, 0});
          files_in(adir, [&](LoadedDocument& doc) {
            if (doc.access_point && doc.access_point->name != ap) {
              binder_.layout(doc.where,
                             fmt::format("access point '{}' in the folder of access point '{}'",
                                         doc.access_point->name, ap));
              return;
            }
            if (!binder_.attach_to_access_point(doc, id, "")) {
              binder_.wrong_kind(doc, "an access point folder");
            }
          });
        });
      } else if (name == "policies") {
        per_entity(display, [&](const std::string&, const std::string& pdir) {
          std::vector<LoadedDocument> docs;
          files_in(pdir, [&](LoadedDocument& doc) {
            if (doc.kind == DocumentKind::kManagedPolicy ||
                doc.kind == DocumentKind::kPolicyVersion) {
              docs.push_back(std::move(doc));
            } else {
              binder_.wrong_kind(doc, "a managed policy folder");
            }
          });
          std::vector<LoadedDocument*> ptrs;
          for (LoadedDocument& d : docs) ptrs.push_back(&d);
          binder_.bind_managed_policy(ptrs, id, SourceRef{pdir, "", 0, 0});
        });
      } else if (name == "load-balancers") {
        // elbv2 describe-load-balancer-attributes (access logs) and describe-load-balancers
        // (type, ARN, Region) of the load balancer the folder names.
        per_entity(display, [&](const std::string& lb, const std::string& ldir) {
          std::vector<LoadedDocument> docs;
          std::vector<LogDelivery> described;
          files_in(ldir, [&](LoadedDocument& doc) {
            if (doc.kind == DocumentKind::kLoadBalancers) {
              for (LogDelivery& l : doc.load_balancers) {
                if (l.name == lb || doc.load_balancers.size() == 1) described.push_back(l);
              }
            } else if (doc.kind == DocumentKind::kLoadBalancerAttributes) {
              docs.push_back(std::move(doc));
            } else {
              binder_.wrong_kind(doc, "a load balancer folder");
            }
          });
          for (LoadedDocument& doc : docs) binder_.bind_log_deliveries(doc, id, described, lb);
        });
      } else if (name == "kms-keys") {
        per_entity(display, [&](const std::string& key, const std::string& kdir) {
          const std::size_t k = binder_.kms_key(key, id, SourceRef{kdir, "", 0, 0});
          files_in(kdir, [&](LoadedDocument& doc) {
            if (!binder_.attach_to_key(k, doc)) binder_.wrong_kind(doc, "a KMS key folder");
          });
        });
      } else {
        binder_.layout(SourceRef{display, "", 0, 0},
                       fmt::format("unknown folder '{}' in account '{}' (known: buckets, roles, "
                                   "users, policies, distributions, origin-access-identities, "
                                   "origin-access-controls, kms-keys, access-points, "
                                   "load-balancers)",
                                   name, id));
      }
    }
  }

  // accounts/<id>/account.json: {"CanonicalUserId": "...", "Name": "..."}
  void load_account_file(std::size_t account, const std::string& display) {
    std::optional<std::string> text = read_file(display, display);
    if (!text) return;
    const SourceFile* src = nullptr;
    const JsonValue* root = parse_source(m_, display, std::move(*text), options_.max_depth, &src);
    if (root == nullptr) return;
    Account& a = m_.accounts[account];
    a.where = src->ref(root->offset, "");
    if (!root->is_object()) {
      binder_.layout(a.where, "account.json must be an object with 'CanonicalUserId' and 'Name'");
      return;
    }
    for (const JsonMember& mem : root->members) {
      const bool known = mem.key == "CanonicalUserId" || mem.key == "Name" || mem.key == "Id";
      if (!known) {
        binder_.layout(src->ref(mem.key_offset, pointer_append("", mem.key)),
                       fmt::format("unknown member '{}' in account.json (known: CanonicalUserId, "
                                   "Name)",
                                   mem.key));
        continue;
      }
      if (!mem.value.is_string()) {
        m_.diagnostics.push_back({"IN009",
                                  src->ref(mem.value.offset, pointer_append("", mem.key)),
                                  fmt::format("'{}' must be a string, found {}", mem.key,
                                              json_type_name(mem.value.type)),
                                  false,
                                  {}});
        continue;
      }
      if (mem.key == "CanonicalUserId") a.canonical_id = mem.value.text;
      if (mem.key == "Name") a.name = mem.value.text;
    }
  }

  // accounts/<id>/collection.json, written by bucketlint-collect: the calls that failed, so
  // that a document missing for that reason is reported (IN014) instead of read as absent.
  // {"BucketlintCollection": {"Version": 1, "Account": "<id>", "Failures": [{"Call": "...",
  //  "Code": "AccessDenied", "File": "buckets/<b>/bucket-policy.json"}, ...]}}
  void load_collection_file(const std::string& account, const std::string& display) {
    std::optional<std::string> text = read_file(display, display);
    if (!text) return;
    const SourceFile* src = nullptr;
    const JsonValue* root = parse_source(m_, display, std::move(*text), options_.max_depth, &src);
    if (root == nullptr) return;
    const JsonValue* c = root->is_object() ? root->find("BucketlintCollection") : nullptr;
    const JsonValue* failures = (c != nullptr && c->is_object()) ? c->find("Failures") : nullptr;
    if (failures == nullptr || !failures->is_array()) {
      binder_.layout(src->ref(root->offset, ""),
                     "collection.json must be the record bucketlint-collect writes: "
                     "{\"BucketlintCollection\": {\"Failures\": [...]}}");
      return;
    }
    if (const JsonValue* a = c->find("Account");
        a != nullptr && a->is_string() && a->text != account) {
      binder_.layout(
          src->ref(a->offset, "/BucketlintCollection/Account"),
          fmt::format("collection.json of account '{}' names account '{}'", account, a->text));
    }
    std::size_t index = 0;
    for (const JsonValue& f : failures->items) {
      const std::string pointer = fmt::format("/BucketlintCollection/Failures/{}", index++);
      const JsonValue* call = f.is_object() ? f.find("Call") : nullptr;
      const JsonValue* code = f.is_object() ? f.find("Code") : nullptr;
      const JsonValue* file = f.is_object() ? f.find("File") : nullptr;
      if (call == nullptr || !call->is_string() || code == nullptr || !code->is_string()) {
        binder_.layout(src->ref(f.offset, pointer),
                       "a failure in collection.json needs the strings 'Call' and 'Code'");
        continue;
      }
      const bool names_file = file != nullptr && file->is_string() && !file->text.empty();
      m_.diagnostics.push_back(
          {"IN014",
           src->ref(f.offset, pointer),
           names_file ? fmt::format("'aws {}' failed with {} when account {} was collected, so "
                                    "'{}' is missing; rules read it as absent",
                                    call->text, code->text, account, file->text)
                      : fmt::format("'aws {}' failed with {} when account {} was collected; "
                                    "what it lists is missing",
                                    call->text, code->text, account),
           false,
           {}});
    }
  }

  template <typename F>
  void per_entity(const std::string& dir, F&& f) {
    for (const auto& e : sorted_entries(dir)) {
      const std::string name = e.path().filename().string();
      const std::string display = display_join(dir, name);
      std::error_code ec;
      if (e.is_directory(ec)) {
        f(name, display);
      } else if (stray_file(e, display)) {
        binder_.layout(
            SourceRef{display, "", 0, 0},
            fmt::format("files in '{}' must be inside a folder named after the entity", dir));
      }
    }
  }

  template <typename F>
  void files_in(const std::string& dir, F&& f) {
    for (const auto& e : sorted_entries(dir)) {
      const std::string display = display_join(dir, e.path().filename());
      std::error_code ec;
      if (e.is_directory(ec)) {
        binder_.layout(SourceRef{display, "", 0, 0},
                       fmt::format("unexpected folder '{}'", e.path().filename().string()));
      } else if (snapshot_file(e, display)) {
        std::optional<LoadedDocument> doc = load_file(display, e.path());
        if (doc) f(*doc);
      }
    }
  }

  void load_bucket(const std::string& account, const std::string& name, const std::string& dir) {
    const std::size_t b = binder_.bucket(name, account, SourceRef{dir, "", 0, 0});
    for (const auto& e : sorted_entries(dir)) {
      const std::string entry = e.path().filename().string();
      const std::string display = display_join(dir, entry);
      std::error_code ec;
      if (e.is_directory(ec)) {
        if (entry == "object-acls") {
          load_object_acls(b, e.path(), display, "");
        } else {
          binder_.layout(
              SourceRef{display, "", 0, 0},
              fmt::format("unknown folder '{}' in bucket '{}' (only 'object-acls/')", entry, name));
        }
      } else if (snapshot_file(e, display)) {
        std::optional<LoadedDocument> doc = load_file(display, e.path());
        if (doc && !binder_.attach_to_bucket(b, *doc)) binder_.wrong_kind(*doc, "a bucket folder");
      }
    }
  }

  // object-acls/<key>.json; nested folders form key paths ("a/b/c.txt.json" -> "a/b/c.txt").
  // Links between folders are followed once each (a loop is walked once) and nesting is
  // bounded by --max-dir-depth (the walk's limit).
  void load_object_acls(std::size_t bucket, const fs::path& dir, const std::string& display,
                        const std::string& prefix, int depth = 0) {
    for (const auto& e : sorted_entries(dir)) {
      const std::string entry = e.path().filename().string();
      const std::string child = display_join(display, entry);
      std::error_code ec;
      if (e.is_directory(ec)) {
        struct stat st {};
        if (::stat(e.path().c_str(), &st) != 0 || !dirs_.insert(file_id(st)).second) continue;
        if (depth + 1 > options_.max_dir_depth) {
          too_deep(child);
          continue;
        }
        load_object_acls(bucket, e.path(), child, prefix + entry + "/", depth + 1);
        continue;
      }
      if (!snapshot_file(e, child)) continue;
      std::optional<LoadedDocument> doc = load_file(child, e.path(), DocumentKind::kObjectAcl);
      if (!doc) continue;
      if (!doc->acl) {
        binder_.wrong_kind(*doc, "'object-acls/'");
        continue;
      }
      const std::string key = prefix + entry.substr(0, entry.size() - 5);
      m_.buckets[bucket].object_acls.push_back({key, std::move(*doc->acl)});
    }
  }

  // ---- the config file ----------------------------------------------------------------------

  void load_config() {
    std::string path;
    if (options_.config_path) {
      path = *options_.config_path;
    } else if (options_.discover_config) {
      // Anything named .bucketlint.yaml is meant as the config: a FIFO, a directory or a
      // dangling link in its place is reported below, never skipped in silence.
      path = discover_config();
    }
    if (path.empty()) return;
    // The config is bounded like every input: --max-file-size.
    ReadResult read = read_bounded_file(path, options_.max_file_size);
    if (read.status != ReadStatus::kOk) {
      const std::string why =
          read.status == ReadStatus::kTooLarge
              ? fmt::format("is over the {} byte limit (--max-file-size)", options_.max_file_size)
              : read.why;
      m_.diagnostics.push_back(
          {"IN010",
           SourceRef{path, "", 0, 0},
           fmt::format("cannot read the config file '{}': it {}; no setting of it was applied",
                       path, why),
           true,
           {}});
      return;
    }
    result_.config_file = path;
    ConfigData config = parse_config(path, read.text, m_.diagnostics);
    const std::string config_dir = fs::path(path).parent_path().generic_string();
    bind_paths(config.templates, config_dir, "template", template_bindings_);
    bind_paths(config.terraform, config_dir, "Terraform", terraform_bindings_);
    result_.settings = std::move(config.settings);
    if (config.baseline) {
      result_.baseline_file =
          display_join(fs::path(path).parent_path().generic_string(), config.baseline->path);
      result_.baseline_where = config.baseline->where;
    }
    const std::string config_canonical_dir = canonical_dir_of(path);
    config_repo_root_ = repository_root(config_canonical_dir);
    for (const ConfigFileRef& glob : config.excludes) {
      add_exclude(glob.path, config_canonical_dir, &glob.where);
    }
    apply_config(config, fs::path(path).parent_path().generic_string());
  }

  // The canonical folder holding `file` (empty when it cannot be resolved).
  static std::string canonical_dir_of(const std::string& file) {
    fs::path dir = fs::path(file).parent_path();
    if (dir.empty()) dir = ".";
    char* resolved = ::realpath(dir.c_str(), nullptr);
    if (resolved == nullptr) return {};
    std::string out(resolved);
    std::free(resolved);  // NOLINT(cppcoreguidelines-no-malloc): realpath's buffer
    return out;
  }

  // Config discovery: .bucketlint.yaml (or .bucketlint.yml) in the folder of the first path
  // given or a parent of it, up to the root of the git work tree holding it (a folder with a
  // `.git` entry). Outside a work tree only the folders from the first path's up to the
  // current directory are searched (or the first path's folder alone when it lies outside
  // the current directory). Returns the path to read (relative to the current directory when
  // the config lies inside it), or "".
  std::string discover_config() const {
    std::string first;
    for (const std::string& p : options_.paths) {
      if (p != "-") {
        first = p;
        break;
      }
    }
    struct stat st {};
    std::string start_dir;
    if (first.empty()) {
      start_dir = canonical_dir_of("./x");
    } else if (::stat(first.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      start_dir = canonical_dir_of(display_join(first, "x"));
    } else {
      start_dir = canonical_dir_of(first);
    }
    if (start_dir.empty()) return {};
    const std::string cwd = canonical_dir_of("./x");
    const std::string root = repository_root(start_dir);
    const bool in_repo = root != start_dir || ::lstat((fs::path(root) / ".git").c_str(), &st) == 0;
    std::string stop = root;
    if (!in_repo) stop = inside(start_dir, cwd) ? cwd : start_dir;
    for (fs::path dir(start_dir);; dir = dir.parent_path()) {
      for (const char* name : {".bucketlint.yaml", ".bucketlint.yml"}) {
        const std::string candidate = (dir / name).string();
        if (::lstat(candidate.c_str(), &st) != 0) continue;
        if (!cwd.empty() && inside(candidate, cwd)) {
          return fs::path(candidate).lexically_relative(cwd).generic_string();
        }
        return candidate;
      }
      if (dir.string() == stop || !dir.has_relative_path()) break;
    }
    return {};
  }

  // Adds an exclude glob: `base` is the canonical folder a glob with '/' is relative to.
  void add_exclude(std::string_view text, const std::string& base, const SourceRef* where) {
    std::string_view g = text;
    ExcludeGlob e;
    e.text = std::string(text);
    e.base = base;
    while (g.starts_with("./")) g.remove_prefix(2);
    if (g.starts_with('/')) g.remove_prefix(1);
    if (g.ends_with('/')) {
      e.dir_only = true;
      g.remove_suffix(1);
    }
    e.component = g.find('/') == std::string_view::npos;
    std::string error;
    std::optional<model::PathGlob> glob = model::PathGlob::compile(g, &error);
    if (!glob || g.empty() || base.empty()) {
      const std::string why = g.empty()       ? "it is empty"
                              : error.empty() ? "its folder cannot be resolved"
                                              : error;
      if (where != nullptr) {
        m_.diagnostics.push_back({"IN010",
                                  *where,
                                  fmt::format("exclude glob '{}' is not used: {}", text, why),
                                  true,
                                  {}});
      } else {
        m_.diagnostics.push_back({"IN007",
                                  SourceRef{},
                                  fmt::format("--exclude '{}' is not used: {}", text, why),
                                  true,
                                  {}});
      }
      return;
    }
    e.glob = std::move(*glob);
    excludes_.push_back(std::move(e));
  }

  std::optional<LoadedDocument> config_file(const std::string& base, const ConfigFileRef& ref,
                                            std::optional<DocumentKind> kind = std::nullopt) {
    const std::string display = display_join(base, ref.path);
    if (char* resolved = ::realpath(display.c_str(), nullptr); resolved != nullptr) {
      const std::string target(resolved);
      std::free(resolved);  // NOLINT(cppcoreguidelines-no-malloc): realpath's buffer
      if (!inside(target, config_repo_root_) && !given_on_command_line(target)) {
        m_.diagnostics.push_back(
            {"IN010",
             ref.where,
             fmt::format("file '{}' named in the config lies outside the config's repository "
                         "('{}'); it is not read (name it on the command line to read it)",
                         display, config_repo_root_),
             true,
             {}});
        return std::nullopt;
      }
    }
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(display, ec);
    if (!fs::exists(st)) {
      m_.diagnostics.push_back(
          {"IN010",
           ref.where,
           fmt::format("file '{}' named in the config does not exist", display),
           true,
           {}});
      return std::nullopt;
    }
    // Anything else (a device, a FIFO, a directory, a dangling link) is an IN007 finding that
    // says what it is (read_file).
    return load_file(display, display, kind);
  }

  // Applies the config's bindings in one pass per section: accounts and settings first (every
  // later section may name an account), then buckets, roles, users, distributions, CloudFront
  // identities and KMS keys. `base` is the config's folder, which file paths are relative to.
  void apply_config(ConfigData& c, const std::string& base) {
    const bool binds = !c.accounts.empty() || !c.buckets.empty() || !c.roles.empty() ||
                       !c.users.empty() || !c.distributions.empty() ||
                       !c.origin_access_identities.empty() || !c.kms_keys.empty();
    if (binds) m_.has_context = true;
    apply_config_accounts(c);
    for (const ConfigBucket& cb : c.buckets) apply_config_bucket(cb, base);
    for (const ConfigRole& cr : c.roles) apply_config_role(cr, base);
    for (const ConfigUser& cu : c.users) apply_config_user(cu, base);
    for (const ConfigDistribution& cd : c.distributions) apply_config_distribution(cd, base);
    for (const ConfigFileRef& f : c.origin_access_identities) {
      std::optional<LoadedDocument> doc = config_file(base, f);
      if (doc && !binder_.attach_cloudfront_identity(m_.default_account, *doc)) {
        binder_.wrong_kind(*doc, "origin_access_identities");
      }
    }
    for (const ConfigKmsKey& ck : c.kms_keys) apply_config_kms_key(ck, base);
  }

  // The config's `accounts:` (names, canonical IDs) and the account-wide settings.
  void apply_config_accounts(const ConfigData& c) {
    for (const ConfigAccount& a : c.accounts) {
      Account& acc = m_.accounts[binder_.account(a.id, a.where)];
      acc.where = a.where;
      if (!a.name.empty()) acc.name = a.name;
      if (!a.canonical_id.empty()) acc.canonical_id = a.canonical_id;
    }
    m_.trusted_accounts = c.trusted_accounts;
    m_.extra_actions = c.extra_actions;
    m_.extra_services = c.extra_services;
    m_.trusted_accounts_configured = c.trusted_accounts_set;
  }

  // One `buckets:` entry: its account, its files, its object ACLs, and an Object Ownership the
  // inputs do not give.
  void apply_config_bucket(const ConfigBucket& cb, const std::string& base) {
    const std::size_t b = binder_.bucket(cb.name, cb.account, cb.where);
    if (!cb.account.empty()) binder_.account(cb.account, cb.where);
    for (const ConfigFileRef& f : cb.files) {
      std::optional<LoadedDocument> doc = config_file(base, f);
      if (doc && !binder_.attach_to_bucket(b, *doc)) {
        binder_.wrong_kind(*doc, fmt::format("bucket '{}'", cb.name));
      }
    }
    for (const auto& [key, f] : cb.object_acls) {
      std::optional<LoadedDocument> doc = config_file(base, f, DocumentKind::kObjectAcl);
      if (doc && doc->acl) m_.buckets[b].object_acls.push_back({key, std::move(*doc->acl)});
    }
    Bucket& bucket = m_.buckets[b];
    if (cb.ownership != ObjectOwnership::kUnknown && !bucket.ownership.known()) {
      bucket.ownership = {cb.ownership, OwnershipSetting::Source::kConfig, cb.ownership_where};
    }
  }

  // One `roles:` entry: the role, its trust policy and its permission policies.
  void apply_config_role(const ConfigRole& cr, const std::string& base) {
    const std::string account = account_of_role_arn(cr.arn);
    const std::string name = cr.arn.substr(cr.arn.rfind('/') + 1);
    const std::size_t r = binder_.role(cr.arn, account, name, cr.where);
    if (cr.trust_policy) {
      std::optional<LoadedDocument> doc = config_file(base, *cr.trust_policy);
      if (doc) {
        if (doc->kind == DocumentKind::kRole || doc->policy != nullptr) {
          if (doc->kind != DocumentKind::kRole) doc->kind = DocumentKind::kTrustPolicy;
          binder_.attach_to_role(r, *doc);
        } else {
          binder_.wrong_kind(*doc, "a role's trust_policy");
        }
      }
    }
    for (const ConfigFileRef& f : cr.permission_policies) {
      std::optional<LoadedDocument> doc = config_file(base, f);
      if (!doc) continue;
      if (doc->kind == DocumentKind::kAttachedPolicies || doc->kind == DocumentKind::kRolePolicy ||
          doc->kind == DocumentKind::kPolicyVersion) {
        binder_.attach_to_role(r, *doc);
      } else if (doc->policy != nullptr && doc->kind != DocumentKind::kTrustPolicy) {
        doc->kind = DocumentKind::kIdentityPolicy;
        binder_.attach_to_role(r, *doc);
      } else {
        binder_.wrong_kind(*doc, "a role's permission_policies");
      }
    }
  }

  // One `users:` entry: the user and its policies.
  void apply_config_user(const ConfigUser& cu, const std::string& base) {
    const std::string account = account_of_role_arn(cu.arn);
    const std::size_t u =
        binder_.user(cu.arn, account, cu.arn.substr(cu.arn.rfind('/') + 1), cu.where);
    for (const ConfigFileRef& f : cu.policies) {
      std::optional<LoadedDocument> doc = config_file(base, f);
      if (doc && !binder_.attach_to_user(u, *doc)) binder_.wrong_kind(*doc, "a user's policies");
    }
  }

  // One `distributions:` entry: the distribution and its files.
  void apply_config_distribution(const ConfigDistribution& cd, const std::string& base) {
    const std::size_t d = binder_.distribution(cd.id, cd.account, cd.where);
    for (const ConfigFileRef& f : cd.files) {
      std::optional<LoadedDocument> doc = config_file(base, f);
      if (doc && !binder_.attach_to_distribution(d, *doc)) {
        binder_.wrong_kind(*doc, fmt::format("distribution '{}'", cd.id));
      }
    }
  }

  // One `kms_keys:` entry: the key and its key policy.
  void apply_config_kms_key(const ConfigKmsKey& ck, const std::string& base) {
    const std::size_t k = binder_.kms_key(ck.id, ck.account, ck.where);
    if (!ck.policy) return;
    std::optional<LoadedDocument> doc = config_file(base, *ck.policy);
    if (doc && !binder_.attach_to_key(k, *doc)) binder_.wrong_kind(*doc, "a KMS key's policy");
  }

  // True when `canonical` is a path given on the command line or lies in a folder given there.
  bool given_on_command_line(const std::string& canonical) const {
    for (const std::string& p : options_.paths) {
      if (p == "-") continue;
      char* resolved = ::realpath(p.c_str(), nullptr);
      if (resolved == nullptr) continue;
      const bool hit = inside(canonical, resolved);
      std::free(resolved);  // NOLINT(cppcoreguidelines-no-malloc): realpath's buffer
      if (hit) return true;
    }
    return false;
  }

  static std::string account_of_role_arn(const std::string& arn) {
    // arn:aws:iam::<account>:role/...
    const std::size_t start = arn.find("::");
    if (start == std::string::npos) return {};
    const std::size_t end = arn.find(':', start + 2);
    if (end == std::string::npos) return {};
    return arn.substr(start + 2, end - start - 2);
  }

  // The config binding whose path is the longest one holding `path` (a file or folder as shown
  // or walked), or nullptr.
  static const ConfigTemplate* binding_for(
      const std::string& path,
      const std::vector<std::pair<std::string, ConfigTemplate>>& bindings) {
    if (bindings.empty()) return nullptr;
    std::error_code ec;
    const std::string p = fs::weakly_canonical(fs::path(path), ec).generic_string();
    const ConfigTemplate* out = nullptr;
    std::size_t best = 0;
    for (const auto& [bound, binding] : bindings) {
      const bool match = p == bound || (p.starts_with(bound) && p.size() > bound.size() &&
                                        (bound.back() == '/' || p[bound.size()] == '/'));
      if (!match || bound.size() < best) continue;
      best = bound.size();
      out = &binding;
    }
    return out;
  }

  TerraformBinding terraform_binding(const std::string& path) const {
    TerraformBinding b;
    if (const ConfigTemplate* t = binding_for(path, terraform_bindings_)) {
      b.account = t->account;
      b.created_before_april_2023 = t->created_before_april_2023;
      b.where = t->where;
    }
    return b;
  }

  // Each template's account: the config binding with the longest matching path, else
  // --account.
  void bind_templates() {
    for (TemplateInput& t : templates_) {
      t.account = m_.default_account;
      if (const ConfigTemplate* binding = binding_for(t.source->path(), template_bindings_)) {
        if (!binding->account.empty()) t.account = binding->account;
        t.created_before_2023 = binding->created_before_april_2023;
      }
    }
  }

  // Binds the config's `templates:` or `terraform:` paths (relative to the config's folder) to
  // their accounts; a path that does not exist is an IN010 error.
  void bind_paths(const std::vector<ConfigTemplate>& entries, const std::string& config_dir,
                  std::string_view what,
                  std::vector<std::pair<std::string, ConfigTemplate>>& bindings) {
    for (const ConfigTemplate& t : entries) {
      std::error_code ec;
      const fs::path p = fs::weakly_canonical(fs::path(display_join(config_dir, t.path)), ec);
      if (ec || !fs::exists(p, ec)) {
        m_.diagnostics.push_back(
            {"IN010",
             t.where,
             fmt::format("{} path '{}' named in the config does not exist", what, t.path),
             true,
             {}});
        continue;
      }
      bindings.push_back({p.generic_string(), t});
      if (!t.account.empty()) {
        m_.has_context = true;
        binder_.account(t.account, t.where);
      }
    }
  }

  const LoadOptions& options_;
  LoadResult& result_;
  Model& m_;
  Binder binder_;
  std::set<FileId> seen_;  // files read
  std::set<FileId> dirs_;  // folders walked
  std::vector<DeferredLink> deferred_;
  std::string repo_root_;  // canonical root of the repository being walked
  struct ExcludeGlob {
    model::PathGlob glob;
    std::string text;        // as written
    std::string base;        // canonical folder a glob with '/' is relative to
    bool component = false;  // no '/': matches any one file or folder name
    bool dir_only = false;   // written with a trailing '/'
  };
  std::vector<ExcludeGlob> excludes_;
  std::string config_repo_root_;  // canonical root of the config's repository
  struct IgnoreLevel {
    std::string dir;  // canonical folder of the .gitignore
    GitIgnore rules;
  };
  std::vector<IgnoreLevel> ignores_;  // from the work tree's root down to the folder walked
  bool in_git_ = false;               // the walk is inside a git work tree
  std::vector<TemplateInput> templates_;
  std::vector<std::pair<std::string, ConfigTemplate>> template_bindings_;
  std::vector<std::pair<std::string, ConfigTemplate>> terraform_bindings_;
  bool explicit_file_ = false;
  fs::path tf_root_;  // the folder given, while walking it (Terraform module sources stay in it)
  std::size_t terraform_plans_ = 0;                 // Terraform plans and states read so far
  std::vector<const JsonValue*> trees_to_release_;  // see release_trees()
};

}  // namespace

void load_text(Model& model, std::string display_path, std::string text,
               std::optional<DocumentKind> forced_kind, int max_depth) {
  if (!forced_kind) {
    std::vector<TemplateInput> templates;
    if (read_template(model, display_path, text, max_depth, templates)) {
      for (TemplateInput& t : templates) t.account = model.default_account;
      load_templates(model, templates, max_depth);
      link_model(model, {}, false);
      return;
    }
  }
  const SourceFile* src = nullptr;
  std::optional<LoadedDocument> streamed;
  const JsonValue* root = parse_source(model, std::move(display_path), std::move(text), max_depth,
                                       &src, forced_kind ? nullptr : &streamed);
  if (root == nullptr && !streamed) return;
  if (!streamed && !forced_kind && looks_like_terraform_plan(*root)) {
    read_terraform_plan(model, *src, *root, max_depth);
    link_model(model, {}, false);
    return;
  }
  LoadedDocument doc =
      streamed ? std::move(*streamed) : read_document(model, *src, *root, forced_kind, max_depth);
  if (doc.kind == DocumentKind::kUnknown) return;
  Binder binder(model);
  binder.bind_loose(doc, "");
  binder.finish_loose();
  link_model(model, binder.unbound(), false);
}

LoadResult load_inputs(const LoadOptions& options) {
  LoadResult result;
  InputLoader(options, result).run();
  return result;
}

}  // namespace bucketlint
