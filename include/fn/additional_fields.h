// fn/additional_fields.h: string image fields users name for kinds the
// function does not know (config additionalImageFields, kustomize fieldSpec
// style).
#ifndef FN_ADDITIONAL_FIELDS_H_
#define FN_ADDITIONAL_FIELDS_H_

#include <functional>
#include <string>
#include <vector>

#include "fn/config.h"
#include "fn/item_context.h"

namespace fn {

// Called with each node an additionalImageFields path reaches, and its
// field path ("spec.list[0].image").
using AdditionalFieldVisitor = std::function<void(krm::NodeId, const std::string&)>;

// True when an entry of `specs` names the item's kind (and group, version).
bool HasAdditionalFields(const krm::Item& item, const std::vector<FieldSpec>& specs);

// Visits every node the entries of `specs` that match the item reach.
void ForEachAdditionalField(const krm::Document& d, const krm::Item& item, const std::vector<FieldSpec>& specs,
                            const AdditionalFieldVisitor& visit);

// Relocates the string fields named by additionalImageFields on the item.
void RewriteAdditionalFields(const ItemContext& ctx);

}  // namespace fn

#endif  // FN_ADDITIONAL_FIELDS_H_
