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

// True when an entry of `specs` matches the item (by kind, or an entry
// without a kind).
bool HasAdditionalFields(const krm::Item& item, const std::vector<FieldSpec>& specs);

// True when an entry with a kind names the item's kind: its fields are then
// the config's word, and the item's pod specs are not walked by shape.
bool NamesKind(const krm::Item& item, const std::vector<FieldSpec>& specs);

// Visits every node the entries of `specs` that match the item reach. An
// entry without a kind skips the images of pod specs the shape walk
// handles (PodSpecsByShape), so no image is edited twice.
void ForEachAdditionalField(const krm::Document& d, const krm::Item& item, const std::vector<FieldSpec>& specs,
                            const AdditionalFieldVisitor& visit);

// Relocates the string fields named by additionalImageFields on the item.
void RewriteAdditionalFields(const ItemContext& ctx);

}  // namespace fn

#endif  // FN_ADDITIONAL_FIELDS_H_
