// fn/rules.h: what the configured rules do to one image reference, or to
// every image under a registry prefix. Every rewriter goes through this one
// decision, so matching, path modes and idempotency mean the same thing in
// strings, structured images, registry-valued fields and the embedded
// ImageConfig.
#ifndef FN_RULES_H_
#define FN_RULES_H_

#include <optional>
#include <string>
#include <string_view>

#include "fn/config.h"
#include "fn/image_name.h"
#include "fn/image_ref.h"

namespace fn {

// Invalid: the source is not a reference (Decision::source is then empty),
// or the relocated one would not be (the reason says why).
enum class Outcome { Relocated, Excluded, OnTarget, NoRule, Invalid };

struct Decision {
  Outcome outcome = Outcome::NoRule;
  std::string reason;    // why it is unchanged (all but Relocated)
  ImageRef source;       // the parsed source
  std::string registry;  // the new registry host (Relocated)
  std::string path;      // the new normalized path (Relocated); "" for a bare host prefix
  std::optional<Target> target;
  bool changed() const { return outcome == Outcome::Relocated; }
  // registry/path, or the bare registry when the path is empty.
  std::string destination() const { return path.empty() ? registry : registry + "/" + path; }
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

  // The decision for every image under `registry`/`prefix` (prefix may be
  // empty): where such images go without their own path below the prefix.
  // An exclusion applies only when it covers every name under the prefix.
  // keep: target + the prefix after the matched `from`; flatten: the
  // target; nest: target + registry component + prefix.
  Decision decidePrefix(const std::string& registry, const std::string& prefix) const;

  // A whole image string. When relocated, `out` gets the new string: the
  // new registry and path, then the tag and digest exactly as written.
  Decision relocate(std::string_view image, std::string& out) const;

  // A structured image. When relocated, `out` gets the target host as
  // registry, the new path without its last component as repository ("" when
  // none), the last component as name (the source name, unless a rule
  // mapped the image itself), and the source tag.
  Decision relocate(const ImageName& in, ImageName& out) const;

  // A registry-valued field ("host" or "host/path", as ImageConfig's
  // imageRegistry and defaults.registry hold): the new value that sends the
  // images under it where the rules send them, or nothing when they stay
  // (or the value is not a registry).
  std::optional<std::string> relocateRegistry(std::string_view value) const;

  // The target every image goes to, when the config has exactly one
  // (a registry and no rules, or rules that all share the registry's target).
  std::optional<Target> soleTarget() const;

  const Config& config() const { return config_; }

  // True when `ref` is already under one of the config's targets.
  bool onTarget(const ImageRef& ref) const;

 private:
  // The shared decision; `prefix` tells that src.path is a prefix of names.
  Decision route(const ImageRef& src, bool prefix) const;
  bool excluded(const std::string& name) const;
  Config config_;
};

}  // namespace fn

#endif  // FN_RULES_H_
