// fn/image_ref.h: container image references, parsed with the normalized
// semantics of distribution/reference (ParseNormalizedNamed).
#ifndef FN_IMAGE_REF_H_
#define FN_IMAGE_REF_H_

#include <string>
#include <string_view>

namespace fn {

// distribution/reference's limit on a repository path, domain excluded
// (after normalization, so an added "library/" counts).
constexpr size_t kMaxPathLength = 255;

struct ImageRef {
  std::string registry;            // normalized: "docker.io" when none was written
  std::string path;                // normalized: "library/x" for Docker Hub official images
  std::string tag;                 // as written, without the ':'
  std::string digest;              // as written, without the '@'
  bool implicit_registry = false;  // no registry was written
  bool implicit_library = false;   // "library/" was added
  std::string written_registry;    // the registry as written ("" when implicit)

  // The path as written: without a "library/" that normalization added.
  std::string writtenPath() const;
  // ":tag", "@digest", ":tag@digest" or "", exactly as written.
  std::string suffix() const;
  // registry + "/" + path, normalized.
  std::string name() const { return registry + "/" + path; }
  // The normalized reference, tag and digest included.
  std::string normalized() const { return name() + suffix(); }
};

struct ParsedRef {
  bool ok = false;
  ImageRef ref;
  std::string error;  // why it is invalid, in distribution/reference's words
};

// Parses an image reference. Never guesses: an invalid input gets a reason.
ParsedRef ParseImageRef(std::string_view input);

// True for a registry host as distribution/reference reads it: a DNS name
// or IPv4 address, or a bracketed IPv6 literal, with an optional port.
bool IsRegistryHost(std::string_view s);
// True when the first path segment would be taken as a registry: it is
// localhost, or has a '.' or ':', or an upper-case letter.
bool LooksLikeRegistry(std::string_view segment);
// True for a repository path: lower-case components joined by '/'.
bool IsPath(std::string_view s);

// Docker Hub normalization, the one place it happens (distribution/reference
// normalize.go): the aliases index.docker.io and registry-1.docker.io are
// docker.io, and a one-component Docker Hub path is an official image under
// library/.
//
// Folds Docker Hub's aliases into docker.io; any other registry is returned as is.
std::string CanonicalRegistry(std::string_view registry);
// True for docker.io and its aliases.
bool IsDockerHub(std::string_view registry);
// `path` under the canonical `registry`, with library/ added where Docker Hub
// adds it; `added` (optional) tells whether it was.
std::string NormalizedPath(std::string_view registry, const std::string& path, bool* added = nullptr);
// A name pattern ('*', '?') normalized as a name would be: "datastax/*" is
// docker.io/datastax/*, "nginx*" docker.io/library/nginx*, an alias host is
// folded; a pattern that starts with a wildcard, or whose first component
// has one, is returned as written.
std::string NormalizedPattern(const std::string& pattern);
// The last component of a repository path ("k8ssandra/medusa" -> "medusa").
std::string LastComponent(const std::string& path);

}  // namespace fn

#endif  // FN_IMAGE_REF_H_
