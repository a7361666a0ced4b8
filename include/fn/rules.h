// fn/rules.h: what the configured rules do to one image reference. Every
// rewriter goes through this one decision, so matching, path modes and
// idempotency mean the same thing in strings, structured images and the
// embedded ImageConfig.
#ifndef FN_RULES_H_
#define FN_RULES_H_

#include <optional>
#include <string>
#include <string_view>

#include "fn/config.h"
#include "fn/image_ref.h"

namespace fn {

// Invalid: the source is not a reference (Decision::source is then empty),
// or the relocated one would not be (the reason says why).
enum class Outcome { Relocated, Excluded, OnTarget, NoRule, Invalid };

struct Decision {
  Outcome outcome = Outcome::NoRule;
  std::string reason;        // why it is unchanged (all but Relocated)
  ImageRef source;           // the parsed source
  std::string domain;        // the new domain (Relocated)
  std::string path;          // the new normalized path (Relocated)
  std::optional<Target> target;
  bool changed() const { return outcome == Outcome::Relocated; }
};

// An image in structured form, as K8ssandra and ImageConfig v1beta2 write
// it. An empty registry means docker.io; repository may be empty.
struct Structured {
  std::string registry;
  std::string repository;
  std::string name;
};

class Relocator {
 public:
  explicit Relocator(Config config) : config_(std::move(config)) {}

  // The decision for a parsed reference.
  // - Matching runs on the normalized registry/path; docker.io,
  //   index.docker.io, registry-1.docker.io and no registry are one source.
  // - A `from` with a path matches at component boundaries only; the
  //   longest matching `from` wins; `registry` applies when none matches.
  // - A reference already under any configured target is left alone, so a
  //   second run changes nothing.
  // - keep: target + the source path after the matched `from` path;
  //   flatten: target + the last path component; nest: target + source
  //   registry (as a path component: lower case, ':' and brackets become
  //   '-', so 127.0.0.1:8000 is 127.0.0.1-8000) + path.
  Decision decide(const ImageRef& source) const;

  // A whole image string. When relocated, `out` gets the new string: the
  // new registry and path, then the tag and digest exactly as written.
  Decision relocate(std::string_view image, std::string& out) const;

  // A structured image. When relocated, `out` gets the target host as
  // registry, the new path without its last component as repository ("" when
  // none), and the last component as name (the source name, unless a rule
  // mapped the image itself).
  Decision relocate(const Structured& in, Structured& out) const;

  // The target every image goes to, when the config has exactly one
  // (a registry and no rules, or rules that all share the registry's target).
  std::optional<Target> soleTarget() const;

  const Config& config() const { return config_; }

 private:
  bool excluded(const ImageRef& ref) const;
  bool onTarget(const ImageRef& ref) const;
  Config config_;
};

}  // namespace fn

#endif  // FN_RULES_H_
