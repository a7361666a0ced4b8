#include "fn/rules.h"

#include "fn/glob.h"

namespace fn {
namespace {

// True when `path` is `prefix` or starts with `prefix/`.
bool UnderPath(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return true;
  if (path.size() < prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::string Join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "/" + b;
}

size_t Components(const std::string& p) {
  if (p.empty()) return 0;
  size_t n = 1;
  for (char c : p) n += c == '/';
  return n;
}

// A registry host written as one repository path component.
std::string RegistryComponent(const std::string& registry) {
  std::string out;
  for (char c : registry) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
    char w = ok ? c : '-';
    if (w == '-' && out.empty()) continue;
    out += w;  // runs of '-' are kept: a path component may hold them (xn--n3h.com)
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// The source path keep mode appends: what follows the matched `from` path.
std::string RestAfter(const std::string& path, const std::string& from_path) {
  if (from_path.empty()) return path;
  if (path.size() == from_path.size()) return "";
  return path.substr(from_path.size() + 1);
}

// The name as written: its registry only when one was written.
std::string WrittenName(const ImageRef& r) {
  return r.written_registry.empty() ? r.writtenPath() : r.written_registry + "/" + r.writtenPath();
}

Decision Unchanged(Decision d, Outcome outcome, std::string reason) {
  d.outcome = outcome;
  d.reason = std::move(reason);
  return d;
}

}  // namespace

std::string Decision::destination() const {
  if (outcome != Outcome::Relocated) return customized.name();
  return path.empty() ? registry : registry + "/" + path;
}

std::string Decision::reference() const {
  return (outcome == Outcome::Relocated ? destination() : WrittenName(customized)) + customized.suffix();
}

std::string Decision::describe(const std::string& from, const std::string& to) const {
  if (!custom) return "relocated " + from + " to " + to;
  std::string s = "changed " + from + " to " + to + " (images entry " + custom->text() + ")";
  if (dropped_digest)
    s += "; a newTag without a digest drops the digest " + source.digest + " (add digest to keep a pin)";
  return s;
}

Relocator::Relocator(Config config) : config_(std::move(config)), used_(config_.images.size(), false) {
  // Where each images entry sends the images it matches: its newName (or
  // its name) moved by the rules, unless the newName is final.
  for (const ImageOverride& o : config_.images) {
    std::string base = o.renamed ? o.renamed->name() : o.pattern;
    std::string dest = base;
    size_t slash = base.find('/');
    if (!o.final() && slash != std::string::npos && !IsGlob(base.substr(0, slash)) &&
        !(IsGlob(base) && config_.mode == PathMode::Flatten)) {
      ImageRef r;
      r.registry = r.written_registry = base.substr(0, slash);
      r.path = base.substr(slash + 1);
      Decision d = route(r, false);
      if (d.changed()) dest = d.destination();
    }
    destinations_.push_back(dest);
  }
}

const ImageOverride* Relocator::customFor(const ImageRef& source, bool& at_destination) const {
  at_destination = false;
  const std::vector<ImageOverride>& all = config_.images;
  if (all.empty()) return nullptr;  // every image goes through here
  std::string name = source.name();
  for (const ImageOverride& o : all) {
    if (!IsGlob(o.pattern) && o.pattern == name) return &o;
  }
  for (const ImageOverride& o : all) {
    if (IsGlob(o.pattern) && Matches(o, name)) return &o;
  }
  // At an entry's destination: an entry that renames only counts as met
  // there (another image may have that name, as kustomize's tests have
  // apache:1.2.3 beside nginx -> apache); one that sets only a tag or digest
  // applies to the same name moved to the mirror.
  for (size_t i = 0; i < all.size(); ++i) {
    if (!GlobMatch(destinations_[i], name)) continue;
    used_[i] = true;
    if (all[i].renamed) continue;
    at_destination = true;
    return &all[i];
  }
  return nullptr;
}

bool Relocator::excluded(const std::string& name) const {
  for (const Exclusion& e : config_.exclude) {
    if (GlobMatch(e.pattern, name)) return true;
  }
  return false;
}

bool Relocator::onTarget(const ImageRef& ref) const {
  auto under = [&](const Target& t) {
    if (CanonicalRegistry(t.registry) != CanonicalRegistry(ref.registry)) return false;
    return UnderPath(ref.path, t.prefix);
  };
  if (config_.registry && under(*config_.registry)) return true;
  for (const Rule& r : config_.rules) {
    if (under(r.to)) return true;
  }
  for (const ImageOverride& o : config_.images) {
    if (o.final() && o.renamed->name() == ref.name()) return true;
  }
  return false;
}

Decision Relocator::route(const ImageRef& src, bool prefix) const {
  Decision d;
  d.source = src;
  d.customized = src;
  // A prefix is excluded when a pattern covers every name below it.
  if (excluded(prefix ? Join(src.registry, src.path) + "/*" : src.name()))
    return Unchanged(d, Outcome::Excluded, "excluded");
  if (onTarget(src)) return Unchanged(d, Outcome::OnTarget, "already on its target");
  std::string registry = CanonicalRegistry(src.registry);
  const Rule* best = nullptr;
  for (const Rule& r : config_.rules) {
    if (r.from_registry != registry || !UnderPath(src.path, r.from_path)) continue;
    if (!best || Components(r.from_path) > Components(best->from_path)) best = &r;
  }
  Target target;
  std::string rest = src.path;
  if (best) {
    target = best->to;
    rest = RestAfter(src.path, best->from_path);
  } else if (config_.registry) {
    target = *config_.registry;
  } else {
    return Unchanged(d, Outcome::NoRule, "no rule matches " + src.name());
  }
  std::string path;
  switch (config_.mode) {
    case PathMode::Keep:
      path = Join(target.prefix, rest);
      break;
    case PathMode::Flatten:
      path = prefix ? target.prefix : Join(target.prefix, LastComponent(src.path));
      break;
    case PathMode::Nest:
      path = Join(target.prefix, Join(RegistryComponent(registry), src.path));
      break;
  }
  if (!prefix && path.empty()) return Unchanged(d, Outcome::Invalid, "the rule leaves no repository path");
  // The result must still be a reference (distribution/reference limits the
  // path, domain excluded, to 255 characters).
  if (!prefix && path.size() > kMaxPathLength)
    return Unchanged(d, Outcome::Invalid,
                     "under " + target.text() + " its path would be " + std::to_string(path.size()) +
                         " characters, over the limit of " + std::to_string(kMaxPathLength));
  d.outcome = Outcome::Relocated;
  d.registry = target.registry;
  d.path = path;
  d.target = target;
  return d;
}

Decision Relocator::decide(const ImageRef& source, Custom custom) const {
  bool at_destination = false;
  const ImageOverride* o = custom != Custom::Skip ? customFor(source, at_destination) : nullptr;
  if (!o) return route(source, false);
  used_[static_cast<size_t>(o - config_.images.data())] = true;
  ImageOverride apply = *o;
  if (at_destination) apply.renamed.reset();  // already renamed: only the tag and digest
  if (custom == Custom::NameOnly) apply.new_tag = apply.digest = "";
  bool dropped = false;
  ImageRef customized = ApplyOverride(source, apply, &dropped);
  Decision d;
  if (apply.final()) {
    d.outcome = Outcome::Relocated;
    d.registry = customized.registry;
    d.path = customized.path;
  } else {
    d = route(customized, false);
  }
  d.source = source;
  d.customized = customized;
  d.custom = o;
  d.dropped_digest = dropped;
  return d;
}

Decision Relocator::decidePrefix(const std::string& registry, const std::string& prefix) const {
  ImageRef ref;
  ref.written_registry = registry;
  ref.registry = CanonicalRegistry(registry);
  ref.path = prefix;
  return route(ref, true);
}

Decision Relocator::relocate(std::string_view image, std::string& out, Custom custom) const {
  ParsedRef parsed = ParseImageRef(image);
  if (!parsed.ok) return Unchanged(Decision{}, Outcome::Invalid, parsed.error);
  Decision d = decide(parsed.ref, custom);
  if (d.changed()) out = d.reference();
  return d;
}

Decision Relocator::relocate(const ImageName& in, ImageName& out, bool digest_field) const {
  ParsedRef parsed = ToRef(in);
  if (!parsed.ok) return Unchanged(Decision{}, Outcome::Invalid, parsed.error);
  Decision d = decide(parsed.ref);
  if (d.custom && !digest_field && !d.customized.digest.empty()) {
    const ImageOverride* entry = d.custom;
    d = decide(parsed.ref, Custom::Skip);
    d.skipped = "images entry " + entry->text() +
                " pins a digest, but this structured image has no digest field (k8ssandra-operator's images are "
                "{registry, repository, name, tag}), so the entry was not applied here";
  }
  if (!d.changed()) return d;
  // An implicit library/ in keep mode stays implicit on the source side:
  // the new repository says it explicitly (REG/library/busybox).
  if (d.outcome == Outcome::Relocated) {
    out.registry = d.registry;
    SplitPath(d.path, out.repository, out.name);
  } else {
    out.registry = d.customized.written_registry;
    SplitPath(d.customized.writtenPath(), out.repository, out.name);
  }
  out.tag = d.customized.tag;
  out.digest = d.customized.digest;
  return d;
}

std::optional<std::string> Relocator::relocateRegistry(std::string_view value) const {
  std::string v(value);
  while (!v.empty() && v.back() == '/') v.pop_back();
  size_t slash = v.find('/');
  std::string host = v.substr(0, slash);
  if (host.empty() || !IsRegistryHost(host)) return std::nullopt;
  Decision d = decidePrefix(host, slash == std::string::npos ? "" : v.substr(slash + 1));
  if (!d.changed()) return std::nullopt;
  return d.destination();
}

std::optional<Target> Relocator::soleTarget() const {
  // Rules alone leave unmatched images where they are: no sole target.
  if (!config_.registry) return std::nullopt;
  for (const Rule& r : config_.rules) {
    if (r.to.text() != config_.registry->text()) return std::nullopt;
  }
  if (!config_.exclude.empty()) return std::nullopt;
  return config_.registry;
}

}  // namespace fn
