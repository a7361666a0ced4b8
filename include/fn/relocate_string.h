// fn/relocate_string.h: one image written as a string, wherever it is.
#ifndef FN_RELOCATE_STRING_H_
#define FN_RELOCATE_STRING_H_

#include <string>

#include "fn/item_context.h"

namespace fn {

// Relocates the string image at `node` (a scalar; anything else, and an
// empty string, is ignored). Reports an info result for a change, and a
// warning for an invalid reference or a value that cannot be rewritten in
// place. Returns the decision (Invalid when the edit could not be made).
// `custom` says how much of an images entry the field takes (NameOnly for
// a field that holds a repository without a tag).
Decision RelocateString(const ItemContext& ctx, krm::NodeId node, const std::string& path,
                        Custom custom = Custom::Apply);

}  // namespace fn

#endif  // FN_RELOCATE_STRING_H_
