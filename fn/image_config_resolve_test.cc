#include "fn/image_config_resolve.h"

#include <doctest/doctest.h>

#include <string>

using namespace fn;

namespace {

// The image composed for `component` (or the server at type/version) by the
// ImageConfig written in `yaml`.
struct Resolve {
  std::string text;
  krm::Document doc;
  ImageConfigResolver resolver;
  explicit Resolve(std::string yaml)
      : text(std::move(yaml)), doc(krm::Document::ParseYaml(text)), resolver(doc, doc.roots()[0], "here") {}
};

}  // namespace

// cass-operator v1.26.0 pkg/images/images_test.go lines 206-255 (reference 2.2).
TEST_CASE("v1beta1: imageRegistry replaces or adds the registry of a composed server image") {
  Resolve r("apiVersion: config.k8ssandra.io/v1beta1\nkind: ImageConfig\nimageRegistry: ghcr.io\n");
  r.resolver.setCassOperator(Version{1, 26, 0});
  Composed c = r.resolver.server("dse", "6.8.44");
  CHECK(c.image == "ghcr.io/datastax/dse-mgmtapi-6_8:6.8.44");
  CHECK(c.origin == "here|defaults.dse + serverVersion 6.8.44");
}

TEST_CASE("v1beta1: imageNamespace replaces the first path component after the registry") {
  Resolve r(
      "apiVersion: config.k8ssandra.io/v1beta1\nkind: ImageConfig\nimageRegistry: ghcr.io\n"
      "imageNamespace: enterprise\n");
  r.resolver.setCassOperator(Version{1, 26, 0});
  CHECK(r.resolver.server("dse", "6.8.44").image == "ghcr.io/enterprise/dse-mgmtapi-6_8:6.8.44");
}

TEST_CASE("v1beta1: the built-in DSE repository follows the cass-operator version") {
  Resolve r("apiVersion: config.k8ssandra.io/v1beta1\nkind: ImageConfig\n");
  Composed c = r.resolver.server("dse", "6.8.44");
  CHECK(c.image.empty());
  CHECK(c.why.find("depends on the cass-operator version") != std::string::npos);
  r.resolver.setCassOperator(Version{1, 20, 0});
  CHECK(r.resolver.server("dse", "6.8.44").image == "datastax/dse-server:6.8.44");
  r.resolver.setCassOperator(Version{1, 21, 0});
  CHECK(r.resolver.server("dse", "6.8.44").image == "datastax/dse-mgmtapi-6_8:6.8.44");
  // Before v1.11 the registry key is imageRegistryOverride.
  Resolve old("apiVersion: config.k8ssandra.io/v1beta1\nkind: ImageConfig\nimageRegistryOverride: reg.example\n");
  old.resolver.setCassOperator(Version{1, 10, 0});
  CHECK(old.resolver.server("cassandra", "4.0.1").image == "reg.example/k8ssandra/cass-management-api:4.0.1");
  old.resolver.setCassOperator(Version{1, 11, 0});
  CHECK(old.resolver.server("cassandra", "4.0.1").image == "k8ssandra/cass-management-api:4.0.1");
}

TEST_CASE("v1beta1: an empty imageNamespace removes that component; a repository may carry its host") {
  Resolve r(
      "apiVersion: config.k8ssandra.io/v1beta1\nkind: ImageConfig\nimageNamespace: \"\"\n"
      "defaults:\n  dse:\n    repository: cr.dtsx.io/datastax/dse-mgmtapi-6_8\n");
  CHECK(r.resolver.server("dse", "6.8.44").image == "cr.dtsx.io/dse-mgmtapi-6_8:6.8.44");
}

// images.go getImageComponents (line 176): the suffix only with a repository;
// built-in prefixes for cassandra and dse, none for hcd.
TEST_CASE("v1beta1: built-in repositories, suffixes, version maps and a component's own registry") {
  Resolve r(
      "apiVersion: config.k8ssandra.io/v1beta1\nkind: ImageConfig\n"
      "images:\n  system-logger: k8ssandra/system-logger:v1.26.0\n  cassandra:\n    \"4.0.0\": "
      "k8ssandra/cassandra-ubi:latest\n"
      "defaults:\n  cassandra:\n    suffix: -ubi\n  system-logger:\n    imageRegistry: localhost:5004/\n");
  CHECK(r.resolver.server("cassandra", "4.1.5").image == "k8ssandra/cass-management-api:4.1.5");
  CHECK(r.resolver.server("cassandra", "4.0.0").image == "k8ssandra/cassandra-ubi:latest");
  CHECK(r.resolver.server("cassandra", "4.0.0").origin == "here|images.cassandra.4.0.0");
  CHECK(r.resolver.server("hcd", "1.0.0").image.empty());
  CHECK(r.resolver.server("hcd", "1.0.0").why ==
        "no repository for server type hcd (defaults.hcd.repository is unset)");
  CHECK(r.resolver.image("system-logger").image == "localhost:5004/k8ssandra/system-logger:v1.26.0");
  CHECK(r.resolver.image("reaper").why == "the image config has no images.reaper");
}

// cass-operator pkg/images/images.go splitRegistry (line 72): a bare
// "localhost" is not a registry, so imageRegistry is prepended to it.
TEST_CASE("v1beta1: the first component is a registry only with '.' or ':'") {
  Resolve r(
      "apiVersion: config.k8ssandra.io/v1beta1\nkind: ImageConfig\nimageRegistry: reg.example\n"
      "images:\n  config-builder: localhost/datastax/cass-config-builder:1.0\n"
      "  k8ssandra-client: localhost:5000/k8ssandra/k8ssandra-client:v0.8.1\n");
  CHECK(r.resolver.image("config-builder").image == "reg.example/localhost/datastax/cass-config-builder:1.0");
  CHECK(r.resolver.image("k8ssandra-client").image == "reg.example/k8ssandra/k8ssandra-client:v0.8.1");
}

// cass-operator pkg/images/images_v1beta2_test.go line 76 (reference 3.3).
TEST_CASE("v1beta2: a type's prefix and suffix around the version, registry from defaults") {
  Resolve r(
      "apiVersion: config.k8ssandra.io/v1beta2\nkind: ImageConfig\ndefaults:\n  registry: docker.io\n"
      "types:\n  hcd:\n    repository: datastax\n    name: hcd\n    prefix: v\n    suffix: -ubi\n    tag: ignored\n");
  Composed c = r.resolver.server("hcd", "1.0.0");
  CHECK(c.image == "docker.io/datastax/hcd:v1.0.0-ubi");
  CHECK(c.origin == "here|types.hcd + serverVersion 1.0.0");
  CHECK(r.resolver.server("dse", "6.8.44").why == "unknown server type dse: the image config has no types.dse");
}

// images_v1beta2_test.go lines 180-293: overrides.repository "" removes it,
// a value replaces it; overrides.registry beats a per-image registry.
TEST_CASE("v1beta2: overrides beat per-image values, which beat defaults") {
  Resolve removed(
      "apiVersion: config.k8ssandra.io/v1beta2\nkind: ImageConfig\ndefaults: {registry: docker.io}\n"
      "overrides: {repository: \"\"}\ntypes:\n  dse: {repository: datastax, name: dse-mgmtapi-6_8}\n");
  CHECK(removed.resolver.server("dse", "6.8.44").image == "docker.io/dse-mgmtapi-6_8:6.8.44");
  Resolve replaced(
      "apiVersion: config.k8ssandra.io/v1beta2\nkind: ImageConfig\ndefaults: {registry: docker.io}\n"
      "overrides: {repository: internal, registry: mirror.example}\n"
      "images:\n  reaper: {registry: cr.k8ssandra.io, repository: thelastpickle, name: cassandra-reaper, tag: "
      "5.0.0}\n");
  CHECK(replaced.resolver.image("reaper").image == "mirror.example/internal/cassandra-reaper:5.0.0");
}

TEST_CASE("v1beta2: defaults.registry only fills an empty registry; a digest wins over the tag") {
  Resolve r(
      "apiVersion: config.k8ssandra.io/v1beta2\nkind: ImageConfig\ndefaults: {registry: docker.io}\n"
      "images:\n  medusa: {registry: ghcr.io, repository: k8ssandra, name: medusa, tag: 0.29.1}\n"
      "  reaper: {name: cassandra-reaper, tag: \"5.0.0\", digest: \"sha256:" +
      std::string(64, 'a') + "\"}\n  system-logger: {name: system-logger}\n");
  CHECK(r.resolver.image("medusa").image == "ghcr.io/k8ssandra/medusa:0.29.1");
  CHECK(r.resolver.image("reaper").image == "docker.io/cassandra-reaper@sha256:" + std::string(64, 'a'));
  // Image.String() leaves the ':' of an empty tag, as upstream does.
  CHECK(r.resolver.image("system-logger").image == "docker.io/system-logger:");
  CHECK(r.resolver.has("medusa"));
  CHECK_FALSE(r.resolver.has("k8ssandra-client"));
}
