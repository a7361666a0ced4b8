#include "fn/additional_fields.h"

#include <set>

#include "fn/field_path.h"
#include "fn/k8ssandra.h"
#include "fn/names.h"
#include "fn/relocate_string.h"
#include "fn/workloads.h"

namespace fn {
namespace {

// Walks a kustomize-style field path ("spec/list[]/image") to its nodes.
void WalkPath(const krm::Document& d, krm::NodeId at, const std::string& rest, const std::string& field,
              const AdditionalFieldVisitor& visit) {
  if (rest.empty()) {
    visit(at, field);
    return;
  }
  size_t slash = rest.find('/');
  std::string seg = rest.substr(0, slash);
  std::string next = slash == std::string::npos ? "" : rest.substr(slash + 1);
  bool list = seg.size() > 2 && seg.compare(seg.size() - 2, 2, "[]") == 0;
  if (list) seg.resize(seg.size() - 2);
  krm::NodeId child = d.get(at, seg);
  if (!list) {
    WalkPath(d, child, next, Field(field, seg), visit);
    return;
  }
  size_t i = 0;
  for (krm::NodeId c : d.items(child)) WalkPath(d, c, next, Indexed(Field(field, seg), i++), visit);
}

bool Matches(const FieldSpec& f, const krm::Item& item) {
  std::string version = item.api_version.substr(item.api_version.find('/') + 1);
  // An entry without a kind names fields of every kind this function does
  // not walk itself (workloads, K8ssandra kinds and image configs are its
  // own; a second edit of their fields would collide).
  bool kind = f.kind.empty() ? !WorkloadPodPath(item) && !IsK8ssandraKind(item) && !NeverHoldsImages(item) &&
                                   !(item.group().empty() && item.kind == names::kConfigMap)
                             : f.kind == item.kind;
  return kind && (f.group.empty() || f.group == item.group()) && (f.version.empty() || f.version == version);
}

}  // namespace

bool HasAdditionalFields(const krm::Item& item, const std::vector<FieldSpec>& specs) {
  for (const FieldSpec& f : specs) {
    if (Matches(f, item)) return true;
  }
  return false;
}

bool NamesKind(const krm::Item& item, const std::vector<FieldSpec>& specs) {
  for (const FieldSpec& f : specs) {
    if (!f.kind.empty() && Matches(f, item)) return true;
  }
  return false;
}

void ForEachAdditionalField(const krm::Document& d, const krm::Item& item, const std::vector<FieldSpec>& specs,
                            const AdditionalFieldVisitor& visit) {
  std::set<krm::NodeId> walked;
  bool shape = !NamesKind(item, specs);
  bool computed = false;
  for (const FieldSpec& f : specs) {
    if (!Matches(f, item)) continue;
    if (!f.kind.empty() || !shape) {
      WalkPath(d, item.node, f.path, "", visit);
      continue;
    }
    if (!computed) {
      for (const FoundPodSpec& p : PodSpecsByShape(d, item)) {
        for (krm::NodeId n : PodImageNodes(d, p.spec)) walked.insert(n);
      }
      computed = true;
    }
    WalkPath(d, item.node, f.path, "", [&](krm::NodeId n, const std::string& field) {
      if (!walked.count(n)) visit(n, field);
    });
  }
}

void RewriteAdditionalFields(const ItemContext& ctx) {
  ForEachAdditionalField(ctx.doc(), ctx.item(), ctx.config().additional_fields,
                         [&](krm::NodeId node, const std::string& field) { RelocateString(ctx, node, field); });
}

}  // namespace fn
