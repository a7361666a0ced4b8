// fn/audit.h: the inventory of a run and its check: every pull site of the
// input, where it pulls from after the edits, and a result for each site
// that still pulls from outside the mirror or cannot be known.
#ifndef FN_AUDIT_H_
#define FN_AUDIT_H_

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fn/inventory.h"
#include "fn/rules.h"
#include "krm/patch.h"
#include "krm/resource_list.h"

namespace fn {

// The inventory of `rl` with `patch` applied (nullptr, or an empty patch:
// the targets are the sources), handed to `take` a part at a time, in
// order: the entries of AuditPartItems() items at a time, which `take` may
// move away. The edited text is read back to model its sites, so a target
// is what the operators will compose from the output, not a guess at it:
// first the items that can tell the output's operator facts (operator
// Deployments, image configs), then each part's own items. So a large
// list's sites never all exist at once. A list with v1 Lists among its
// items, or one the read did not cut at its items, is one part.
// `additional` are the config's additionalImageFields.
using InventoryPart = std::function<void(std::vector<InventoryEntry>&)>;
void AuditInParts(const krm::ResourceList& rl, const krm::Patch* patch, const OperatorVersions& versions,
                  const std::vector<FieldSpec>& additional, const InventoryPart& take);

// All of the parts in one inventory (the `images` command prints it whole).
std::vector<InventoryEntry> AuditInventory(const krm::ResourceList& rl, const krm::Patch* patch,
                                           const OperatorVersions& versions,
                                           const std::vector<FieldSpec>& additional = {});

// How many items a part of the audit models (kAuditPartItems); tests set
// other sizes to hold the parts to the whole.
constexpr size_t kAuditPartItems = 250;
size_t AuditPartItems();
void SetAuditPartItems(size_t items);

// The findings of an inventory, given a part at a time: one warning per
// site whose target is not under one of the config's targets (with a
// mirror), whose image cannot be known (one per resource and reason), or
// that no field can move (strict turns them into errors later). A site
// that a warning or error already names (the same resource and field) is
// not named twice.
class Findings {
 public:
  // `rules`: the run's, when it relocates to a mirror (escapes are then
  // findings); nullptr for only the unknown and unmovable sites.
  // `earlier`: the results so far.
  Findings(const Relocator* rules, const std::vector<krm::Result>& earlier);
  // A result made since, whose resource and field count as named too.
  void name(const krm::Result& r);
  void add(const std::vector<InventoryEntry>& part);
  // Appends what was found: the unmovable sites, the unknown images, then
  // the escapes, each in inventory order.
  void finish(std::vector<krm::Result>& results);

 private:
  struct Unknown {
    size_t reason;         // in reasons_
    std::string resource;  // "Kind/ns/name"
    krm::ResourceRef ref;
    std::string what;  // "cassandra dc1, reaper, ..."
  };
  struct Escape {
    krm::Result result;
    size_t registry_at = std::string::npos;  // where the DEFAULT_REGISTRY reason goes, if it does
  };
  bool named(const InventoryEntry& e) const;

  const Relocator* rules_;
  std::set<std::string> named_;
  std::vector<krm::Result> fixed_;
  // A large run has thousands of unknowns and a few reasons: each reason is kept once.
  std::map<std::string, size_t, std::less<>> reason_ids_;  // reason -> reasons_
  std::vector<std::string> reasons_;
  std::map<std::pair<std::string, size_t>, size_t> unknown_at_;  // (resource, reason) -> unknowns_
  std::vector<Unknown> unknowns_;                                // the resource's sites, by reason
  std::vector<Escape> escapes_;
  bool operator_site_ = false;  // a k8ssandra-operator Deployment's site was seen
};

}  // namespace fn

#endif  // FN_AUDIT_H_
