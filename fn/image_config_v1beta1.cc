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
  for (const char* key : {"imageRegistry", names::kImageRegistryOverride}) {
    NodeId top = d.get(root, key);
    if (d.isScalar(top) && !d.value(top).empty()) return top;
  }
  return krm::kNoNode;
}

// The top-level registry key the cass-operator version reads.
const char* RegistryKey(const ItemContext& ctx, NodeId root) {
  const std::optional<Version>& co = ctx.run().cassOperator();
  if (co) return co->atLeast(1, 11) ? "imageRegistry" : names::kImageRegistryOverride;
  bool old = ctx.doc().get(root, names::kImageRegistryOverride) != krm::kNoNode &&
             ctx.doc().get(root, "imageRegistry") == krm::kNoNode;
  return old ? names::kImageRegistryOverride : "imageRegistry";
}

// True when the rules move the registry an imageRegistry names (so images
// composed under it must be flattened with it); false for one already on
// the mirror, excluded, unmatched, or not a registry host (a placeholder
// such as ${PULL_REGISTRY}, which RelocateRegistryField names).
bool RegistryMoves(const ItemContext& ctx, NodeId registry) {
  return ctx.rules().relocateRegistry(ctx.doc().value(registry)).has_value();
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
  std::string key = RegistryKey(ctx, root);
  if (d.str(root, key) != want) {
    staged.set({key}, Value::String(want));
    staged.note(key, "set " + key + " to " + want, std::nullopt, want);
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
  } else if (ctx.config().mode == PathMode::Flatten && RegistryMoves(ctx, registry)) {
    FlattenUnderRegistry(ctx, node, path);
  }
}

// cass-operator before v1.9.0 reads no `defaults` (added in v1.9.0,
// 052dd8dbab1dc2aae5c559eb44e429e0a9fd1cfc): its server images are the
// built-ins, which only serverImage moves. True (with a warning when the
// rules would move it) for such a version.
bool NoDefaults(const ItemContext& ctx, NodeId root, const char* comp) {
  const std::optional<Version>& co = ctx.run().cassOperator();
  if (!co || co->atLeast(1, 9)) return false;
  const char* repo = BuiltinServerRepository(comp, co);
  std::string next;
  if (repo && RegistryOf(ctx.doc(), root, comp) == krm::kNoNode &&
      ctx.rules().relocate(repo, next, Custom::Skip).changed())
    ctx.report(krm::Severity::Warning, std::string("defaults.") + comp,
               "cass-operator " + co->text() + " reads no defaults (from v1.9.0), so its " + comp +
                   " server image stays the built-in " + repo +
                   " on Docker Hub: set serverImage on each "
                   "CassandraDatacenter (for example " +
                   next + ":<version>)");
  return true;
}

// Without defaults.<x>.repository the operator uses a built-in Docker Hub
// repository for server images (which one: BuiltinServerRepository): write
// the relocated one. Not when it depends on an unknown cass-operator
// version, nor when the type has a suffix: cass-operator ignores a suffix
// until a repository is set, so adding one would change the tag pulled.
void Builtins(const ItemContext& ctx, NodeId root, Staged& staged) {
  const Document& d = ctx.doc();
  NodeId defaults = d.get(root, "defaults");
  for (const char* comp : {"cassandra", "dse"}) {
    NodeId type = d.get(defaults, comp);
    if (d.isScalar(d.get(type, "repository"))) continue;
    std::string path = std::string("defaults.") + comp;
    if (NoDefaults(ctx, root, comp)) continue;
    const char* repo = BuiltinServerRepository(comp, ctx.run().cassOperator());
    std::string probe;
    if (!repo && RegistryOf(d, root, comp) == krm::kNoNode &&
        (ctx.rules().relocate(names::kBuiltinDseRepository, probe, Custom::Skip).changed() ||
         ctx.rules().relocate(names::kBuiltinDseRepositoryBefore121, probe, Custom::Skip).changed())) {
      ctx.report(krm::Severity::Warning, path + ".repository",
                 "not relocated: without defaults.dse.repository cass-operator pulls a built-in Docker Hub "
                 "repository, datastax/dse-server up to v1.20 and datastax/dse-mgmtapi-6_8 from v1.21, and the "
                 "cass-operator version is unknown: set defaults.dse.repository, or operatorVersions.cassOperator");
      continue;
    }
    if (!repo) continue;
    std::string next;
    NodeId registry = RegistryOf(d, root, comp);
    if (registry != krm::kNoNode) {
      if (ctx.config().mode != PathMode::Flatten || !RegistryMoves(ctx, registry)) continue;
      next = LastComponent(repo);
    } else if (!ctx.rules().relocate(repo, next, Custom::NameOnly).changed()) {
      continue;
    }
    std::string suffix(d.str(type, "suffix"));
    if (!suffix.empty()) {
      ctx.report(krm::Severity::Warning, path + ".suffix",
                 "not relocated: " + path + " has suffix '" + suffix + "' but no repository, and cass-operator " +
                     "ignores the suffix until a repository is set, so writing " + next +
                     " would change the tag it pulls; set repository (and check the suffix) by hand",
                 suffix);
      continue;
    }
    staged.set({"defaults", comp, "repository"}, Value::String(next));
    staged.note(path + ".repository", std::string("added ") + next + " in place of the built-in " + repo, std::nullopt,
                next);
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
  RelocateRegistryField(ctx, d.get(root, names::kImageRegistryOverride), names::kImageRegistryOverride);
  for (auto& [k, v] : d.pairs(defaults))
    RelocateRegistryField(ctx, d.get(v, "imageRegistry"), "defaults." + std::string(d.value(k)) + ".imageRegistry");
  PullSettings(ctx, root, staged);
  Flush(ctx, root, staged);
}

}  // namespace image_config
}  // namespace fn
