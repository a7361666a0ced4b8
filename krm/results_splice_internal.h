// krm/results_splice_internal.h: the keys a function writes into the
// ResourceList it returns: `items` (present, even when empty) and `results`
// (replacing any the input had). Only ResourceList::write uses it.
#ifndef KRM_RESULTS_SPLICE_INTERNAL_H_
#define KRM_RESULTS_SPLICE_INTERNAL_H_

#include <string>
#include <vector>

#include "krm/document.h"
#include "krm/patch.h"
#include "krm/result.h"

namespace krm {

// Adds to `patch` the edits of the ResourceList map `root` of `doc`: an
// empty `items` list when items is missing or null; `results` in place of
// the old key. A block document gets them as block YAML at its end; a flow
// document (JSON included) as one more entry after the last one.
void SpliceListKeys(const Document& doc, NodeId root, const std::vector<Result>& results, const std::string& eol,
                    Patch& patch);

}  // namespace krm

#endif  // KRM_RESULTS_SPLICE_INTERNAL_H_
