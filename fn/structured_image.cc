#include "fn/structured_image.h"

#include "fn/field_path.h"
#include "fn/names.h"

namespace fn {

using krm::NodeId;
using krm::Severity;
using krm::Value;

namespace {

ImageName Written(const krm::Document& d, NodeId node) {
  return {std::string(d.str(node, "registry")), std::string(d.str(node, "repository")),
          std::string(d.str(node, "name")), std::string(d.str(node, "tag")), ""};
}

// Why a group of edits of one structured image was dropped.
std::string Unwritable(const std::string& what) {
  return "not " + what +
         ": a field of this image spans several lines or its extent is unclear (a block or folded "
         "scalar), and a part-written image would name one that does not exist; write its fields on one line each";
}

void ApplyPullSettings(const ItemContext& ctx, NodeId node, krm::EditGroup& group) {
  const Config& cfg = ctx.config();
  const krm::Document& d = ctx.doc();
  if (!cfg.pull_policy.empty() && d.str(node, "pullPolicy") != cfg.pull_policy)
    group.step(ctx.editor().setKey(node, "pullPolicy", Value::String(cfg.pull_policy)));
  if (!cfg.pull_secret.empty() && d.str(d.get(node, "pullSecretRef"), "name") != cfg.pull_secret)
    group.step(ctx.editor().setPath(node, {"pullSecretRef", "name"}, Value::String(cfg.pull_secret)));
}

std::string Missing(const ImageName& src) {
  if (src.name.empty() && src.tag.empty()) return "name and tag";
  return src.name.empty() ? "name" : "tag";
}

// An image without name or tag that no ImageConfig completes. Says nothing
// when the rules would leave images under its registry/repository alone;
// sets only the registry when one bare registry in keep mode applies.
void Incomplete(const ItemContext& ctx, NodeId node, const std::string& path, const std::string& component,
                const ImageName& src) {
  std::string registry = src.registry.empty() ? std::string(names::kDockerHub) : CanonicalRegistry(src.registry);
  if (!IsRegistryHost(registry)) {
    ctx.report(Severity::Warning, Field(path, "registry"),
               "not relocated: '" + src.registry + "' is not a registry host, and this image sets no " + Missing(src),
               src.registry);
    return;
  }
  if (!ctx.rules().decidePrefix(registry, src.repository).changed()) return;
  std::optional<Target> sole = ctx.rules().soleTarget();
  if (!sole || !sole->prefix.empty() || ctx.config().mode != PathMode::Keep) {
    ctx.report(Severity::Warning, path,
               "not relocated: this image sets no " + Missing(src) +
                   ", and the CRD defaults tag to latest whenever the object exists "
                   "(k8ssandra/k8ssandra-operator#1396); add repository, name and tag (or put the image config that "
                   "defines " +
                   (component.empty() ? std::string("it") : "images." + component) + " in the same input)");
    return;
  }
  krm::EditGroup group(ctx.editor());
  if (src.registry != sole->registry)
    group.step(ctx.editor().setKey(node, "registry", Value::String(sole->registry), true));
  ApplyPullSettings(ctx, node, group);
  if (!group.commit()) return ctx.report(Severity::Warning, path, Unwritable("relocated"));
  if (src.registry != sole->registry)
    ctx.changed(Field(path, "registry"), "set registry to " + sole->registry,
                src.registry.empty() ? std::nullopt : std::optional<std::string>(src.registry), sole->registry);
  if (src.tag.empty())
    ctx.report(Severity::Warning, path,
               "only registry was set: this image sets no " + Missing(src) +
                   ", and while k8ssandra-operator merges it field by field with its defaults, the CRD defaults tag "
                   "to latest whenever the object exists (k8ssandra/k8ssandra-operator#1396): set tag explicitly");
}

// Writes the relocated image `out` over the written one, its tag too when
// it was completed from the image config or an images entry changed it.
// All or nothing, with the pull settings.
bool Write(const ItemContext& ctx, NodeId node, const std::string& path, const ImageName& out, const Decision& dec) {
  const krm::Document& d = ctx.doc();
  krm::Editor& ed = ctx.editor();
  std::string before = Written(d, node).ToString();
  krm::EditGroup group(ed);
  group.step(WriteStructured(ctx, node, out));
  if (d.str(node, "tag") != out.tag) group.step(ed.setKey(node, "tag", Value::String(out.tag)));
  ApplyPullSettings(ctx, node, group);
  if (!group.commit()) {
    ctx.report(Severity::Warning, path, Unwritable("relocated"), before, out.ToString());
    return false;
  }
  ctx.changed(path, dec.describe(before, out.ToString()), before, out.ToString());
  return true;
}

// The fields an object leaves out, filled: the tag from an images entry
// with a newTag, the rest field by field from the image config, as the
// operator merges (what the object sets wins). False when the image stays
// incomplete (Incomplete reported it) or the config does not complete it.
bool Complete(const ItemContext& ctx, NodeId node, const std::string& path, const std::string& component,
              const KnownImages& known, ImageName& src) {
  const krm::Document& d = ctx.doc();
  if (!src.name.empty() && src.tag.empty()) {
    ParsedRef ref = ToRef(src);
    bool at_destination = false;
    const ImageOverride* custom = ref.ok ? ctx.rules().customFor(ref.ref, at_destination) : nullptr;
    if (custom && !custom->new_tag.empty()) src.tag = custom->new_tag;
  }
  if (!src.name.empty() && !src.tag.empty()) return true;
  auto it = component.empty() ? known.end() : known.find(component);
  if (it == known.end()) {
    Incomplete(ctx, node, path, component, src);
    return false;
  }
  const ImageName& c = it->second.image;
  if (src.registry.empty()) src.registry = c.registry;
  if (d.keyOf(node, "repository") == krm::kNoNode) src.repository = c.repository;
  if (src.name.empty()) src.name = c.name;
  if (src.tag.empty()) src.tag = c.tag;
  if (src.name.empty() || src.tag.empty()) return false;
  ctx.report(
      Severity::Info, path,
      "completed from " + it->second.where + " so the CRD default tag: latest does not apply: " + src.ToString());
  return true;
}

// The fields a structured image does not have, named.
void NameStrayFields(const ItemContext& ctx, NodeId node, const std::string& path) {
  const krm::Document& d = ctx.doc();
  if (d.keyOf(node, "digest") != krm::kNoNode) {
    ctx.report(Severity::Warning, Field(path, "digest"),
               "k8ssandra-operator's structured images have no digest field, so the API server drops it and the pin is "
               "lost: pin the tag instead, or use a string image field where the resource has one");
  }
  if (d.keyOf(node, "image") != krm::kNoNode) {
    ctx.report(Severity::Warning, Field(path, "image"),
               "a structured image has no 'image' field (only registry, repository, name, tag, pullPolicy, "
               "pullSecretRef); the API server drops it, so it was left unchanged: split it into those fields");
  }
}

}  // namespace

bool WriteStructured(const ItemContext& ctx, NodeId node, const ImageName& out) {
  const krm::Document& d = ctx.doc();
  krm::Editor& ed = ctx.editor();
  krm::EditGroup group(ed);
  if (d.str(node, "registry") != out.registry || (!out.registry.empty() && d.keyOf(node, "registry") == krm::kNoNode))
    group.step(ed.setKey(node, "registry", Value::String(out.registry), true));
  if (d.str(node, "repository") != out.repository ||
      (d.keyOf(node, "repository") == krm::kNoNode && !(out.registry.empty() && out.repository.empty())))
    group.step(ed.setKey(node, "repository", Value::String(out.repository)));
  if (d.str(node, "name") != out.name) group.step(ed.setKey(node, "name", Value::String(out.name)));
  return group.commit();
}

void RelocateStructured(const ItemContext& ctx, NodeId node, const std::string& path, const std::string& component,
                        const KnownImages& known) {
  const krm::Document& d = ctx.doc();
  if (d.isScalar(node) && !d.value(node).empty()) {
    ctx.report(Severity::Warning, path,
               "not relocated: a structured image is a map {registry, repository, name, tag}, but this is the "
               "string '" +
                   std::string(d.value(node)) + "'; the API server rejects the object: split it into those fields",
               std::string(d.value(node)));
    return;
  }
  if (!d.isMap(node)) return;
  NameStrayFields(ctx, node, path);
  ImageName src = Written(d, node);
  if (!Complete(ctx, node, path, component, known, src)) return;
  ImageName out;
  Decision dec = ctx.rules().relocate(src, out);
  if (dec.outcome == Outcome::Invalid) return ctx.report(Severity::Warning, path, "not relocated: " + dec.reason);
  if (!dec.skipped.empty())
    ctx.report(Severity::Warning, path,
               dec.skipped + (component == "cassandra" || component.empty()
                                  ? ": pin the tag instead, or a string field such as serverImage where there is one"
                                  : ": pin the tag instead"));
  if (dec.changed() && out.repository.empty()) {
    return ctx.report(Severity::Warning, path,
                      "not relocated: the target leaves no repository, and k8ssandra-operator would render " +
                          out.registry + "//" + out.name + "; give the target a path (e.g. " + out.registry +
                          "/mirror)");
  }
  if (dec.changed()) {
    if (Write(ctx, node, path, out, dec)) ctx.noteTarget(out.withoutTag(), dec.customized.name(), path);
    return;
  }
  if (dec.outcome != Outcome::OnTarget) return;
  krm::EditGroup group(ctx.editor());
  ApplyPullSettings(ctx, node, group);
  if (!group.commit()) ctx.report(Severity::Warning, path, Unwritable("given its pull settings"));
}

}  // namespace fn
