#include "fn/image_config.h"

#include "fn/fingerprint.h"
#include "fn/image_config_internal.h"
#include "fn/names.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Severity;

namespace image_config {

void RelocateRegistryField(const ItemContext& ctx, NodeId node, const std::string& path) {
  if (!ctx.doc().isScalar(node)) return;
  std::string cur(ctx.doc().value(node));
  std::string host = cur.substr(0, cur.find('/'));
  if (!cur.empty() && !IsRegistryHost(host)) {
    ctx.report(Severity::Warning, path,
               "not relocated: '" + cur +
                   "' is not a registry host (a placeholder filled in later?), so the images composed under it "
                   "cannot be relocated here; relocate them where the value is filled in, or write the mirror here",
               cur);
    return;
  }
  std::optional<std::string> next = ctx.rules().relocateRegistry(cur);
  if (!next || *next == cur) return;
  if (ctx.editor().setScalar(node, *next)) {
    ctx.changed(path, "relocated registry " + cur + " to " + *next, cur, *next);
  } else {
    ctx.report(Severity::Warning, path,
               "not relocated: the value spans several lines or its extent is unclear; write it on one line", cur,
               *next);
  }
}

void Flush(const ItemContext& ctx, NodeId root, Staged& staged) {
  if (staged.edits.empty()) return;
  if (!ctx.editor().setPaths(root, staged.edits)) {
    std::string fields;
    for (const auto& [keys, value] : staged.edits) {
      std::string f;
      for (const auto& k : keys) f += (f.empty() ? "" : ".") + k;
      fields += (fields.empty() ? "" : ", ") + f;
    }
    ctx.report(Severity::Warning, "",
               "not changed: " + fields +
                   " could not be written (a parent is not a map, or a value spans several lines); none of them was");
    return;
  }
  for (const auto& n : staged.notes) ctx.changed(n.path, n.message, n.current, n.proposed);
}

std::optional<Target> OverrideTarget(const ItemContext& ctx, const char* knob, bool mode_ok) {
  std::optional<Target> sole = ctx.rules().soleTarget();
  std::string why;
  if (!sole)
    why = "it needs one target for every image: a registry, and no rules or exclusions";
  else if (!mode_ok)
    why = "the path mode cannot be expressed through it";
  if (why.empty()) return sole;
  ctx.report(Severity::Error, "",
             std::string("imageConfig: override sets the ") + knob + ", but " + why + "; use imageConfig: rewrite");
  return std::nullopt;
}

}  // namespace image_config

void RewriteImageConfig(RunContext& run, const ImageConfigMap& config, krm::Patch& outer, const std::string& eol,
                        ImageConfigChange& change) {
  const krm::Item& item = config.item();
  std::string base = std::string("data.") + names::kImageConfigKey;
  if (!config.inner()) {
    run.add(Severity::Error, item, base,
            "the image config is not readable YAML (" + config.error() + "); it was left unchanged");
    return;
  }
  NodeId root = config.root();
  if (root == krm::kNoNode) {
    run.add(Severity::Error, item, base, "the image config is not a YAML mapping; it was left unchanged");
    return;
  }
  std::string version = config.version();
  if (version != names::kImageConfigV1beta1 && version != names::kImageConfigV1beta2) {
    std::string which = version.empty() ? std::string("the image config has no apiVersion")
                                        : "unknown image config apiVersion '" + version + "'";
    run.add(Severity::Warning, item, base + names::kEmbeddedSeparator + "apiVersion",
            "left unchanged: " + which + " (expected " + names::kImageConfigV1beta1 + " or " +
                names::kImageConfigV1beta2 + ")");
    return;
  }
  const krm::Embedded& embedded = config.embedded();
  if (embedded.loneCarriageReturn()) {
    KnownImages left;
    CollectKnownImages(config, left);
    std::string named;
    for (const auto& [component, known] : left)
      named += (named.empty() ? ": " : ", ") + known.image.ToString() + " (" + component + ")";
    run.add(Severity::Warning, item, base,
            "left unchanged: the image config holds a carriage return that no line feed follows (YAML readers "
            "break the line there, an edit would not); its images stay where they are" +
                named);
    return;
  }
  krm::Patch inner_patch;
  krm::Editor ed(*config.inner(), inner_patch, "\n");
  ItemContext ctx(run, item, ed, base);
  if (version == names::kImageConfigV1beta1) {
    image_config::RewriteV1beta1(ctx, root);
  } else {
    image_config::RewriteV1beta2(ctx, root);
  }
  if (inner_patch.empty()) return;
  std::string why;
  if (!inner_patch.conflicts(&why) && !(why = krm::CheckEdits(*config.inner(), inner_patch)).empty())
    why = "its edited text did not read back as intended (" + why + ")";
  if (!why.empty() || !embedded.commit(inner_patch, outer, eol)) {
    run.add(Severity::Error, item, base, "internal error, the image config was left unchanged: " + why);
    return;
  }
  change.changed = true;
  change.hash = Fingerprint(change.hash + inner_patch.apply(embedded.text()));
  change.where.push_back(std::string(names::kConfigMap) + "/" + item.name);
  if (!change.first) change.first = item.ref();
}

bool IsStandaloneImageConfig(const krm::Item& item) {
  return item.kind == names::kImageConfigKind &&
         (item.api_version == names::kImageConfigV1beta1 || item.api_version == names::kImageConfigV1beta2);
}

void RewriteStandaloneImageConfig(RunContext& run, const krm::Item& item, krm::Editor& ed, ImageConfigChange& change) {
  size_t before = run.changes();
  ItemContext ctx(run, item, ed);
  if (item.api_version == names::kImageConfigV1beta1) {
    image_config::RewriteV1beta1(ctx, item.node);
  } else {
    image_config::RewriteV1beta2(ctx, item.node);
  }
  if (run.changes() == before) return;
  change.changed = true;
  change.where.push_back(std::string(names::kImageConfigKind) + "/" + item.name);
  if (!change.first) change.first = item.ref();
}

}  // namespace fn
