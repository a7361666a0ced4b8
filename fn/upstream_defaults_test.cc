#include "fn/upstream_defaults.h"

#include <doctest/doctest.h>

#include <string>

#include "fn/image_config_resolve.h"

using namespace fn;

TEST_CASE("Version: release versions only, compared numerically") {
  CHECK(Version::Parse("v1.32.5")->text() == "v1.32.5");
  CHECK(Version::Parse("1.9.0")->text() == "v1.9.0");
  for (const char* bad : {"latest", "v1.32", "v1.32.5-rc1", "", "v1..2", "sha256:abc", "v1.2.3.4"})
    CHECK_FALSE(Version::Parse(bad).has_value());
  CHECK(*Version::Parse("v1.9.0") < *Version::Parse("v1.10.0"));
  CHECK(Version::Parse("v1.27.0")->atLeast(1, 27));
  CHECK_FALSE(Version::Parse("v1.26.9")->atLeast(1, 27));
}

// The values the reference checked by hand (sections 6 and 13), read back
// from the generated table.
TEST_CASE("k8ssandra-operator v1.26.0: coded defaults, the purge CronJob, the per-node-config default") {
  const KoRelease* r = FindKoRelease(*Version::Parse("v1.26.0"));
  REQUIRE(r != nullptr);
  CHECK(std::string(r->commit).rfind("53569a6c", 0) == 0);
  CHECK(std::string(r->reaper) == "thelastpickle/cassandra-reaper:4.0.0-rc1");
  CHECK(std::string(r->medusa) == "k8ssandra/medusa:0.25.0");
  CHECK(std::string(r->stargate_tag) == "v1.0.77");
  CHECK(std::string(r->vector) == "timberio/vector:0.26.0-alpine");
  CHECK(std::string(r->purge_kubectl) == "bitnami/kubectl:1.29.3");
  CHECK(std::string(r->per_node_default) == "k8ssandra/k8ssandra-client:v0.8.1");
  CHECK(Provenance(*r) == "k8ssandra-operator v1.26.0 (53569a6c)");
}

TEST_CASE("k8ssandra-operator v1.32.5: Reaper and Medusa come from the image config it ships") {
  const KoRelease* r = FindKoRelease(*Version::Parse("v1.32.5"));
  REQUIRE(r != nullptr);
  CHECK(std::string(r->reaper).empty());
  CHECK(std::string(r->purge_kubectl).empty());
  CHECK(std::string(r->shipped_reaper) == "thelastpickle/cassandra-reaper:5.0.0");
  CHECK(std::string(r->shipped_medusa) == "k8ssandra/medusa:0.29.1");
  CHECK(std::string(r->cass_operator) == "v1.30.2");
  CHECK(std::string(FindKoRelease(*Version::Parse("v1.12.0"))->purge_kubectl) == "bitnami/kubectl:1.17.3");
  CHECK(FindKoRelease(*Version::Parse("v1.99.0")) == nullptr);
}

TEST_CASE("every shipped cass-operator image config reads, in the format its release reads") {
  for (const char* tag : {"v1.18.0", "v1.26.0", "v1.27.0", "v1.30.2", "v1.32.0"}) {
    CAPTURE(tag);
    const CoRelease* r = FindCoRelease(*Version::Parse(tag));
    REQUIRE(r != nullptr);
    std::string text = r->image_config;
    krm::Document d = krm::Document::ParseYaml(text);
    ImageConfigResolver ic(d, d.roots()[0], "shipped");
    CHECK(ic.v1beta2() == Version::Parse(tag)->atLeast(1, 27));
    CHECK(ic.image("system-logger").image.find(std::string("system-logger:") + tag) != std::string::npos);
  }
  const CoRelease* v1302 = FindCoRelease(*Version::Parse("v1.30.2"));
  std::string text = v1302->image_config;
  krm::Document d = krm::Document::ParseYaml(text);
  ImageConfigResolver ic(d, d.roots()[0], "shipped");
  CHECK(ic.server("cassandra", "4.1.8").image == "docker.io/k8ssandra/cass-management-api:4.1.8-ubi");
  CHECK(ic.image("k8ssandra-client").image == "docker.io/k8ssandra/k8ssandra-client:v0.8.8");
}
