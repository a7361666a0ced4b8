// fn/image_config_internal.h: what the two ImageConfig format rewriters
// share. Not part of fn's public headers: only image_config*.cc use it.
#ifndef FN_IMAGE_CONFIG_INTERNAL_H_
#define FN_IMAGE_CONFIG_INTERNAL_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fn/item_context.h"
#include "krm/value.h"

namespace fn {
namespace image_config {

// Edits made together at the end, so that keys under one missing parent
// are written once (krm::Editor::setPaths).
using Edits = std::vector<std::pair<std::vector<std::string>, krm::Value>>;

// Those edits and the info results they earn, reported only once written.
struct Staged {
  struct Note {
    std::string path, message;
    std::optional<std::string> current, proposed;
  };
  Edits edits;
  std::vector<Note> notes;
  void set(std::vector<std::string> keys, krm::Value value) { edits.emplace_back(std::move(keys), std::move(value)); }
  void note(std::string path, std::string message, std::optional<std::string> current,
            std::optional<std::string> proposed) {
    notes.push_back({std::move(path), std::move(message), std::move(current), std::move(proposed)});
  }
};
// Writes the staged edits below `root` and reports their notes; when any
// cannot be written, none is, and one warning names the fields.
void Flush(const ItemContext& ctx, krm::NodeId root, Staged& staged);

// Relocates a registry-valued field (imageRegistry, overrides.registry) the
// way the rules move the images under it.
void RelocateRegistryField(const ItemContext& ctx, krm::NodeId node, const std::string& path);

// The one target `imageConfig: override` writes, or an error result naming
// `knob` and nothing when the config has none or `mode_ok` is false.
std::optional<Target> OverrideTarget(const ItemContext& ctx, const char* knob, bool mode_ok);

// config.k8ssandra.io/v1beta1 and v1beta2 documents, rooted at `root`.
void RewriteV1beta1(const ItemContext& ctx, krm::NodeId root);
void RewriteV1beta2(const ItemContext& ctx, krm::NodeId root);

}  // namespace image_config
}  // namespace fn

#endif  // FN_IMAGE_CONFIG_INTERNAL_H_
