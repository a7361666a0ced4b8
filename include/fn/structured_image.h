// fn/structured_image.h: k8ssandra-operator's structured images
// ({registry, repository, name, tag, pullPolicy, pullSecretRef}).
#ifndef FN_STRUCTURED_IMAGE_H_
#define FN_STRUCTURED_IMAGE_H_

#include <map>
#include <string>

#include "fn/image_name.h"
#include "fn/item_context.h"

namespace fn {

// A component's image as an ImageConfig in the same input defines it
// (registry already resolved through defaults).
struct KnownImage {
  ImageName image;
  std::string where;  // e.g. "ConfigMap/cass-operator-image-config images.medusa"
};
// By ImageConfig component name ("reaper", "medusa").
using KnownImages = std::map<std::string, KnownImage>;

// Relocates the structured image at `node` (a map; anything else is left
// alone). `component` names its ImageConfig entry ("reaper", "medusa") or
// is empty. The CRD defaults `tag` to latest whenever the object exists
// (k8ssandra/k8ssandra-operator#1396), so an object without name or tag is:
// completed from `known` when the ImageConfig defines the component; given
// only `registry` (with a warning) when the sole target is a bare registry
// in keep mode; otherwise left alone with a warning saying what to add.
// An `image:` key inside is reported as a field that does not exist.
void RelocateStructured(const ItemContext& ctx, krm::NodeId node, const std::string& path, const std::string& component,
                        const KnownImages& known);

// Writes the relocated `out` over the structured image at `node`: registry
// (added first when missing), repository (also when missing: an empty one
// must be written to override a default), and name when it differs. All or
// nothing: false, and no edit, when a field cannot be rewritten in place.
[[nodiscard]] bool WriteStructured(const ItemContext& ctx, krm::NodeId node, const ImageName& out);

}  // namespace fn

#endif  // FN_STRUCTURED_IMAGE_H_
