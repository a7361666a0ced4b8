// tests/config_predicates.h: where each testdata/configs/*.yaml sends an
// image, as predicates over (before, after) references, for fn's tests.
#ifndef TESTS_CONFIG_PREDICATES_H_
#define TESTS_CONFIG_PREDICATES_H_

#include "fn/image_ref.h"

namespace test {

// testdata/configs/registry.yaml (and override, pull): one registry.
inline bool UnderRegistry(const fn::ImageRef&, const fn::ImageRef& a) {
  return a.registry == "registry.corp.example:5000";
}
// testdata/configs/rules.yaml: Docker Hub, ghcr.io, cr.k8ssandra.io/k8ssandra
// and cr.dtsx.io/datastax are mapped; anything else stays.
inline bool UnderRules(const fn::ImageRef& b, const fn::ImageRef& a) {
  bool mapped = b.registry == "docker.io" || b.registry == "ghcr.io" ||
                (b.registry == "cr.k8ssandra.io" && b.path.rfind("k8ssandra/", 0) == 0) ||
                (b.registry == "cr.dtsx.io" && b.path.rfind("datastax/", 0) == 0);
  return mapped ? a.registry == "registry.corp.example:5000" : a.name() == b.name();
}
// testdata/configs/flatten.yaml: mirror.example/k8ssandra-all/<last component>.
inline bool Flattened(const fn::ImageRef& b, const fn::ImageRef& a) {
  return a.registry == "mirror.example" && a.path == "k8ssandra-all/" + b.path.substr(b.path.rfind('/') + 1);
}
// testdata/configs/nest.yaml.
inline bool Nested(const fn::ImageRef&, const fn::ImageRef& a) { return a.registry == "mirror.example:443"; }
// testdata/configs/exclude-all.yaml.
inline bool Unmoved(const fn::ImageRef& b, const fn::ImageRef& a) { return a.name() == b.name(); }

}  // namespace test

#endif  // TESTS_CONFIG_PREDICATES_H_
