#include "fn/image_override.h"

#include "fn/glob.h"

namespace fn {

std::string ImageOverride::text() const {
  std::string s = name + "=" + new_name;
  if (!new_tag.empty()) s += ":" + new_tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

std::string ParseImageOverride(const std::string& name, const std::string& new_name, const std::string& new_tag,
                               const std::string& digest, ImageOverride& out) {
  out = ImageOverride{};
  out.name = name;
  out.new_name = new_name;
  out.new_tag = new_tag;
  out.digest = digest;
  if (name.empty()) return "an entry needs a name (the image it changes)";
  if (new_name.empty() && new_tag.empty() && digest.empty())
    return "'" + name + "' needs one of newName, newTag or digest";
  if (IsGlob(name)) {
    out.pattern = NormalizedPattern(name);
  } else {
    ParsedRef p = ParseImageRef(name);
    if (!p.ok) return "name '" + name + "' is neither an image name nor a pattern (" + p.error + ")";
    if (!p.ref.suffix().empty())
      return "name '" + name + "' has a tag or digest, but entries match names (every tag): write " + p.ref.name() +
             ", and set newTag or digest";
    out.pattern = p.ref.name();
  }
  if (!new_name.empty()) {
    ParsedRef p = ParseImageRef(new_name);
    if (!p.ok) return "newName '" + new_name + "' is not an image name (" + p.error + ")";
    if (!p.ref.suffix().empty()) return "newName '" + new_name + "' has a tag or digest: put them in newTag and digest";
    out.renamed = p.ref;
  }
  if (!new_tag.empty()) {
    ParsedRef p = ParseImageRef("x:" + new_tag);
    if (!p.ok || p.ref.tag != new_tag)
      return "newTag '" + new_tag +
             "' is not a tag (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')";
  }
  if (!digest.empty()) {
    ParsedRef p = ParseImageRef("x@" + digest);
    if (!p.ok) return "digest '" + digest + "' is not a digest like sha256:<64 hex digits> (" + p.error + ")";
  }
  return "";
}

std::string ParseImageOverrideEntry(const std::string& entry, ImageOverride& out) {
  size_t eq = entry.find('=');
  if (eq == std::string::npos)
    return "entries are written NAME=NEWNAME:TAG@DIGEST (each part optional), e.g. "
           "k8ssandra/medusa=corp/medusa:0.30.1, busybox=:1.36.1 or busybox=@sha256:...; got '" +
           entry + "'";
  std::string name = entry.substr(0, eq);
  std::string rest = entry.substr(eq + 1);
  std::string digest;
  size_t at = rest.find('@');
  if (at != std::string::npos) {
    digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
  }
  std::string tag;
  size_t colon = rest.rfind(':');
  if (colon != std::string::npos && rest.find('/', colon) == std::string::npos) {
    tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (tag.empty()) return "'" + entry + "' has an empty tag after ':'";
  }
  if (at != std::string::npos && digest.empty()) return "'" + entry + "' has an empty digest after '@'";
  return ParseImageOverride(name, rest, tag, digest, out);
}

bool Matches(const ImageOverride& o, const std::string& name) { return GlobMatch(o.pattern, name); }

ImageRef ApplyOverride(const ImageRef& ref, const ImageOverride& o, bool* dropped_digest) {
  ImageRef out = ref;
  if (o.renamed) {
    const ImageRef& n = *o.renamed;
    out.registry = n.registry;
    out.path = n.path;
    out.implicit_registry = n.implicit_registry;
    out.implicit_library = n.implicit_library;
    out.written_registry = n.written_registry;
  }
  bool dropped = false;
  if (!o.new_tag.empty()) {
    out.tag = o.new_tag;
    dropped = o.digest.empty() && !ref.digest.empty();
    out.digest = o.digest;
  } else if (!o.digest.empty()) {
    out.tag.clear();
    out.digest = o.digest;
  }
  if (dropped_digest) *dropped_digest = dropped;
  return out;
}

}  // namespace fn
