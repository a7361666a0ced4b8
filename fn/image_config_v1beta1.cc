// config.k8ssandra.io/v1beta1: images as strings (optionally per server
// version), defaults.<type>.repository/suffix, and registries in
// imageRegistry and defaults.<type>.imageRegistry.
#include "fn/image_config_internal.h"
#include "fn/names.h"
#include "fn/relocate_string.h"

namespace fn {
namespace image_config {

using krm::Document;
using krm::NodeId;
using krm::Severity;
using krm::Value;

namespace {

// The imageRegistry that applies to a component, or kNoNode.
NodeId RegistryOf(const Document& d, NodeId root, const std::string& component) {
  NodeId own = d.at(d.get(d.get(root, "defaults"), component), "imageRegistry");
  if (d.isScalar(own) && !d.value(own).empty()) return own;
  NodeId top = d.get(root, "imageRegistry");
  if (d.isScalar(top) && !d.value(top).empty()) return top;
  return krm::kNoNode;
}

void PullSettings(const ItemContext& ctx, NodeId root, Staged& staged) {
  const Config& cfg = ctx.config();
  const Document& d = ctx.doc();
  if (!cfg.pull_secret.empty() && d.str(d.get(root, "imagePullSecret"), "name") != cfg.pull_secret)
    staged.set({"imagePullSecret", "name"}, Value::String(cfg.pull_secret));
  if (!cfg.pull_policy.empty() && d.str(root, "imagePullPolicy") != cfg.pull_policy)
    staged.set({"imagePullPolicy"}, Value::String(cfg.pull_policy));
}

// imageConfig: override: every registry setting becomes the one target.
void Override(const ItemContext& ctx, NodeId root) {
  std::optional<Target> sole = OverrideTarget(ctx, "v1beta1 imageRegistry", ctx.config().mode == PathMode::Keep);
  if (!sole) return;
  const Document& d = ctx.doc();
  Staged staged;
  std::string want = sole->text();
  if (d.str(root, "imageRegistry") != want) {
    staged.set({"imageRegistry"}, Value::String(want));
    staged.note("imageRegistry", "set imageRegistry to " + want, std::nullopt, want);
  }
  for (auto& [k, v] : d.pairs(d.get(root, "defaults"))) {
    NodeId own = d.get(v, "imageRegistry");
    if (!d.isScalar(own) || d.value(own) == want) continue;
    std::string path = "defaults." + std::string(d.value(k)) + ".imageRegistry";
    if (ctx.editor().setScalar(own, want))
      ctx.changed(path, "set imageRegistry to " + want, std::string(d.value(own)), want);
    else
      ctx.report(krm::Severity::Warning, path,
                 "not relocated: the value spans several lines or its extent is unclear; write it on one line",
                 std::string(d.value(own)), want);
  }
  PullSettings(ctx, root, staged);
  Flush(ctx, root, staged);
}

// An image string composed under an imageRegistry, cut to its last path
// component (with its tag and digest), so that the registry flattens it.
void FlattenUnderRegistry(const ItemContext& ctx, NodeId node, const std::string& path) {
  if (!ctx.doc().isScalar(node)) return;
  std::string cur(ctx.doc().value(node));
  ParsedRef p = ParseImageRef(cur);
  if (!p.ok) return;
  std::string next = LastComponent(p.ref.path) + p.ref.suffix();
  if (next == cur || !ctx.editor().setScalar(node, next)) return;
  ctx.changed(path, "flattened " + cur + " to " + next + " under its imageRegistry", cur, next);
}

// An image string composed under an imageRegistry: an images entry that
// matches it (by the composed name, or by the string's own) changes the
// string's path, tag and digest; the imageRegistry stays in front, so a
// newName with a registry host cannot be expressed here.
bool CustomizeUnderRegistry(const ItemContext& ctx, NodeId registry, NodeId node, const std::string& path,
                            Custom custom) {
  const Document& d = ctx.doc();
  if (custom == Custom::Skip || !d.isScalar(node)) return false;
  std::string cur(d.value(node));
  ParsedRef own = ParseImageRef(cur);
  if (!own.ok) return false;
  std::string reg(d.value(registry));
  while (!reg.empty() && reg.back() == '/') reg.pop_back();
  ParsedRef composed = ParseImageRef(reg + "/" + own.ref.writtenPath() + own.ref.suffix());
  Decision dec = composed.ok ? ctx.rules().decide(composed.ref, custom) : Decision{};
  if (!dec.custom) dec = ctx.rules().decide(own.ref, custom);
  if (!dec.custom) return false;
  if (dec.custom->final()) {
    ctx.report(Severity::Warning, path,
               "images entry " + dec.custom->text() + " not applied: cass-operator puts the imageRegistry " + reg +
                   " in front of this image, so a newName with a registry host cannot be written here");
    return true;
  }
  ImageRef out = own.ref;
  out.path = dec.customized.path;
  out.implicit_library = dec.customized.implicit_library;
  out.tag = dec.customized.tag;
  out.digest = dec.customized.digest;
  std::string next = out.writtenPath() + out.suffix();
  if (ctx.config().mode == PathMode::Flatten) next = LastComponent(out.path) + out.suffix();
  if (next == cur) return true;
  if (!ctx.editor().setScalar(node, next)) {
    ctx.report(Severity::Warning, path, "not changed: the value spans several lines; write it on one line", cur, next);
    return true;
  }
  ctx.changed(path, dec.describe(cur, next) + ", under its imageRegistry", cur, next);
  return true;
}

// An image of `component`. Under an imageRegistry it is composed as
// <imageRegistry>/<image without its registry>: the registry setting is
// rewritten instead, and in flatten mode the image keeps only its last
// path component.
void Image(const ItemContext& ctx, NodeId root, NodeId node, const std::string& component, const std::string& path,
           Custom custom) {
  NodeId registry = RegistryOf(ctx.doc(), root, component);
  if (registry == krm::kNoNode) {
    RelocateString(ctx, node, path, custom);
  } else if (CustomizeUnderRegistry(ctx, registry, node, path, custom)) {
    return;
  } else if (ctx.config().mode == PathMode::Flatten) {
    FlattenUnderRegistry(ctx, node, path);
  }
}

// Without defaults.<x>.repository the operator uses a built-in Docker Hub
// repository for server images: write the relocated one.
void Builtins(const ItemContext& ctx, NodeId root, Staged& staged) {
  const Document& d = ctx.doc();
  NodeId defaults = d.get(root, "defaults");
  const std::pair<const char*, const char*> builtins[] = {{"cassandra", names::kBuiltinCassandraRepository},
                                                          {"dse", names::kBuiltinDseRepository}};
  for (auto& [comp, repo] : builtins) {
    if (d.isScalar(d.get(d.get(defaults, comp), "repository"))) continue;
    std::string next;
    if (RegistryOf(d, root, comp) != krm::kNoNode) {
      if (ctx.config().mode != PathMode::Flatten) continue;
      next = LastComponent(repo);
    } else if (!ctx.rules().relocate(repo, next, Custom::NameOnly).changed()) {
      continue;
    }
    staged.set({"defaults", comp, "repository"}, Value::String(next));
    staged.note(std::string("defaults.") + comp + ".repository",
                std::string("added ") + next + " in place of the built-in " + repo, std::nullopt, next);
  }
}

}  // namespace

void RewriteV1beta1(const ItemContext& ctx, NodeId root) {
  if (ctx.config().image_config_mode == ImageConfigMode::Override) return Override(ctx, root);
  const Document& d = ctx.doc();
  for (auto& [k, v] : d.pairs(d.get(root, "images"))) {
    std::string comp(d.value(k));
    if (d.isScalar(v)) Image(ctx, root, v, comp, "images." + comp, Custom::Apply);
    // A per-version map: each server version keeps its own tag.
    for (auto& [ver, img] : d.pairs(v))
      Image(ctx, root, img, comp, "images." + comp + "." + std::string(d.value(ver)), Custom::NameOnly);
  }
  NodeId defaults = d.get(root, "defaults");
  for (auto& [k, v] : d.pairs(defaults)) {
    std::string comp(d.value(k));
    Image(ctx, root, d.get(v, "repository"), comp, "defaults." + comp + ".repository", Custom::NameOnly);
  }
  Staged staged;
  Builtins(ctx, root, staged);
  RelocateRegistryField(ctx, d.get(root, "imageRegistry"), "imageRegistry");
  for (auto& [k, v] : d.pairs(defaults))
    RelocateRegistryField(ctx, d.get(v, "imageRegistry"), "defaults." + std::string(d.value(k)) + ".imageRegistry");
  PullSettings(ctx, root, staged);
  Flush(ctx, root, staged);
}

}  // namespace image_config
}  // namespace fn
