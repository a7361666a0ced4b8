#include "fn/image_ref.h"

#include "fn/glob.h"
#include "fn/names.h"

namespace fn {
namespace {

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsLowerHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }
bool IsWord(char c) { return IsAlnum(c) || c == '_'; }

// [a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?
bool IsHostLabel(std::string_view s) {
  if (s.empty() || !IsAlnum(s.front()) || !IsAlnum(s.back())) return false;
  for (char c : s) {
    if (!IsAlnum(c) && c != '-') return false;
  }
  return true;
}

// [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
bool IsPathComponent(std::string_view s) {
  if (s.empty() || !IsLowerAlnum(s.front()) || !IsLowerAlnum(s.back())) return false;
  for (size_t i = 0; i < s.size();) {
    if (IsLowerAlnum(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    if (s[i] == '.') {
      j = i + 1;
    } else if (s[i] == '_') {
      j = i + 1;
      if (j < s.size() && s[j] == '_') ++j;
    } else if (s[i] == '-') {
      while (j < s.size() && s[j] == '-') ++j;
    } else {
      return false;
    }
    if (j >= s.size() || !IsLowerAlnum(s[j])) return false;
    i = j;
  }
  return true;
}

bool IsTag(std::string_view s) {
  if (s.empty() || s.size() > 128 || !IsWord(s.front())) return false;
  for (char c : s) {
    if (!IsWord(c) && c != '.' && c != '-') return false;
  }
  return true;
}

// algorithm ":" hex, then go-digest's length check for known algorithms.
std::string CheckDigest(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return "invalid digest format";
  std::string_view alg = s.substr(0, colon), enc = s.substr(colon + 1);
  bool start = true;
  for (char c : alg) {
    if (start) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return "invalid digest format";
      start = false;
    } else if (c == '-' || c == '_' || c == '+' || c == '.') {
      start = true;
    } else if (!IsAlnum(c)) {
      return "invalid digest format";
    }
  }
  if (start || enc.size() < 32) return "invalid digest format";
  for (char c : enc) {
    if (!IsHex(c)) return "invalid digest format";
  }
  size_t want = 0;
  if (alg == "sha256")
    want = 64;
  else if (alg == "sha384")
    want = 96;
  else if (alg == "sha512")
    want = 128;
  else
    return "unsupported digest algorithm";
  if (enc.size() != want) return "invalid checksum digest length";
  for (char c : enc) {
    if (!IsLowerHex(c)) return "invalid checksum digest format";
  }
  return "";
}

bool IsHexIdentifier(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!IsLowerHex(c)) return false;
  }
  return true;
}

}  // namespace

bool IsRegistryHost(std::string_view s) {
  if (s.empty()) return false;
  std::string_view host = s;
  if (s.front() == '[') {
    size_t close = s.find(']');
    if (close == std::string_view::npos || close < 2) return false;
    for (char c : s.substr(1, close - 1)) {
      if (!IsHex(c) && c != ':') return false;
    }
    std::string_view rest = s.substr(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':' || rest.size() < 2) return false;
    for (char c : rest.substr(1)) {
      if (!IsDigit(c)) return false;
    }
    return true;
  }
  size_t colon = s.find(':');
  if (colon != std::string_view::npos) {
    host = s.substr(0, colon);
    std::string_view port = s.substr(colon + 1);
    if (port.empty()) return false;
    for (char c : port) {
      if (!IsDigit(c)) return false;
    }
  }
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    if (!IsHostLabel(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
      return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

bool LooksLikeRegistry(std::string_view seg) {
  if (seg == "localhost") return true;
  for (char c : seg) {
    if (c == '.' || c == ':' || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

bool IsPath(std::string_view s) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t slash = s.find('/', start);
    if (!IsPathComponent(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start)))
      return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

std::string CanonicalRegistry(std::string_view d) {
  if (d == names::kDockerHubIndex || d == names::kDockerHubApi) return names::kDockerHub;
  return std::string(d);
}

bool IsDockerHub(std::string_view d) { return CanonicalRegistry(d) == names::kDockerHub; }

std::string NormalizedPath(std::string_view registry, const std::string& path, bool* added) {
  bool library = IsDockerHub(registry) && path.find('/') == std::string::npos;
  if (added) *added = library;
  return library ? std::string(names::kLibrary) + "/" + path : path;
}

std::string NormalizedPattern(const std::string& pattern) {
  size_t slash = pattern.find('/');
  std::string first = pattern.substr(0, slash);
  if (first.empty() || IsGlob(first)) return pattern;
  if (slash == std::string::npos) return std::string(names::kDockerHub) + "/" + names::kLibrary + "/" + pattern;
  if (LooksLikeRegistry(first)) return CanonicalRegistry(first) + pattern.substr(slash);
  return std::string(names::kDockerHub) + "/" + pattern;
}

std::string LastComponent(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::string ImageRef::writtenPath() const {
  return implicit_library ? path.substr(std::string(names::kLibrary).size() + 1) : path;
}

std::string ImageRef::suffix() const {
  std::string s;
  if (!tag.empty()) s += ":" + tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

ParsedRef ParseImageRef(std::string_view in) {
  ParsedRef out;
  auto fail = [&](std::string why) {
    out.ok = false;
    out.error = std::move(why);
    return out;
  };
  if (in.empty()) return fail("repository name must have at least one component");
  if (IsHexIdentifier(in))
    return fail("invalid repository name (" + std::string(in) + "), cannot specify 64-byte hexadecimal strings");
  ImageRef& r = out.ref;
  std::string_view name = in;
  size_t at = in.find('@');
  if (at != std::string_view::npos) {
    r.digest = std::string(in.substr(at + 1));
    name = in.substr(0, at);
    std::string why = CheckDigest(r.digest);
    if (!why.empty()) return fail("invalid reference format: " + why);
  }
  // Domain: the first segment when a '/' follows and it looks like a host.
  std::string_view remainder = name;
  size_t slash = name.find('/');
  if (slash != std::string_view::npos && LooksLikeRegistry(name.substr(0, slash))) {
    r.written_registry = std::string(name.substr(0, slash));
    remainder = name.substr(slash + 1);
    if (!IsRegistryHost(r.written_registry))
      return fail("invalid reference format: invalid domain '" + r.written_registry + "'");
    r.registry = CanonicalRegistry(r.written_registry);
  } else {
    r.implicit_registry = true;
    r.registry = names::kDockerHub;
  }
  // Tag: after the last ':' of the path.
  size_t colon = remainder.rfind(':');
  if (colon != std::string_view::npos) {
    r.tag = std::string(remainder.substr(colon + 1));
    remainder = remainder.substr(0, colon);
    if (!IsTag(r.tag)) return fail("invalid reference format: invalid tag '" + r.tag + "'");
  }
  // Only the empty input is ErrNameEmpty; ":tag", "@digest", "host/" are malformed.
  if (remainder.empty()) return fail("invalid reference format: no repository name");
  std::string path(remainder);
  if (!IsPath(path)) {
    std::string lower = path;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (lower != path && IsPath(lower))
      return fail("invalid reference format: repository name (" + path + ") must be lowercase");
    return fail("invalid reference format");
  }
  path = NormalizedPath(r.registry, path, &r.implicit_library);
  if (path.size() > kMaxPathLength)
    return fail("repository name must not be more than " + std::to_string(kMaxPathLength) + " characters");
  r.path = std::move(path);
  out.ok = true;
  return out;
}

}  // namespace fn
