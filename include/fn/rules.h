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
#include <vector>

#include "fn/config.h"
#include "fn/image_name.h"
#include "fn/image_override.h"
#include "fn/image_ref.h"

namespace fn {

// Invalid: the source is not a reference (Decision::source is then empty),
// or the relocated one would not be (the reason says why).
enum class Outcome { Relocated, Excluded, OnTarget, NoRule, Invalid };

// How much of an images entry a field can take: all of it, only its
// newName (a field that holds a repository, whose tag comes from elsewhere),
// or none (a prefix, a built-in default).
enum class Custom { Apply, NameOnly, Skip };

struct Decision {
  Outcome outcome = Outcome::NoRule;
  std::string reason;    // why it is unchanged (all but Relocated)
  ImageRef source;       // the parsed source
  std::string registry;  // the new registry host (Relocated)
  std::string path;      // the new normalized path (Relocated); "" for a bare host prefix
  std::optional<Target> target;
  // The images entry that applies (nullptr: none), and the source with it
  // applied (the source itself when none applies). The rules then moved it,
  // unless the entry's newName has a registry host.
  const ImageOverride* custom = nullptr;
  ImageRef customized;
  bool dropped_digest = false;  // a newTag alone dropped the source's digest
  std::string skipped;          // why an images entry that matches was not applied here
  // True when the image changes: relocated, or given another name, tag or digest.
  bool changed() const {
    return outcome == Outcome::Relocated || (custom && customized.normalized() != source.normalized());
  }
  // The new normalized name: registry/path (the bare registry when the path
  // is empty) when relocated, otherwise the customized name.
  std::string destination() const;
  // The new reference to write: the destination (or, when only an images
  // entry changed it, its name as written) with the new tag and digest.
  std::string reference() const;
  // The info result's words for a change: "relocated FROM to TO", or
  // "changed FROM to TO (images entry ...)" with a note when a digest was
  // dropped.
  std::string describe(const std::string& from, const std::string& to) const;
};

class Relocator {
 public:
  explicit Relocator(Config config);

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
  // - An images entry (config `images`) applies first: it matches the
  //   normalized source name (an exact name before a glob). An entry with
  //   no newName also applies to its name already moved to the mirror (so
  //   a changed tag in a re-rendered package applies); one with a newName
  //   only counts as met by an image at its destination. `custom` says how
  //   much of it applies; for a prefix none does.
  Decision decide(const ImageRef& source, Custom custom = Custom::Apply) const;

  // The decision for every image under `registry`/`prefix` (prefix may be
  // empty): where such images go without their own path below the prefix.
  // An exclusion applies only when it covers every name under the prefix.
  // keep: target + the prefix after the matched `from`; flatten: the
  // target; nest: target + registry component + prefix.
  Decision decidePrefix(const std::string& registry, const std::string& prefix) const;

  // A whole image string. When relocated, `out` gets the new string: the
  // new registry and path, then the tag and digest exactly as written.
  Decision relocate(std::string_view image, std::string& out, Custom custom = Custom::Apply) const;

  // A structured image. When relocated, `out` gets the target host as
  // registry, the new path without its last component as repository ("" when
  // none), the last component as name (the source name, unless a rule
  // mapped the image itself), and the source tag.
  // A digest (ImageName::digest) is written only where the caller's field
  // has one: without `digest_field` an entry that sets a digest is not
  // applied, and the decision says why in `skipped`.
  Decision relocate(const ImageName& in, ImageName& out, bool digest_field = false) const;

  // A registry-valued field ("host" or "host/path", as ImageConfig's
  // imageRegistry and defaults.registry hold): the new value that sends the
  // images under it where the rules send them, or nothing when they stay
  // (or the value is not a registry).
  std::optional<std::string> relocateRegistry(std::string_view value) const;

  // The target every image goes to, when the config has exactly one
  // (a registry and no rules, or rules that all share the registry's target).
  std::optional<Target> soleTarget() const;

  const Config& config() const { return config_; }

  // True when `ref` is already under one of the config's targets, or is
  // the newName (with a registry host) of an images entry.
  bool onTarget(const ImageRef& ref) const;

  // The images entry for `source`, or nullptr; `at_destination` tells that
  // it matched where the entry sends images, not the source name.
  const ImageOverride* customFor(const ImageRef& source, bool& at_destination) const;
  // Per images entry: whether any image met it so far in this run.
  const std::vector<bool>& customUsed() const { return used_; }

 private:
  // The shared decision; `prefix` tells that src.path is a prefix of names.
  Decision route(const ImageRef& src, bool prefix) const;
  bool excluded(const std::string& name) const;
  Config config_;
  std::vector<std::string> destinations_;  // per images entry: the name pattern it sends images to
  mutable std::vector<bool> used_;
};

}  // namespace fn

#endif  // FN_RULES_H_
