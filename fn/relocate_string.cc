#include "fn/relocate_string.h"

#include "fn/alias.h"

namespace fn {

Decision RelocateString(const ItemContext& ctx, krm::NodeId node, const std::string& path, Custom custom) {
  Decision d;
  const krm::Document& doc = ctx.doc();
  if (doc.isMap(node) || doc.isSeq(node)) {
    ctx.report(krm::Severity::Warning, path,
               std::string("not relocated: an image reference is a string, but this is written as a ") +
                   (doc.isMap(node) ? "map" : "list") + "; the API server rejects the object: write it as one string");
    return d;
  }
  if (doc.kind(node) == krm::NodeKind::Alias) {
    std::optional<Anchor> anchor = FindAnchor(doc, node);
    if (!anchor || anchor->key != "image")
      ctx.report(krm::Severity::Warning, path,
                 "not relocated: the image is the alias " + std::string(doc.raw(node)) +
                     " of a value anchored on another field, which that field shares: write the image here");
    return d;
  }
  if (!doc.isScalar(node)) return d;
  std::string current(doc.value(node));
  if (current.empty()) return d;
  std::string next;
  d = ctx.rules().relocate(current, next, custom);
  if (d.outcome == Outcome::Invalid) {
    ctx.report(krm::Severity::Warning, path,
               d.source.path.empty() ? "not relocated: '" + current + "' is not an image reference (" + d.reason + ")"
                                     : "not relocated: " + current + ": " + d.reason,
               current);
    return d;
  }
  if (!d.changed()) return d;
  if (!ctx.editor().setScalar(node, next)) {
    ctx.report(krm::Severity::Warning, path,
               "not relocated: the value spans several lines or its extent is unclear; write it on one line", current,
               next);
    d.outcome = Outcome::Invalid;
    return d;
  }
  ctx.changed(path, d.describe(current, next), current, next);
  ctx.noteTarget(d.destination(), d.customized.name(), path);
  return d;
}

}  // namespace fn
