// fn/image_override.h: custom images (config `images`): one image given a
// new name, tag or digest, with kustomize's `images:` meaning, matched on
// the normalized name.
#ifndef FN_IMAGE_OVERRIDE_H_
#define FN_IMAGE_OVERRIDE_H_

#include <optional>
#include <string>

#include "fn/image_ref.h"

namespace fn {

struct ImageOverride {
  std::string name;                 // as written: "k8ssandra/medusa", "docker.io/k8ssandra/*"
  std::string pattern;              // matched against ImageRef::name(): normalized, or a glob as written
  std::string new_name;             // as written, or ""
  std::string new_tag;              // or ""
  std::string digest;               // "sha256:..." or ""
  std::optional<ImageRef> renamed;  // new_name parsed (no tag or digest)
  std::string field;                // the config field, for results

  // A newName with a registry host is where the image goes: the relocation
  // rules do not move it again.
  bool final() const { return renamed && !renamed->implicit_registry; }
  // True when a tag or digest is set (what structured images and server
  // types without a tag of their own cannot always express).
  bool setsVersion() const { return !new_tag.empty() || !digest.empty(); }
  // "k8ssandra/medusa=corp/medusa:0.30.1@sha256:..." for results.
  std::string text() const;
};

// Validates and normalizes one entry. Returns why it is not usable, or "".
std::string ParseImageOverride(const std::string& name, const std::string& new_name, const std::string& new_tag,
                               const std::string& digest, ImageOverride& out);

// The ConfigMap form "NAME=NEWNAME:TAG@DIGEST", where each of NEWNAME,
// ":TAG" and "@DIGEST" may be left out ("busybox=:1.36.1", "x=@sha256:...").
std::string ParseImageOverrideEntry(const std::string& entry, ImageOverride& out);

// True when `o` matches the normalized name `name`.
bool Matches(const ImageOverride& o, const std::string& name);

// `ref` with the override applied, kustomize's way:
// - newName replaces the registry and path;
// - newTag and digest together give :tag@digest; a digest alone replaces
//   the tag; a newTag alone drops a digest (`dropped_digest` tells);
// - neither keeps the tag and digest as written.
ImageRef ApplyOverride(const ImageRef& ref, const ImageOverride& o, bool* dropped_digest = nullptr);

}  // namespace fn

#endif  // FN_IMAGE_OVERRIDE_H_
