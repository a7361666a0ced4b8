#include "fn/upstream_defaults.h"

#include <cstdlib>
#include <iterator>

#include "fn/names.h"

namespace fn {
namespace {

#include "fn/upstream_defaults_data.inc"

bool ReadNumber(const std::string& s, size_t& i, int& out) {
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 6) ++i;
  if (i == start || (i < s.size() && s[i] >= '0' && s[i] <= '9')) return false;
  out = std::atoi(s.substr(start, i - start).c_str());
  return true;
}

template <typename Row, size_t N>
const Row* Find(const Row (&rows)[N], const Version& v) {
  for (const Row& r : rows) {
    std::optional<Version> rv = Version::Parse(r.tag);
    if (rv && !(*rv < v) && !(v < *rv)) return &r;
  }
  return nullptr;
}

}  // namespace

std::optional<Version> Version::Parse(const std::string& text) {
  size_t i = !text.empty() && text[0] == 'v' ? 1 : 0;
  Version v;
  if (!ReadNumber(text, i, v.major) || i >= text.size() || text[i++] != '.') return std::nullopt;
  if (!ReadNumber(text, i, v.minor) || i >= text.size() || text[i++] != '.') return std::nullopt;
  if (!ReadNumber(text, i, v.patch) || i != text.size()) return std::nullopt;
  return v;
}

bool Version::operator<(const Version& o) const {
  if (major != o.major) return major < o.major;
  if (minor != o.minor) return minor < o.minor;
  return patch < o.patch;
}

std::string Version::text() const {
  return "v" + std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

const KoRelease* FindKoRelease(const Version& v) { return Find(kKoReleases, v); }
const CoRelease* FindCoRelease(const Version& v) { return Find(kCoReleases, v); }

std::string KoTableRange() { return std::string(kKoReleases[0].tag) + " - " + std::prev(std::end(kKoReleases))->tag; }
std::string CoTableRange() { return std::string(kCoReleases[0].tag) + " - " + std::prev(std::end(kCoReleases))->tag; }

std::string Provenance(const KoRelease& r) {
  return std::string("k8ssandra-operator ") + r.tag + " (" + std::string(r.commit).substr(0, 8) + ")";
}
std::string Provenance(const CoRelease& r) {
  return std::string("cass-operator ") + r.tag + " (" + std::string(r.commit).substr(0, 8) + ")";
}

const char* BuiltinServerRepository(const std::string& type, const std::optional<Version>& cass_operator) {
  if (type == "cassandra") return names::kBuiltinCassandraRepository;
  if (type != "dse" || !cass_operator) return nullptr;
  return cass_operator->atLeast(1, 21) ? names::kBuiltinDseRepository : names::kBuiltinDseRepositoryBefore121;
}

}  // namespace fn
