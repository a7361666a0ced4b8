// fn/inventory.h: the image inventory: each pull site of the input paired
// with the same site after this run's edits, and the ways it is printed
// (a table, tsv, json, a skopeo sync file, crane copy lines).
#ifndef FN_INVENTORY_H_
#define FN_INVENTORY_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fn/pull_sites.h"

namespace fn {

struct InventoryEntry {
  PullSite source;  // the site as the input has it
  PullSite target;  // the same site after the edits (== source without a config)
  // What to copy onto the mirror when an images entry changed the image:
  // the source with the entry applied, not relocated ("": source.image).
  std::string upstream;
  const std::string& copyFrom() const { return upstream.empty() ? source.image : upstream; }
};

// Pairs each site of `before` with the site of `after` that has the same
// key (resource and component; the k-th of a key with the k-th), or, with
// nullptr, with itself. The sites are moved into the entries.
std::vector<InventoryEntry> PairSites(std::vector<PullSite> before, std::vector<PullSite>* after);

enum class InventoryFormat { Table, Tsv, Json, Skopeo, Crane };
// "table", "tsv", ... -> the format; nothing for another word.
std::optional<InventoryFormat> ParseInventoryFormat(const std::string& word);

// The inventory as text. Sites whose image cannot be known are left out of
// tsv, skopeo and crane (they hold only images to copy); table and json
// show them, with why. `verbose` (tsv) prints one line per site with its
// component, resource and origin.
std::string RenderInventory(const std::vector<InventoryEntry>& entries, InventoryFormat format, bool verbose);

// tsv and skopeo of (source, target) pairs.
std::string RenderPairsTsv(const std::set<std::pair<std::string, std::string>>& pairs);
std::string RenderSkopeo(const std::set<std::pair<std::string, std::string>>& pairs);
// The distinct (source, target) pairs of the sites whose images are known.
std::set<std::pair<std::string, std::string>> KnownPairs(const std::vector<InventoryEntry>& entries);
// The same, added to `pairs` (an inventory made a part at a time).
void AddKnownPairs(const std::vector<InventoryEntry>& entries, std::set<std::pair<std::string, std::string>>& pairs);

}  // namespace fn

#endif  // FN_INVENTORY_H_
