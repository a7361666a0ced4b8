// fn/image_name.h: an image in structured form, as K8ssandra custom
// resources and ImageConfig v1beta2 write it ({registry, repository, name,
// tag}), and its conversions to and from a parsed reference.
#ifndef FN_IMAGE_NAME_H_
#define FN_IMAGE_NAME_H_

#include <string>

#include "fn/image_ref.h"

namespace fn {

struct ImageName {
  std::string registry;    // "" means Docker Hub
  std::string repository;  // may be empty
  std::string name;
  std::string tag;     // may be empty
  std::string digest;  // "sha256:..." (ImageConfig v1beta2 only), or ""

  // repository/name, leaving out an empty repository.
  std::string path() const;
  // registry/repository/name, leaving out the empty parts.
  std::string withoutTag() const;
  // registry/repository/name:tag@digest, leaving out the empty parts.
  std::string ToString() const;
};

// The structured image `ref` was written as: its registry as written ("" when
// implicit), its path without an implicit library/, split at the last '/'.
ImageName FromRef(const ImageRef& ref);

// The normalized reference a structured image means: an empty registry is
// Docker Hub, a one-component Docker Hub path gains library/. Fails with a
// reason when the registry is not a host or the path is not a path.
ParsedRef ToRef(const ImageName& image);

// Splits a repository path at its last '/': ("a/b/c") -> "a/b", "c".
void SplitPath(const std::string& path, std::string& repository, std::string& name);

}  // namespace fn

#endif  // FN_IMAGE_NAME_H_
