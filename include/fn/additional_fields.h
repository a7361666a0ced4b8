// fn/additional_fields.h: string image fields users name for kinds the
// function does not know (config additionalImageFields, kustomize fieldSpec
// style).
#ifndef FN_ADDITIONAL_FIELDS_H_
#define FN_ADDITIONAL_FIELDS_H_

#include "fn/item_context.h"

namespace fn {

// Relocates the string fields named by additionalImageFields on the item.
void RewriteAdditionalFields(const ItemContext& ctx);

}  // namespace fn

#endif  // FN_ADDITIONAL_FIELDS_H_
