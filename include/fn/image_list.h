// fn/image_list.h: the image list a run leaves in the package (config
// `imageList: NAME`): a ConfigMap NAME, annotated
// config.kubernetes.io/local-config: "true" (kpt writes it into the package,
// kustomize drops it from its output), whose data holds images.tsv
// (SOURCE<TAB>TARGET) and skopeo-sync.yaml. Added when missing, updated in
// place otherwise; a run that changes nothing leaves it byte for byte.
#ifndef FN_IMAGE_LIST_H_
#define FN_IMAGE_LIST_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fn/inventory.h"
#include "krm/patch.h"
#include "krm/resource_list.h"

namespace fn {

using ImagePairs = std::set<std::pair<std::string, std::string>>;

// The pairs to list: `known` (the inventory's KnownPairs), except that an
// image already on the mirror (source == target) keeps the upstream source
// `previous` (the list's images.tsv from an earlier run) names for it, so
// that a second run lists what the first did.
ImagePairs ListedPairs(const ImagePairs& known, const std::string& previous);

// Writes the list into `rl` through `patch`. Results: an info when it is
// added or changed; an error in a stream (there is no package to hold it)
// or when an item of that name is not a ConfigMap.
void WriteImageList(const krm::ResourceList& rl, krm::Patch& patch, const std::string& name, const ImagePairs& known,
                    std::vector<krm::Result>& results);

}  // namespace fn

#endif  // FN_IMAGE_LIST_H_
