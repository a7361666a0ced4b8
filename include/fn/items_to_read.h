// fn/items_to_read.h: which items the function reads. Everything else (a
// CustomResourceDefinition, RBAC, a Service, a Secret, a webhook
// configuration, a ConfigMap that is neither an ImageConfig nor the image
// list) is passed through as bytes without being parsed, when krm's
// structural pre-scan can vouch for it (krm::ItemSelector).
#ifndef FN_ITEMS_TO_READ_H_
#define FN_ITEMS_TO_READ_H_

#include <string_view>

#include "fn/config.h"
#include "krm/resource_list.h"

namespace fn {

// The selector for a functionConfig: an item is read when it may hold a
// pull site (MayHoldPullSites: workloads, K8ssandra kinds, unknown kinds
// the shape walk visits, v1 Lists), when an additionalImageFields entry
// names it, or, for a ConfigMap, when its text holds the ImageConfig key
// or its name is the image list's. A config that does not read yields no
// selector: every item is read, and the config's errors are reported as
// before.
krm::SelectorFactory ItemsToRead();

// The predicate itself, for one item and its text (for tests).
bool ReadsItem(const krm::Item& item, std::string_view text, const Config& config);

}  // namespace fn

#endif  // FN_ITEMS_TO_READ_H_
