#include "fn/image_name.h"

#include "fn/names.h"

namespace fn {

std::string ImageName::path() const { return repository.empty() ? name : repository + "/" + name; }

std::string ImageName::withoutTag() const { return registry.empty() ? path() : registry + "/" + path(); }

std::string ImageName::ToString() const {
  std::string s = tag.empty() ? withoutTag() : withoutTag() + ":" + tag;
  return digest.empty() ? s : s + "@" + digest;
}

void SplitPath(const std::string& path, std::string& repository, std::string& name) {
  size_t slash = path.rfind('/');
  repository = slash == std::string::npos ? "" : path.substr(0, slash);
  name = slash == std::string::npos ? path : path.substr(slash + 1);
}

ImageName FromRef(const ImageRef& ref) {
  ImageName out;
  out.registry = ref.written_registry;
  SplitPath(ref.writtenPath(), out.repository, out.name);
  out.tag = ref.tag;
  out.digest = ref.digest;
  return out;
}

ParsedRef ToRef(const ImageName& image) {
  ParsedRef out;
  std::string registry = image.registry;
  while (!registry.empty() && registry.back() == '/') registry.pop_back();
  ImageRef& ref = out.ref;
  ref.implicit_registry = registry.empty();
  ref.written_registry = registry;
  ref.registry = registry.empty() ? std::string(names::kDockerHub) : CanonicalRegistry(registry);
  if (!IsRegistryHost(ref.registry)) {
    out.error = "registry '" + image.registry + "' is not a registry host";
    return out;
  }
  std::string path = image.path();
  if (!IsPath(path)) {
    out.error = "repository/name '" + path + "' is not a repository path";
    return out;
  }
  ref.path = NormalizedPath(ref.registry, path, &ref.implicit_library);
  ref.tag = image.tag;
  ref.digest = image.digest;
  out.ok = true;
  return out;
}

}  // namespace fn
