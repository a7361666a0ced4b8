// fn/upstream_defaults.h: what each operator release pulls when no manifest
// names an image: k8ssandra-operator's coded defaults and the ImageConfig
// each cass-operator release ships. The values are data, read from the
// operators' release tags by scripts/upstream_defaults.py into
// fn/upstream_defaults_data.inc; each row names its tag and commit.
#ifndef FN_UPSTREAM_DEFAULTS_H_
#define FN_UPSTREAM_DEFAULTS_H_

#include <optional>
#include <string>

namespace fn {

// "v1.32.5" (or "1.32.5") as numbers; nothing for anything else (a
// prerelease, "latest", a digest).
struct Version {
  int major = 0, minor = 0, patch = 0;
  static std::optional<Version> Parse(const std::string& text);
  bool operator<(const Version& o) const;
  bool atLeast(int ma, int mi, int pa = 0) const { return !(*this < Version{ma, mi, pa}); }
  std::string text() const;  // "v1.32.5"
};

// One k8ssandra-operator release. Empty strings: not used by that release.
struct KoRelease {
  const char* tag;
  const char* commit;
  const char* reaper;            // coded default (<= v1.26)
  const char* medusa;            // coded default (<= v1.26)
  const char* stargate_tag;      // stargateio/stargate-{3_11,4_0,dse-68}:<tag>
  const char* vector;            // Vector on Reaper and Stargate pods (<= v1.29)
  const char* purge_kubectl;     // the Medusa purge CronJob's image (v1.12 - v1.26)
  const char* per_node_default;  // perNodeConfigInitContainerImage CRD default (<= v1.26)
  const char* cass_operator;     // the cass-operator release it deploys
  const char* shipped_reaper;    // images.reaper of the ImageConfig it ships (>= v1.27)
  const char* shipped_medusa;    // images.medusa of the ImageConfig it ships (>= v1.27)
};

// One cass-operator release and the ImageConfig it ships (flow YAML).
struct CoRelease {
  const char* tag;
  const char* commit;
  const char* file;
  const char* image_config;
};

// cass-operator's built-in v1beta1 server repository for `type`, used when
// defaults.<type>.repository is unset (pkg/images/images.go): cassandra is
// k8ssandra/cass-management-api in every release; dse is datastax/dse-server
// up to v1.20.0 (aeb4678333ac5b36a8cfc0f381d92c80a1c77dc1) and
// datastax/dse-mgmtapi-6_8 from v1.21.0 (d71cf5bed51b75448dca5df1606ef0a9d3884b64).
// nullptr when there is none, or when it depends on an unknown version.
const char* BuiltinServerRepository(const std::string& type, const std::optional<Version>& cass_operator);

// The release with exactly this version, or nullptr when the table does not
// hold it (older than the table, or newer than its last regeneration).
const KoRelease* FindKoRelease(const Version& v);
const CoRelease* FindCoRelease(const Version& v);
// The first and last versions the tables hold ("v1.10.0 - v1.32.5").
std::string KoTableRange();
std::string CoTableRange();

// Where a table value comes from, for origins and docs:
// "k8ssandra-operator v1.26.0 (53569a6c)".
std::string Provenance(const KoRelease& r);
std::string Provenance(const CoRelease& r);

}  // namespace fn

#endif  // FN_UPSTREAM_DEFAULTS_H_
