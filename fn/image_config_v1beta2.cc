// config.k8ssandra.io/v1beta2: structured entries under images and types,
// with defaults (registry, repository, pullSecrets, pullPolicy) and
// overrides that apply to every entry.
#include "fn/image_config_internal.h"
#include "fn/names.h"
#include "fn/pull_secret.h"
#include "fn/structured_image.h"

namespace fn {
namespace image_config {

using krm::Document;
using krm::NodeId;
using krm::Severity;
using krm::Value;

namespace {

// The pull secret goes where cass-operator's ImagePullSecrets reads it: a
// present overrides.pullSecrets (even []) replaces every other list, so it
// goes there; otherwise into defaults.pullSecrets, which an entry's own
// pullSecret replaces for that image (named with a warning).
void PullSecret(const ItemContext& ctx, NodeId root, Staged& staged) {
  const Config& cfg = ctx.config();
  const Document& d = ctx.doc();
  NodeId overrides = d.get(root, "overrides");
  bool in_overrides = d.keyOf(overrides, "pullSecrets") != krm::kNoNode;
  const char* parent = in_overrides ? "overrides" : "defaults";
  NodeId secrets = d.get(d.get(root, parent), "pullSecrets");
  SecretAddition add = AddSecret(d, secrets, SecretList::Names, cfg.pull_secret);
  std::string path = std::string(parent) + ".pullSecrets";
  std::string why = in_overrides ? " (present, it replaces every other list)" : "";
  if (add.action == SecretAddition::Action::Append) {
    if (ctx.editor().append(secrets, add.value))
      ctx.changed(path, "added pull secret " + cfg.pull_secret + " to " + path + why, std::nullopt, cfg.pull_secret);
    else
      ctx.report(Severity::Warning, path, "pull secret " + cfg.pull_secret + " could not be added");
  }
  if (add.action == SecretAddition::Action::Write) {
    staged.set({parent, "pullSecrets"}, add.value);
    staged.note(path, "added pull secret " + cfg.pull_secret + " to " + path + why, std::nullopt, cfg.pull_secret);
  }
  if (in_overrides) return;
  for (const char* section : {"images", "types"}) {
    for (auto& [k, v] : d.pairs(d.get(root, section))) {
      std::string own(d.str(v, "pullSecret"));
      if (own.empty() || own == cfg.pull_secret) continue;
      ctx.report(Severity::Warning, std::string(section) + "." + std::string(d.value(k)) + ".pullSecret",
                 "this entry's pullSecret " + own + " replaces the default pull secrets for its image, so " +
                     cfg.pull_secret + " does not apply to it: make sure " + own +
                     " can pull from the mirror, or set it to " + cfg.pull_secret,
                 own);
    }
  }
}

void PullSettings(const ItemContext& ctx, NodeId root, Staged& staged) {
  const Config& cfg = ctx.config();
  const Document& d = ctx.doc();
  NodeId defaults = d.get(root, "defaults");
  if (!cfg.pull_secret.empty()) PullSecret(ctx, root, staged);
  if (!cfg.pull_policy.empty() && d.str(defaults, "pullPolicy") != cfg.pull_policy)
    staged.set({"defaults", "pullPolicy"}, Value::String(cfg.pull_policy));
}

// imageConfig: override: overrides.registry (and, to flatten,
// overrides.repository) send every image to the one target.
void Override(const ItemContext& ctx, NodeId root) {
  const Config& cfg = ctx.config();
  std::optional<Target> sole = OverrideTarget(ctx, "v1beta2 overrides", cfg.mode != PathMode::Nest);
  if (!sole) return;
  const Document& d = ctx.doc();
  Staged staged;
  NodeId overrides = d.get(root, "overrides");
  std::string reg = cfg.mode == PathMode::Flatten ? sole->registry : sole->text();
  if (d.str(overrides, "registry") != reg) {
    staged.set({"overrides", "registry"}, Value::String(reg));
    staged.note("overrides.registry", "set overrides.registry to " + reg, std::nullopt, reg);
  }
  if (cfg.mode == PathMode::Flatten &&
      (d.str(overrides, "repository") != sole->prefix || d.keyOf(overrides, "repository") == krm::kNoNode)) {
    staged.set({"overrides", "repository"}, Value::String(sole->prefix));
    staged.note("overrides.repository", "set overrides.repository to '" + sole->prefix + "'", std::nullopt,
                sole->prefix);
  }
  PullSettings(ctx, root, staged);
  Flush(ctx, root, staged);
}

// One entry of images or types; its registry and repository default to
// defaults.registry and defaults.repository. An images entry has a tag and
// a digest of its own; a type's tag comes from each datacenter's
// serverVersion, so only its name can be customized here.
void Entry(const ItemContext& ctx, NodeId e, const std::string& path, const ImageName& defaults, bool type) {
  const Document& d = ctx.doc();
  if (!d.isMap(e)) return;
  std::string name(d.str(e, "name"));
  if (name.empty()) return ctx.report(Severity::Warning, path, "not relocated: the entry has no name");
  ImageName src{std::string(d.str(e, "registry")), std::string(d.str(e, "repository")), name, "", ""};
  if (!type) {
    src.tag = std::string(d.str(e, "tag"));
    src.digest = std::string(d.str(e, "digest"));
  }
  if (src.registry.empty()) src.registry = defaults.registry;
  if (d.keyOf(e, "repository") == krm::kNoNode) src.repository = defaults.repository;
  ImageName out;
  Decision dec = ctx.rules().relocate(src, out, true);
  if (dec.outcome == Outcome::Invalid) return ctx.report(Severity::Warning, path, "not relocated: " + dec.reason);
  if (!dec.changed()) return;
  // With a digest, Image.String() ignores the tag: a digest alone leaves it.
  if (!type && !out.digest.empty() && out.tag.empty()) out.tag = src.tag;
  if (type) out.tag = out.digest = src.tag = src.digest = "";
  if (out.ToString() == src.ToString()) return;
  krm::EditGroup group(ctx.editor());
  group.step(WriteStructured(ctx, e, out));
  if (!type && out.tag != src.tag) group.step(ctx.editor().setKey(e, "tag", Value::String(out.tag)));
  if (!type && out.digest != src.digest) group.step(ctx.editor().setKey(e, "digest", Value::String(out.digest)));
  if (!group.commit())
    return ctx.report(Severity::Warning, path,
                      "not relocated: a field of this entry spans several lines or its extent is unclear; write its "
                      "fields on one line each",
                      src.ToString(), out.ToString());
  ctx.changed(path, dec.describe(src.ToString(), out.ToString()), src.ToString(), out.ToString());
  if (out.repository.empty() && !defaults.repository.empty())
    ctx.report(Severity::Warning, path + ".repository",
               "an empty repository takes defaults.repository (" + defaults.repository +
                   "); clear it or give the target a path");
  ctx.noteTarget(out.withoutTag(), dec.customized.name(), path);
}

// defaults.registry: for entries without their own, now and later.
void DefaultRegistry(const ItemContext& ctx, NodeId defaults, Staged& staged) {
  const Document& d = ctx.doc();
  std::string written(d.str(defaults, "registry"));
  std::optional<std::string> next =
      ctx.rules().relocateRegistry(written.empty() ? std::string(names::kDockerHub) : written);
  if (!next || *next == written) return;
  NodeId n = d.get(defaults, "registry");
  std::optional<std::string> cur = written.empty() ? std::nullopt : std::optional<std::string>(written);
  if (!d.isScalar(n)) {
    staged.set({"defaults", "registry"}, Value::String(*next));
    staged.note("defaults.registry", "set defaults.registry to " + *next, cur, *next);
  } else if (ctx.editor().setScalar(n, *next)) {
    ctx.changed("defaults.registry", "set defaults.registry to " + *next, cur, *next);
  } else {
    ctx.report(Severity::Warning, "defaults.registry",
               "not relocated: the value spans several lines or its extent is unclear; write it on one line", cur,
               *next);
  }
}

}  // namespace

void RewriteV1beta2(const ItemContext& ctx, NodeId root) {
  if (ctx.config().image_config_mode == ImageConfigMode::Override) return Override(ctx, root);
  const Document& d = ctx.doc();
  NodeId defaults = d.get(root, "defaults");
  ImageName def{std::string(d.str(defaults, "registry")), std::string(d.str(defaults, "repository")), "", "", ""};
  for (const char* section : {"images", "types"}) {
    for (auto& [k, v] : d.pairs(d.get(root, section)))
      Entry(ctx, v, std::string(section) + "." + std::string(d.value(k)), def, std::string(section) == "types");
  }
  Staged staged;
  DefaultRegistry(ctx, defaults, staged);
  RelocateRegistryField(ctx, d.get(d.get(root, "overrides"), "registry"), "overrides.registry");
  PullSettings(ctx, root, staged);
  Flush(ctx, root, staged);
}

}  // namespace image_config
}  // namespace fn
