#include "fn/image_config.h"
#include "fn/names.h"

namespace fn {

using krm::Document;
using krm::NodeId;

namespace {

NodeId ConfigScalar(const Document& d, const krm::Item& item) {
  if (item.kind != names::kConfigMap || item.api_version != names::kCoreV1) return krm::kNoNode;
  NodeId v = d.get(d.at(item.node, "data"), names::kImageConfigKey);
  return d.isScalar(v) ? v : krm::kNoNode;
}

bool Labelled(const Document& d, const krm::Item& item) {
  return d.str(d.at(item.node, "metadata.labels"), names::kConfigLabel) == names::kConfigLabelImage;
}

// images.<component> of a v1beta2 config, registry and repository resolved
// through defaults; false when incomplete.
bool KnownV1beta2(const Document& inner, NodeId root, NodeId entry, ImageName& out) {
  if (!inner.isMap(entry)) return false;
  NodeId defaults = inner.get(root, "defaults");
  out.registry = std::string(inner.str(entry, "registry"));
  if (out.registry.empty()) out.registry = std::string(inner.str(defaults, "registry"));
  out.repository = std::string(inner.keyOf(entry, "repository") == krm::kNoNode ? inner.str(defaults, "repository")
                                                                                : inner.str(entry, "repository"));
  out.name = std::string(inner.str(entry, "name"));
  out.tag = std::string(inner.str(entry, "tag"));
  return true;
}

// images.<component> of a v1beta1 config: an image string without digest.
bool KnownV1beta1(const Document& inner, NodeId entry, ImageName& out) {
  if (!inner.isScalar(entry)) return false;
  ParsedRef p = ParseImageRef(inner.value(entry));
  if (!p.ok || !p.ref.digest.empty()) return false;
  out = FromRef(p.ref);
  return true;
}

}  // namespace

ImageConfigMap::ImageConfigMap(const Document& doc, const krm::Item& item, NodeId scalar)
    : item_(item), embedded_(std::make_unique<krm::Embedded>(doc, scalar)) {
  try {
    inner_ = std::make_unique<Document>(Document::ParseYaml(embedded_->text()));
  } catch (const krm::ParseError& e) {
    krm::LineCol at = krm::PositionOf(embedded_->text(), e.offset());
    error_ = std::to_string(at.line) + ":" + std::to_string(at.column) + " inside the string: " + e.what();
  }
}

std::unique_ptr<ImageConfigMap> ImageConfigMap::Read(const Document& doc, const krm::Item& item) {
  NodeId s = ConfigScalar(doc, item);
  if (s == krm::kNoNode) return nullptr;
  std::unique_ptr<ImageConfigMap> m(new ImageConfigMap(doc, item, s));
  // Unlabelled (a legacy *-manager-config): only when the document says so.
  bool unreadable = m->inner() == nullptr;
  if (Labelled(doc, item) || unreadable || m->inner()->str(m->root(), "kind") == names::kImageConfigKind) return m;
  return nullptr;
}

NodeId ImageConfigMap::root() const {
  if (!inner_ || inner_->roots().empty() || !inner_->isMap(inner_->roots()[0])) return krm::kNoNode;
  return inner_->roots()[0];
}

std::string ImageConfigMap::version() const {
  return inner_ ? std::string(inner_->str(root(), "apiVersion")) : std::string();
}

void CollectKnownImages(const ImageConfigMap& config, KnownImages& out) {
  const Document* inner = config.inner();
  NodeId root = config.root();
  if (root == krm::kNoNode) return;
  std::string version = config.version();
  bool v1beta2 = version == names::kImageConfigV1beta2;
  if (!v1beta2 && version != names::kImageConfigV1beta1) return;
  for (auto& [k, v] : inner->pairs(inner->get(root, "images"))) {
    std::string comp(inner->value(k));
    KnownImage known;
    bool ok = v1beta2 ? KnownV1beta2(*inner, root, v, known.image) : KnownV1beta1(*inner, v, known.image);
    if (!ok || known.image.name.empty() || known.image.tag.empty()) continue;
    known.where = std::string(names::kConfigMap) + "/" + config.item().name + " images." + comp;
    if (out.count(comp) && !v1beta2) continue;
    out[comp] = known;
  }
}

}  // namespace fn
