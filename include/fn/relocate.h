// fn/relocate.h: the function itself: reads the functionConfig, runs every
// enabled target family over the items, and reports.
#ifndef FN_RELOCATE_H_
#define FN_RELOCATE_H_

#include <vector>

#include "fn/config.h"
#include "fn/inventory.h"
#include "krm/patch.h"
#include "krm/resource_list.h"
#include "krm/result.h"

namespace fn {

// The krm::Processor of k8ssandra-images. Never touches the Kptfile, the
// functionConfig when it is also an item, or CustomResourceDefinitions
// (their `image` properties are schema, not values).
void Relocate(const krm::ResourceList& rl, krm::Patch& patch, std::vector<krm::Result>& results);

// The same, with operator versions for the audit that the config leaves
// unset (the images command's --operator-versions), and the audit's whole
// inventory into `inventory` when given (a run without one drops each part
// of it once reported). False when the config is unusable or the output
// could not be read back (the results then say why).
bool RelocateWithVersions(const krm::ResourceList& rl, krm::Patch& patch, std::vector<krm::Result>& results,
                          const OperatorVersions& fallback, std::vector<InventoryEntry>* inventory);

}  // namespace fn

#endif  // FN_RELOCATE_H_
