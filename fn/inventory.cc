#include "fn/inventory.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>

#include "fn/image_ref.h"
#include "krm/result.h"
#include "krm/value.h"

namespace fn {

std::set<std::pair<std::string, std::string>> KnownPairs(const std::vector<InventoryEntry>& entries) {
  std::set<std::pair<std::string, std::string>> pairs;
  AddKnownPairs(entries, pairs);
  return pairs;
}

void AddKnownPairs(const std::vector<InventoryEntry>& entries, std::set<std::pair<std::string, std::string>>& pairs) {
  for (const auto& e : entries) {
    if (!e.source.image.empty() && !e.target.image.empty()) pairs.emplace(e.copyFrom(), e.target.image);
  }
}

std::string RenderPairsTsv(const std::set<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [s, t] : pairs) out += s + "\t" + t + "\n";
  return out;
}

// skopeo sync --src yaml: registry -> images: repository -> [tag or digest].
std::string RenderSkopeo(const std::set<std::pair<std::string, std::string>>& pairs) {
  std::map<std::string, std::map<std::string, std::set<std::string>>> by_registry;
  for (const auto& pair : pairs) {
    ParsedRef p = ParseImageRef(pair.first);
    if (!p.ok) continue;
    std::string version = !p.ref.digest.empty() ? p.ref.digest : p.ref.tag.empty() ? "latest" : p.ref.tag;
    by_registry[p.ref.registry][p.ref.path].insert(version);
  }
  std::string out;
  for (const auto& [registry, repos] : by_registry) {
    out += registry + ":\n  images:\n";
    for (const auto& [repo, versions] : repos) {
      out += "    " + repo + ":\n";
      for (const auto& v : versions) out += "    - \"" + v + "\"\n";
    }
  }
  return out;
}

namespace {

// A site's key, resource then component, as one string (the text holds no NUL byte).
std::string Key(const PullSite& s) { return s.resource + '\0' + s.component; }

// The sites of `after` in key order (stable), each taken once by the site
// of `before` with its key: the k-th of a key with the k-th.
class SitePairer {
 public:
  explicit SitePairer(std::vector<PullSite>* after);
  // Moves the sites of `before`, paired, to the end of `out`.
  void pair(std::vector<PullSite>& before, std::vector<InventoryEntry>& out);

 private:
  // The place in order_ of the next unpaired site of `after` with `key`;
  // keys_.size() when none is left.
  size_t take(const std::string& key);
  std::vector<PullSite>* after_;
  // after_'s sites in key order, with their keys: a paired site is moved
  // away, its key stays here.
  std::vector<std::string> keys_;
  std::vector<uint32_t> order_;
  std::vector<uint32_t> taken_;  // taken_[i]: how many of those from order_[i] on with its key are paired
};

SitePairer::SitePairer(std::vector<PullSite>* after) : after_(after) {
  if (!after_) return;
  std::vector<std::string> keys;
  keys.reserve(after_->size());
  for (size_t i = 0; i < after_->size(); ++i) {
    keys.push_back(Key((*after_)[i]));
    order_.push_back(static_cast<uint32_t>(i));
  }
  std::stable_sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  keys_.reserve(keys.size());
  for (uint32_t i : order_) keys_.push_back(std::move(keys[i]));
  taken_.assign(order_.size(), 0);
}

size_t SitePairer::take(const std::string& key) {
  size_t at = static_cast<size_t>(std::lower_bound(keys_.begin(), keys_.end(), key) - keys_.begin());
  if (at == keys_.size()) return at;
  size_t next = at + taken_[at];
  if (next == keys_.size() || keys_[next] != key) return keys_.size();
  ++taken_[at];
  return next;
}

void SitePairer::pair(std::vector<PullSite>& before, std::vector<InventoryEntry>& out) {
  for (PullSite& s : before) {
    InventoryEntry& e = out.emplace_back();
    size_t next = after_ ? take(Key(s)) : keys_.size();
    if (!after_) {
      e.target = s;
    } else if (next < keys_.size()) {
      e.target = std::move((*after_)[order_[next]]);
    } else {
      e.target = s;
      e.target.written.clear();
      e.target.image.clear();
      e.target.unknown = "the site is gone after the edits";
    }
    e.source = std::move(s);
  }
}

}  // namespace

std::vector<InventoryEntry> PairSites(std::vector<PullSite> before, std::vector<PullSite>* after) {
  std::vector<InventoryEntry> out;
  out.reserve(before.size());
  SitePairer(after).pair(before, out);
  return out;
}

std::optional<InventoryFormat> ParseInventoryFormat(const std::string& word) {
  if (word == "table") return InventoryFormat::Table;
  if (word == "tsv") return InventoryFormat::Tsv;
  if (word == "json") return InventoryFormat::Json;
  if (word == "skopeo") return InventoryFormat::Skopeo;
  if (word == "crane") return InventoryFormat::Crane;
  return std::nullopt;
}

namespace {

bool Known(const InventoryEntry& e) { return !e.source.image.empty() && !e.target.image.empty(); }

std::string Tsv(const std::vector<InventoryEntry>& entries, bool verbose) {
  std::string out;
  if (!verbose) return RenderPairsTsv(KnownPairs(entries));
  std::vector<std::string> lines;
  for (const auto& e : entries) {
    if (!Known(e)) continue;
    lines.push_back(e.copyFrom() + "\t" + e.target.image + "\t" + krm::OneLine(e.source.component) + "\t" +
                    krm::OneLine(e.source.resource) + "\t" + krm::OneLine(e.source.origin) + "\n");
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out += l;
  return out;
}

std::string JsonString(const std::string& s) { return krm::RenderValue(krm::Value::String(s), true, true); }

std::string Json(const std::vector<InventoryEntry>& entries) {
  std::string out = "[";
  bool first = true;
  for (const auto& e : entries) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "  {\"source\": " + JsonString(e.source.image) + ", \"target\": " + JsonString(e.target.image) +
           ", \"component\": " + JsonString(e.source.component) + ", \"resource\": " + JsonString(e.source.resource) +
           ", \"origin\": " + JsonString(e.source.origin);
    std::string unknown = !e.source.unknown.empty() ? e.source.unknown : e.target.unknown;
    if (!unknown.empty()) out += ", \"unknown\": " + JsonString(unknown);
    if (!e.source.fixed.empty()) out += ", \"fixed\": " + JsonString(e.source.fixed);
    if (!e.upstream.empty() && e.upstream != e.source.image) out += ", \"copyFrom\": " + JsonString(e.upstream);
    out += "}";
  }
  return out + (first ? "]\n" : "\n]\n");
}

std::string Crane(const std::vector<InventoryEntry>& entries) {
  std::string out;
  for (const auto& [s, t] : KnownPairs(entries)) {
    if (s != t) out += "crane copy " + s + " " + t + "\n";
  }
  return out;
}

std::string Table(const std::vector<InventoryEntry>& entries) {
  std::vector<std::vector<std::string>> rows = {{"SOURCE", "TARGET", "COMPONENT", "RESOURCE", "ORIGIN"}};
  for (const auto& e : entries) {
    std::string unknown = !e.source.unknown.empty() ? e.source.unknown : e.target.unknown;
    std::string src = e.source.image.empty() ? "(unknown)" : e.source.image;
    std::string tgt = e.target.image.empty() ? "(unknown)" : e.target.image == e.source.image ? "=" : e.target.image;
    std::string origin = unknown.empty() ? e.source.origin : "unknown: " + unknown;
    rows.push_back({src, tgt, e.source.component, e.source.resource, origin});
  }
  std::vector<size_t> width(5, 0);
  for (const auto& r : rows) {
    for (size_t i = 0; i + 1 < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += krm::OneLine(r[i]);
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string RenderInventory(const std::vector<InventoryEntry>& entries, InventoryFormat format, bool verbose) {
  switch (format) {
    case InventoryFormat::Tsv:
      return Tsv(entries, verbose);
    case InventoryFormat::Json:
      return Json(entries);
    case InventoryFormat::Skopeo:
      return RenderSkopeo(KnownPairs(entries));
    case InventoryFormat::Crane:
      return Crane(entries);
    case InventoryFormat::Table:
      break;
  }
  return Table(entries);
}

}  // namespace fn
