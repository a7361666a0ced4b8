#include "krm/package.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "krm/document.h"
#include "krm/ignore_internal.h"
#include "krm/item_scan_internal.h"
#include "krm/item_split_internal.h"
#include "krm/parallel.h"
#include "krm/resource_list.h"
#include "krm/run.h"
#include "krm/text_check_internal.h"

namespace krm {
namespace fs = std::filesystem;
namespace {

constexpr const char* kIgnoreFile = ".krmignore";
constexpr const char* kNotResources[] = {"Kptfile", "kustomization.yaml", "kustomization.yml", "Kustomization"};
constexpr const char kBom[] = "\xEF\xBB\xBF";

[[noreturn]] void Fail(const std::string& path, const std::string& what) { throw InputError({0, 0}, what, path); }

std::string ReadText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) Fail(path, "cannot read the file");
  std::string text = ReadAll(f);
  if (f.bad()) Fail(path, "cannot read the file");
  return text;
}

bool IsResourceFile(const std::string& name) {
  for (const char* skip : kNotResources)
    if (name == skip) return false;
  auto ends = [&](const std::string& ext) {
    return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

// The .krmignore rules in force in a directory: each with the directory it
// was read in, relative to the walk's root ("" for the root).
struct Scope {
  std::string dir;
  IgnoreRules rules;
};

bool Ignored(const std::vector<Scope>& scopes, const std::string& relative, bool is_dir) {
  for (const Scope& s : scopes) {
    std::string below = s.dir.empty() ? relative : relative.substr(s.dir.size() + 1);
    if (s.rules.ignored(below, is_dir)) return true;
  }
  return false;
}

void Walk(const fs::path& root, const std::string& relative, std::vector<Scope> scopes, std::vector<std::string>& out) {
  fs::path dir = relative.empty() ? root : root / relative;
  std::error_code ec;
  if (fs::is_regular_file(dir / kIgnoreFile, ec)) {
    IgnoreRules rules = IgnoreRules::Parse(ReadText((dir / kIgnoreFile).string()));
    if (!rules.empty()) scopes.push_back({relative, std::move(rules)});
  }
  std::vector<std::pair<std::string, bool>> entries;  // name, is a directory
  fs::directory_iterator it(dir, ec);
  if (ec) Fail(dir.string(), "cannot read the directory: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) Fail(dir.string(), "cannot read the directory: " + ec.message());
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code kind_ec;
    if (it->is_symlink(kind_ec) && it->is_directory(kind_ec)) continue;  // not followed
    bool is_dir = it->is_directory(kind_ec);
    if (!is_dir && !it->is_regular_file(kind_ec)) continue;
    entries.emplace_back(name, is_dir);
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& [name, is_dir] : entries) {
    std::string rel = relative.empty() ? name : relative + "/" + name;
    if (Ignored(scopes, rel, is_dir)) continue;
    if (is_dir) {
      Walk(root, rel, scopes, out);
    } else if (IsResourceFile(name)) {
      out.push_back((root / rel).string());
    }
  }
}

// Where each document of `text` starts: 0, then every line that opens a
// document with "---" (at column 0, then a space, a tab or the line's end).
// A "---" line can stand nowhere else in YAML, not even in a block scalar.
std::vector<size_t> DocumentStarts(const std::string& text) {
  std::vector<size_t> starts{0};
  for (size_t at = 0; at < text.size();) {
    if (at != 0 && MarkerAt(text, at, "---")) starts.push_back(at);
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return starts;
}

bool OpensWithMarker(const std::string& text, size_t at) { return text.compare(at, 3, "---") == 0; }

}  // namespace

std::vector<std::string> PackageFiles(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) Fail(path, "no such file or directory");
  std::vector<std::string> out;
  if (!fs::is_directory(st)) {
    out.push_back(path);
    return out;
  }
  Walk(fs::path(path), "", {}, out);
  return out;
}

namespace {

// The error for the document at `index` of `path`, which starts at `at`
// (its line and column are counted only now: counting them for every
// document would read a large file once per document).
[[noreturn]] void Fail(const std::string& text, size_t at, const std::string& path, long index, const char* what) {
  throw InputError(PositionOf(text, at), "the document at index " + std::to_string(index) + what, path);
}

// What a document of a file is, for the stream.
struct Head {
  bool object = false;                   // false: an empty document (nothing but comments)
  size_t at = 0;                         // where its map begins
  std::string api_version, kind, local;  // local: the local-config annotation
};

// The head of the document text[begin, end): from the pre-scan when it
// vouches for the document's syntax (a large file is then read without
// yaml-cpp), else from a parse, which reports any error.
Head ReadHead(const std::string& text, size_t begin, size_t end, const std::string& path, long index) {
  Head h;
  if (GetReadMode() == ReadMode::Fast) {
    ItemScan scan = ScanItem(text, begin, end, -1);
    if (scan.simple) return {true, scan.content, scan.api_version, scan.kind, scan.local_config};
  }
  Document doc = [&] {
    try {
      return Document::ParseYamlRange(text, begin, end);
    } catch (const ParseError& e) {
      throw InputError(PositionOf(text, e.offset()), e.what(), path);
    }
  }();
  NodeId root = kNoNode;
  for (NodeId r : doc.roots())
    if (!doc.isNull(r)) root = r;
  if (root == kNoNode) return h;
  h.object = true;
  h.at = doc.node(root).begin;
  if (!doc.isMap(root)) Fail(text, h.at, path, index, " is not an object");
  h.api_version = std::string(doc.str(root, "apiVersion"));
  h.kind = std::string(doc.str(root, "kind"));
  h.local = std::string(doc.str(doc.at(root, "metadata.annotations"), annotations::kLocalConfig));
  return h;
}

}  // namespace

PackageStream ReadPackage(const std::vector<std::string>& files, const std::string& skip) {
  PackageStream ps;
  std::error_code ec;
  for (const std::string& path : files) {
    if (!skip.empty() && fs::equivalent(path, skip, ec)) continue;
    std::string text = ReadText(path);
    if (text.compare(0, 3, kBom) == 0) text.erase(0, 3);
    std::string why;
    size_t bad = FindUnreadableText(text, why, HardwareThreads());
    if (bad != std::string::npos) throw InputError(PositionOf(text, bad), why, path);
    std::vector<size_t> starts = DocumentStarts(text);
    long index = 0;
    for (size_t i = 0; i < starts.size(); ++i) {
      size_t begin = starts[i];
      size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
      Head head = ReadHead(text, begin, end, path, index);
      if (head.object) {
        if (head.api_version.empty()) Fail(text, head.at, path, index, " has no apiVersion");
        if (head.kind.empty()) Fail(text, head.at, path, index, " has no kind");
        if (head.local == "true") {
          ++index;
          continue;
        }
        ps.files.push_back({path, index++});
      }
      // A file without a final line break gets one only when more follows:
      // at the end of the stream it would change a block scalar's value.
      if (!ps.text.empty() && ps.text.back() != '\n') ps.text += '\n';
      if (!ps.text.empty() && !OpensWithMarker(text, begin)) ps.text += "---\n";
      ps.text.append(text, begin, end - begin);
    }
  }
  return ps;
}

}  // namespace krm
