#include "fn/additional_fields.h"

#include "fn/field_path.h"
#include "fn/relocate_string.h"

namespace fn {
namespace {

// Walks a kustomize-style field path ("spec/list[]/image") to its strings.
void WalkPath(const ItemContext& ctx, krm::NodeId at, const std::string& rest, const std::string& field) {
  if (rest.empty()) {
    RelocateString(ctx, at, field);
    return;
  }
  size_t slash = rest.find('/');
  std::string seg = rest.substr(0, slash);
  std::string next = slash == std::string::npos ? "" : rest.substr(slash + 1);
  bool list = seg.size() > 2 && seg.compare(seg.size() - 2, 2, "[]") == 0;
  if (list) seg.resize(seg.size() - 2);
  krm::NodeId child = ctx.doc().get(at, seg);
  if (!list) {
    WalkPath(ctx, child, next, Field(field, seg));
    return;
  }
  size_t i = 0;
  for (krm::NodeId c : ctx.doc().items(child)) WalkPath(ctx, c, next, Indexed(Field(field, seg), i++));
}

}  // namespace

void RewriteAdditionalFields(const ItemContext& ctx) {
  const krm::Item& item = ctx.item();
  std::string version = item.api_version.substr(item.api_version.find('/') + 1);
  for (const FieldSpec& f : ctx.config().additional_fields) {
    if (f.kind != item.kind) continue;
    if (!f.group.empty() && f.group != item.group()) continue;
    if (!f.version.empty() && f.version != version) continue;
    WalkPath(ctx, item.node, f.path, "");
  }
}

}  // namespace fn
