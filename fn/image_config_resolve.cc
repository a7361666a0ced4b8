#include "fn/image_config_resolve.h"

#include "fn/names.h"

namespace fn {

using krm::NodeId;

namespace {

// cass-operator v1beta1 splitRegistry: the first component is a registry
// only when it holds '.' or ':' (pkg/images/images.go, line 72).
void SplitRegistry(const std::string& image, std::string& registry, std::string& rest) {
  size_t slash = image.find('/');
  registry.clear();
  rest = image;
  if (slash == std::string::npos) return;
  std::string first = image.substr(0, slash);
  if (first.find_first_of(".:") == std::string::npos) return;
  registry = first;
  rest = image.substr(slash + 1);
}

// A v1beta2 tag that is itself a digest is written after '@' (Image.String()).
bool LooksLikeDigest(const std::string& tag) {
  size_t colon = tag.find(':');
  if (colon == std::string::npos || colon == 0 || tag.size() - colon - 1 < 32) return false;
  for (size_t i = colon + 1; i < tag.size(); ++i) {
    char c = tag[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

ImageConfigResolver::ImageConfigResolver(const krm::Document& doc, NodeId root, std::string where)
    : d_(doc),
      root_(root),
      where_(std::move(where)),
      v1beta2_(doc.str(root, "apiVersion") == names::kImageConfigV1beta2) {}

std::string ImageConfigResolver::at(const std::string& path) const { return where_ + names::kEmbeddedSeparator + path; }

bool ImageConfigResolver::has(const std::string& component) const {
  return d_.keyOf(d_.get(root_, "images"), component) != krm::kNoNode;
}

// applyOverrides (v1beta1): the component's registry, else the top-level
// one, replaces or adds the registry; imageNamespace replaces the first
// path component after it (none: removed), when the path has two or more.
std::string ImageConfigResolver::applyV1beta1(const std::string& component, const std::string& image) const {
  std::string override(d_.str(d_.get(d_.get(root_, "defaults"), component), "imageRegistry"));
  if (override.empty()) override = std::string(d_.str(root_, "imageRegistry"));
  // cass-operator before v1.11 reads imageRegistryOverride instead.
  if (override.empty() && (!cass_operator_ || !cass_operator_->atLeast(1, 11)))
    override = std::string(d_.str(root_, names::kImageRegistryOverride));
  while (!override.empty() && override.back() == '/') override.pop_back();
  NodeId ns_key = d_.keyOf(root_, "imageNamespace");
  if (override.empty() && ns_key == krm::kNoNode) return image;
  std::string registry, rest;
  SplitRegistry(image, registry, rest);
  if (ns_key != krm::kNoNode) {
    std::string ns(d_.str(root_, "imageNamespace"));
    size_t slash = rest.find('/');
    if (slash != std::string::npos) rest = ns.empty() ? rest.substr(slash + 1) : ns + rest.substr(slash);
  }
  if (!override.empty()) return override + "/" + rest;
  return registry.empty() ? rest : registry + "/" + rest;
}

// mergeGlobalValues (v1beta2) and Image.String().
std::string ImageConfigResolver::mergeV1beta2(NodeId entry, bool type_entry, const std::string& tag) const {
  NodeId defaults = d_.get(root_, "defaults");
  NodeId overrides = d_.get(root_, "overrides");
  std::string registry(d_.str(entry, "registry"));
  std::string repository(d_.str(entry, "repository"));
  std::string name(d_.str(entry, "name"));
  std::string digest = type_entry ? "" : std::string(d_.str(entry, "digest"));
  if (registry.empty()) registry = std::string(d_.str(defaults, "registry"));
  if (repository.empty()) repository = std::string(d_.str(defaults, "repository"));
  if (d_.keyOf(overrides, "repository") != krm::kNoNode) repository = std::string(d_.str(overrides, "repository"));
  if (d_.keyOf(overrides, "registry") != krm::kNoNode) registry = std::string(d_.str(overrides, "registry"));
  std::string out;
  if (!registry.empty()) out += registry + "/";
  if (!repository.empty()) out += repository + "/";
  out += name;
  if (!digest.empty()) return out + "@" + digest;
  return out + (LooksLikeDigest(tag) ? "@" : ":") + tag;
}

Composed ImageConfigResolver::image(const std::string& component) const {
  Composed c;
  c.origin = at("images." + component);
  NodeId entry = d_.get(d_.get(root_, "images"), component);
  if (entry == krm::kNoNode) {
    c.why = "the image config has no images." + component;
    return c;
  }
  if (v1beta2_) {
    if (!d_.isMap(entry)) {
      c.why = "images." + component + " is not a map";
      return c;
    }
    c.image = mergeV1beta2(entry, false, std::string(d_.str(entry, "tag")));
  } else {
    if (!d_.isScalar(entry)) {
      c.why = "images." + component + " is not a string";
      return c;
    }
    c.image = applyV1beta1(component, std::string(d_.value(entry)));
  }
  return c;
}

Composed ImageConfigResolver::server(const std::string& type, const std::string& version) const {
  Composed c;
  if (v1beta2_) {
    c.origin = at("types." + type) + " + serverVersion " + version;
    NodeId entry = d_.get(d_.get(root_, "types"), type);
    if (!d_.isMap(entry)) {
      c.why = "unknown server type " + type + ": the image config has no types." + type;
      return c;
    }
    std::string tag = std::string(d_.str(entry, "prefix")) + version + std::string(d_.str(entry, "suffix"));
    c.image = mergeV1beta2(entry, true, tag);
    return c;
  }
  NodeId by_version = d_.get(d_.get(d_.get(root_, "images"), type), version);
  if (d_.isScalar(by_version)) {
    c.origin = at("images." + type + "." + version);
    c.image = applyV1beta1(type, std::string(d_.value(by_version)));
    return c;
  }
  c.origin = at("defaults." + type) + " + serverVersion " + version;
  NodeId def = d_.get(d_.get(root_, "defaults"), type);
  std::string repository(d_.str(def, "repository"));
  std::string suffix = repository.empty() ? "" : std::string(d_.str(def, "suffix"));
  const char* builtin = repository.empty() ? BuiltinServerRepository(type, cass_operator_) : nullptr;
  if (builtin) repository = builtin;
  if (repository.empty()) {
    c.why = "no repository for server type " + type + " (defaults." + type + ".repository is unset" +
            (type == "dse" && !cass_operator_ ? ", and the built-in one depends on the cass-operator version" : "") +
            ")";
    return c;
  }
  c.image = applyV1beta1(type, repository + ":" + version + suffix);
  return c;
}

}  // namespace fn
