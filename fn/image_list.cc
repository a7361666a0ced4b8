#include "fn/image_list.h"

#include <map>

#include "fn/names.h"
#include "krm/editor.h"
#include "krm/embedded.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Value;

ImagePairs ListedPairs(const ImagePairs& known, const std::string& previous) {
  std::map<std::string, std::set<std::string>> sources;  // target -> upstream sources listed before
  size_t start = 0;
  while (start < previous.size()) {
    size_t nl = previous.find('\n', start);
    std::string line = previous.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    start = nl == std::string::npos ? previous.size() : nl + 1;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || line.substr(0, tab) == line.substr(tab + 1)) continue;
    sources[line.substr(tab + 1)].insert(line.substr(0, tab));
  }
  ImagePairs out;
  for (const auto& [s, t] : known) {
    auto it = sources.find(t);
    if (s != t || it == sources.end()) {
      out.emplace(s, t);
      continue;
    }
    for (const std::string& upstream : it->second) out.emplace(upstream, t);
  }
  return out;
}

namespace {

// Sets data.<key> of the list to `value` when it differs.
bool SetData(krm::Editor& ed, krm::Patch& patch, NodeId item, const std::string& key, const std::string& value,
             const std::string& eol) {
  const Document& d = ed.doc();
  NodeId node = d.get(d.get(item, "data"), key);
  if (d.isScalar(node) && d.value(node) == value) return false;
  if (d.isScalar(node) && !ed.setScalar(node, value)) {
    // A block scalar: replaced whole, in its own style.
    krm::Embedded embedded(d, node);
    krm::Patch inner;
    inner.replace(0, embedded.text().size(), value);
    return embedded.commit(inner, patch, eol);
  }
  if (!d.isScalar(node)) return ed.setPath(item, {"data", key}, Value::String(value));
  return true;
}

}  // namespace

void WriteImageList(const krm::ResourceList& rl, krm::Patch& patch, const std::string& name, const ImagePairs& known,
                    std::vector<krm::Result>& results) {
  if (rl.stream()) {
    results.push_back(krm::Result::Error(std::string(names::kImageList) +
                                         " needs a ResourceList (kpt, kustomize): a plain stream has no package "
                                         "to keep it in; run `k8ssandra-images images` instead"));
    return;
  }
  const Document& d = rl.doc();
  krm::Editor ed(d, patch, rl.source().eol());
  const krm::Item* existing = nullptr;
  for (const krm::Item& item : rl.items()) {
    if (item.kind == names::kConfigMap && item.api_version == names::kCoreV1 && item.name == name) existing = &item;
  }
  std::string previous;
  if (existing) previous = std::string(d.str(d.get(existing->node, "data"), names::kImageListTsv));
  ImagePairs pairs = ListedPairs(known, previous);
  std::string tsv = RenderPairsTsv(pairs), skopeo = RenderSkopeo(pairs);
  std::string what = "images to mirror: " + std::to_string(pairs.size());
  if (!existing) {
    Value list = Value::Map(
        {{"apiVersion", Value::String(names::kCoreV1)},
         {"kind", Value::String(names::kConfigMap)},
         {"metadata",
          Value::Map({{"name", Value::String(name)},
                      {"annotations", Value::Map({{krm::annotations::kLocalConfig, Value::String("true")}})}})},
         {"data",
          Value::Map({{names::kImageListTsv, Value::String(tsv)}, {names::kImageListSkopeo, Value::String(skopeo)}})}});
    bool added =
        d.isSeq(rl.itemsNode()) ? ed.append(rl.itemsNode(), list) : ed.setKey(rl.root(), "items", Value::List({list}));
    if (!added) {
      results.push_back(krm::Result::Error("the image list ConfigMap/" + name + " could not be added to items"));
      return;
    }
    results.push_back(krm::Result::Info("added the image list ConfigMap/" + name + ": " + what));
    return;
  }
  krm::Patch::Anchor anchor(patch, d.node(existing->node).begin);
  const std::string& eol = rl.source().eol();
  bool changed = SetData(ed, patch, existing->node, names::kImageListTsv, tsv, eol);
  changed = SetData(ed, patch, existing->node, names::kImageListSkopeo, skopeo, eol) || changed;
  if (d.str(d.at(existing->node, "metadata.annotations"), krm::annotations::kLocalConfig) != "true")
    changed = ed.setPath(existing->node, {"metadata", "annotations", krm::annotations::kLocalConfig},
                         Value::String("true")) ||
              changed;
  if (changed) results.push_back(krm::Result::Info("updated the image list: " + what).about(existing->ref()));
}

}  // namespace fn
