#include "fn/rules.h"

#include "fn/glob.h"
#include "fn/names.h"

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
std::string DomainComponent(const std::string& domain) {
  std::string out;
  for (char c : domain) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
    char w = ok ? c : '-';
    if (w == '-' && (out.empty() || out.back() == '-')) continue;
    out += w;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace

bool Relocator::excluded(const ImageRef& ref) const {
  for (const std::string& pat : config_.exclude) {
    std::string p = pat;
    if (p.find_first_of("*?") == std::string::npos) {
      ParsedRef parsed = ParseImageRef(p);
      if (parsed.ok) p = parsed.ref.name();
    }
    if (GlobMatch(p, ref.name())) return true;
  }
  return false;
}

bool Relocator::onTarget(const ImageRef& ref) const {
  auto under = [&](const Target& t) {
    return CanonicalDomain(t.host) == CanonicalDomain(ref.domain) && UnderPath(ref.path, t.prefix);
  };
  if (config_.registry && under(*config_.registry)) return true;
  for (const Rule& r : config_.rules) {
    if (under(r.to)) return true;
  }
  return false;
}

Decision Relocator::decide(const ImageRef& src) const {
  Decision d;
  d.source = src;
  if (excluded(src)) {
    d.outcome = Outcome::Excluded;
    d.reason = "excluded";
    return d;
  }
  if (onTarget(src)) {
    d.outcome = Outcome::OnTarget;
    d.reason = "already on its target";
    return d;
  }
  std::string domain = CanonicalDomain(src.domain);
  const Rule* best = nullptr;
  for (const Rule& r : config_.rules) {
    if (r.from_domain != domain || !UnderPath(src.path, r.from_path)) continue;
    if (!best || Components(r.from_path) > Components(best->from_path)) best = &r;
  }
  Target target;
  std::string rest = src.path;  // what keep mode appends
  if (best) {
    target = best->to;
    rest = best->from_path.empty() ? src.path
           : src.path.size() == best->from_path.size() ? ""
                                                         : src.path.substr(best->from_path.size() + 1);
  } else if (config_.registry) {
    target = *config_.registry;
  } else {
    d.outcome = Outcome::NoRule;
    d.reason = "no rule matches " + src.name();
    return d;
  }
  std::string path;
  switch (config_.mode) {
    case PathMode::Keep:
      path = Join(target.prefix, rest);
      break;
    case PathMode::Flatten: {
      size_t slash = src.path.rfind('/');
      path = Join(target.prefix, slash == std::string::npos ? src.path : src.path.substr(slash + 1));
      break;
    }
    case PathMode::Nest:
      path = Join(target.prefix, Join(DomainComponent(domain), src.path));
      break;
  }
  if (path.empty()) {
    d.outcome = Outcome::Invalid;
    d.reason = "the rule leaves no repository path";
    return d;
  }
  // The result must still be a reference (distribution/reference limits the
  // path, domain excluded, to 255 characters).
  if (path.size() > kMaxPathLength) {
    d.outcome = Outcome::Invalid;
    d.reason = "under " + target.text() + " its path would be " + std::to_string(path.size()) +
               " characters, over the limit of " + std::to_string(kMaxPathLength);
    return d;
  }
  d.outcome = Outcome::Relocated;
  d.domain = target.host;
  d.path = path;
  d.target = target;
  return d;
}

Decision Relocator::relocate(std::string_view image, std::string& out) const {
  ParsedRef parsed = ParseImageRef(image);
  if (!parsed.ok) {
    Decision d;
    d.outcome = Outcome::Invalid;
    d.reason = parsed.error;
    return d;
  }
  Decision d = decide(parsed.ref);
  if (d.changed()) out = d.domain + "/" + d.path + parsed.ref.suffix();
  return d;
}

Decision Relocator::relocate(const Structured& in, Structured& out) const {
  Decision bad;
  bad.outcome = Outcome::Invalid;
  ImageRef ref;
  ref.implicit_domain = in.registry.empty();
  ref.written_domain = in.registry;
  std::string reg = in.registry;
  while (!reg.empty() && reg.back() == '/') reg.pop_back();
  ref.domain = reg.empty() ? names::kDockerHub : CanonicalDomain(reg);
  if (!IsDomain(ref.domain)) {
    bad.reason = "registry '" + in.registry + "' is not a registry host";
    return bad;
  }
  ref.path = Join(in.repository, in.name);
  if (!IsPath(ref.path)) {
    bad.reason = "repository/name '" + ref.path + "' is not a repository path";
    return bad;
  }
  if (ref.domain == names::kDockerHub && ref.path.find('/') == std::string::npos) {
    ref.path = std::string(names::kLibrary) + "/" + ref.path;
    ref.implicit_library = true;
  }
  Decision d = decide(ref);
  if (!d.changed()) return d;
  out.registry = d.domain;
  size_t slash = d.path.rfind('/');
  out.repository = slash == std::string::npos ? "" : d.path.substr(0, slash);
  out.name = slash == std::string::npos ? d.path : d.path.substr(slash + 1);
  // An implicit library/ in keep mode stays implicit on the source side:
  // the new repository says it explicitly (REG/library/busybox).
  return d;
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
