// fn/audit.h: the inventory of a run and its check: every pull site of the
// input, where it pulls from after the edits, and a result for each site
// that still pulls from outside the mirror or cannot be known.
#ifndef FN_AUDIT_H_
#define FN_AUDIT_H_

#include <vector>

#include "fn/inventory.h"
#include "fn/rules.h"
#include "krm/patch.h"
#include "krm/resource_list.h"

namespace fn {

// The inventory of `rl` with `patch` applied (nullptr, or an empty patch:
// the targets are the sources). The edited text is read back once to model
// its sites, so a target is what the operators will compose from the
// output, not a guess at it.
// `additional` are the config's additionalImageFields.
std::vector<InventoryEntry> AuditInventory(const krm::ResourceList& rl, const krm::Patch* patch,
                                           const OperatorVersions& versions,
                                           const std::vector<FieldSpec>& additional = {});

// One warning per site whose target is not under one of the config's
// targets, whose image cannot be known, or that no field can move (strict
// turns them into errors later). A site already named by a warning or error
// about the same resource and field is not named twice.
void ReportEscapes(const std::vector<InventoryEntry>& entries, const Relocator& rules,
                   std::vector<krm::Result>& results);

// The same findings with no config: only the sites whose image cannot be
// known (the inventory is then incomplete) and those no field can move.
void ReportUnknowns(const std::vector<InventoryEntry>& entries, std::vector<krm::Result>& results);

}  // namespace fn

#endif  // FN_AUDIT_H_
