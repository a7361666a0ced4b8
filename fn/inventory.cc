#include "fn/inventory.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "fn/image_ref.h"
#include "krm/result.h"
#include "krm/value.h"

namespace fn {

std::set<std::pair<std::string, std::string>> KnownPairs(const std::vector<InventoryEntry>& entries) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& e : entries) {
    if (!e.source.image.empty() && !e.target.image.empty()) pairs.emplace(e.copyFrom(), e.target.image);
  }
  return pairs;
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

// Sites in the order of their keys (resource, then component).
bool KeyLess(const PullSite& a, const PullSite& b) {
  int c = a.resource.compare(b.resource);
  return c != 0 ? c < 0 : a.component < b.component;
}

}  // namespace

std::vector<InventoryEntry> PairSites(std::vector<PullSite> before, std::vector<PullSite>* after) {
  // The sites of `after` in key order (stable: in input order within a key);
  // the k-th site of `before` with a key pairs with the k-th of `after`.
  // `taken[i]`: how many of the sites that start at order[i] are paired.
  std::vector<uint32_t> order, taken;
  if (after) {
    order.reserve(after->size());
    for (size_t i = 0; i < after->size(); ++i) order.push_back(static_cast<uint32_t>(i));
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return KeyLess((*after)[a], (*after)[b]); });
    taken.assign(order.size(), 0);
  }
  // Matched first, moved after: a moved site has no key left to compare.
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> match(after ? before.size() : 0, kNone);
  for (size_t k = 0; k < match.size(); ++k) {
    auto less = [&](uint32_t i, const PullSite& key) { return KeyLess((*after)[i], key); };
    size_t at = static_cast<size_t>(std::lower_bound(order.begin(), order.end(), before[k], less) - order.begin());
    if (at == order.size()) continue;  // a key past every site of `after`
    size_t next = at + taken[at];
    if (next < order.size() && !KeyLess(before[k], (*after)[order[next]])) {
      ++taken[at];
      match[k] = order[next];
    }
  }
  std::vector<InventoryEntry> out(before.size());
  for (size_t k = 0; k < before.size(); ++k) {
    PullSite& s = before[k];
    InventoryEntry& e = out[k];
    if (!after) {
      e.target = s;
    } else if (match[k] != kNone) {
      e.target = std::move((*after)[match[k]]);
    } else {
      e.target = s;
      e.target.written.clear();
      e.target.image.clear();
      e.target.unknown = "the site is gone after the edits";
    }
    e.source = std::move(s);
  }
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
