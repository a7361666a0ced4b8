// fn/custom_sites.h: custom images (config `images`) at the pull sites no
// field names. The rewriters apply an images entry wherever a field holds
// the image; this checks, on the edited output's own pull sites, that every
// image an entry matches ends as the entry asks, makes an implicit image
// explicit where upstream reads a field first (a datacenter's serverImage, a
// K8ssandraCluster's reaper/medusa containerImage, ...), and names what is
// left.
#ifndef FN_CUSTOM_SITES_H_
#define FN_CUSTOM_SITES_H_

#include <string>
#include <vector>

#include "fn/inventory.h"
#include "fn/rules.h"
#include "fn/run_context.h"
#include "krm/editor.h"
#include "krm/resource_list.h"

namespace fn {

// An implicit site an images entry matches whose image, after the edits,
// is not what the entry asks for.
struct CustomMiss {
  InventoryEntry entry;  // a copy: the inventory is made and dropped a part at a time
  const ImageOverride* custom = nullptr;
  std::string want;  // the reference the entry asks for, relocated
};

std::vector<CustomMiss> CustomMisses(const std::vector<InventoryEntry>& entries, const Relocator& rules);

// Writes each miss's explicit field (PullSite::explicit_field) in the input
// through `ed`, with an info result; a structured field cannot take a
// digest (a warning says so). Returns the number of fields written.
size_t MakeExplicit(const std::vector<CustomMiss>& misses, const std::vector<krm::Item>& items, RunContext& run,
                    krm::Editor& ed);

// Sets each entry's upstream: its source with the images entry that matches
// it applied (what must be copied onto the mirror).
void SetUpstreams(std::vector<InventoryEntry>& entries, const Relocator& rules);

// One warning per miss: which entry, which site, and where its image comes from.
// `items` and `doc`: the input, to tell a field written in part.
void ReportCustomMisses(const std::vector<CustomMiss>& misses, const std::vector<krm::Item>& items,
                        const krm::Document& doc, std::vector<krm::Result>& results);

}  // namespace fn

#endif  // FN_CUSTOM_SITES_H_
