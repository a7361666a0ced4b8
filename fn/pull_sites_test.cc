#include "fn/pull_sites.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>

using namespace fn;

namespace {

struct Model {
  std::unique_ptr<krm::ResourceList> rl;
  std::unique_ptr<ClusterFacts> facts;
  std::vector<PullSite> sites;
  // The site of `component` in `resource` (as the site names it), or a
  // site whose image reads "(none)".
  PullSite at(const std::string& resource, const std::string& component) const {
    for (const PullSite& s : sites) {
      if (s.resource == resource && s.component == component) return s;
    }
    PullSite none;
    none.image = "(none)";
    return none;
  }
};

Model Sites(const std::string& stream, const char* co = nullptr, const char* ko = nullptr) {
  Model m;
  m.rl = krm::ResourceList::ParseStream(stream, "");
  OperatorVersions v;
  if (co) v.cass_operator = Version::Parse(co);
  if (ko) v.k8ssandra_operator = Version::Parse(ko);
  m.facts = std::make_unique<ClusterFacts>(*m.rl, v);
  m.sites = PullSites(*m.rl, *m.facts);
  return m;
}

const char* kV1beta2 =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: image-config\n  labels: {k8ssandra.io/config: image}\n"
    "data:\n  image_config.yaml: |\n    apiVersion: config.k8ssandra.io/v1beta2\n    kind: ImageConfig\n"
    "    images:\n      system-logger: {repository: k8ssandra, name: system-logger, tag: v1.30.2}\n"
    "      config-builder: {repository: datastax, name: cass-config-builder, tag: 1.0-ubi}\n"
    "      k8ssandra-client: {repository: k8ssandra, name: k8ssandra-client, tag: v0.8.8}\n"
    "      reaper: {repository: thelastpickle, name: cassandra-reaper, tag: 5.0.0}\n"
    "      medusa: {repository: k8ssandra, name: medusa, tag: 0.29.1}\n"
    "    defaults: {registry: docker.io}\n"
    "    types:\n      cassandra: {repository: k8ssandra, name: cass-management-api, suffix: -ubi}\n---\n";

std::string Cluster(const std::string& spec) {
  return "apiVersion: k8ssandra.io/v1alpha1\nkind: K8ssandraCluster\nmetadata: {name: prod}\nspec:\n" + spec;
}

}  // namespace

// k8ssandra-operator pkg/cassandra/datacenter.go Coalesce (line 342): the
// datacenter's options merged over the cluster's (reference section 8.1).
TEST_CASE("K8ssandraCluster: datacenter beats cluster beats the image config, per datacenter") {
  Model m = Sites(std::string(kV1beta2) + Cluster("  cassandra:\n    serverVersion: 4.0.17\n"
                                                  "    serverImage: corp/cassandra:4.0.17\n    datacenters:\n"
                                                  "    - metadata: {name: dc1}\n      serverImage: corp/cassandra:dc1\n"
                                                  "    - metadata: {name: dc2}\n    - metadata: {name: dc3}\n"
                                                  "      serverVersion: 4.1.8\n      serverImage: \"\"\n"),
                  nullptr, "v1.32.5");
  CHECK(m.at("K8ssandraCluster/prod dc1", "cassandra").image == "docker.io/corp/cassandra:dc1");
  CHECK(m.at("K8ssandraCluster/prod dc1", "cassandra").field == "spec.cassandra.datacenters[0].serverImage");
  CHECK(m.at("K8ssandraCluster/prod dc2", "cassandra").image == "docker.io/corp/cassandra:4.0.17");
  CHECK(m.at("K8ssandraCluster/prod dc2", "cassandra").field == "spec.cassandra.serverImage");
  // An empty datacenter value does not win (goalesce: zero values lose).
  CHECK(m.at("K8ssandraCluster/prod dc3", "cassandra").image == "docker.io/corp/cassandra:4.0.17");
}

// cass-operator apis/cassandra/v1beta1 UseClientImage (v1.30.2 line 934).
TEST_CASE("the config init container: k8ssandra-client from Cassandra 4.1.0, config-builder before") {
  Model m = Sites(std::string(kV1beta2) + Cluster("  cassandra:\n    serverVersion: 4.0.17\n    datacenters:\n"
                                                  "    - metadata: {name: dc1}\n    - metadata: {name: dc2}\n"
                                                  "      serverVersion: 4.1.0\n"),
                  nullptr, "v1.32.5");
  CHECK(m.at("K8ssandraCluster/prod dc1", "config-builder").image == "docker.io/datastax/cass-config-builder:1.0-ubi");
  CHECK(m.at("K8ssandraCluster/prod dc1", "k8ssandra-client").image == "(none)");
  CHECK(m.at("K8ssandraCluster/prod dc2", "k8ssandra-client").image == "docker.io/k8ssandra/k8ssandra-client:v0.8.8");
  CHECK(m.at("K8ssandraCluster/prod dc2", "cassandra").image == "docker.io/k8ssandra/cass-management-api:4.1.0-ubi");
  CHECK(m.at("K8ssandraCluster/prod dc2", "cassandra").origin ==
        "ConfigMap/image-config data.image_config.yaml|types.cassandra + serverVersion 4.1.0");
}

// Reference section 8.5, k8ssandra/k8ssandra-operator#1396: a containerImage
// that sets only a registry pulls `latest`.
TEST_CASE("Reaper and Medusa: the CR merges field by field over the image config, and the latest trap") {
  Model m = Sites(std::string(kV1beta2) + Cluster("  cassandra:\n    serverVersion: 4.0.17\n    datacenters:\n"
                                                  "    - metadata: {name: dc1}\n  reaper:\n"
                                                  "    containerImage: {registry: mirror.example}\n"
                                                  "  medusa:\n    containerImage: {tag: 0.30.0}\n"),
                  nullptr, "v1.32.5");
  CHECK(m.at("K8ssandraCluster/prod dc1 reaper", "reaper").image ==
        "mirror.example/thelastpickle/cassandra-reaper:latest");
  CHECK(m.at("K8ssandraCluster/prod dc1", "medusa").image == "docker.io/k8ssandra/medusa:0.30.0");
  CHECK(m.at("K8ssandraCluster/prod dc1", "medusa").origin ==
        "spec.medusa.containerImage over ConfigMap/image-config data.image_config.yaml|images.medusa");
}

// k8ssandra-operator v1.26.0 pkg/reaper/deployment.go and pkg/medusa/reconcile.go:
// coded defaults, ApplyDefaults, DEFAULT_REGISTRY (reference sections 6, 8.4, 13.1).
TEST_CASE("k8ssandra-operator v1.26: coded defaults, DEFAULT_REGISTRY, and the purge CronJob") {
  std::string ko =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: k8ssandra-operator}\nspec:\n  template:\n    spec:\n"
      "      containers:\n      - name: manager\n        image: cr.k8ssandra.io/k8ssandra/k8ssandra-operator:v1.26.0\n"
      "        env:\n        - {name: DEFAULT_REGISTRY, value: mirror.example}\n---\n";
  Model m = Sites(ko + Cluster("  cassandra:\n    serverVersion: 4.0.17\n    datacenters:\n"
                               "    - metadata: {name: dc1}\n  reaper: {}\n  medusa: {}\n"));
  CHECK(m.at("K8ssandraCluster/prod dc1 reaper", "reaper").image ==
        "mirror.example/thelastpickle/cassandra-reaper:4.0.0-rc1");
  CHECK(m.at("K8ssandraCluster/prod dc1", "medusa").image == "mirror.example/k8ssandra/medusa:0.25.0");
  PullSite purge = m.at("K8ssandraCluster/prod dc1", "medusa-purge");
  CHECK(purge.image == "docker.io/bitnami/kubectl:1.29.3");
  CHECK(purge.fixed.find("purgeBackups: false") != std::string::npos);
  Model off = Sites(ko + Cluster("  cassandra:\n    serverVersion: 4.0.17\n    datacenters:\n"
                                 "    - metadata: {name: dc1}\n  medusa: {purgeBackups: false}\n"));
  CHECK(off.at("K8ssandraCluster/prod dc1", "medusa-purge").image == "(none)");
}

// Reference section 13.2 and 13.3: the CRD default is applied to every
// Stargate template present; only racks that get replicas deploy.
TEST_CASE("Stargate: rack over datacenter over cluster, the CRD default per template, SplitRacks") {
  Model m = Sites(Cluster("  cassandra:\n    serverVersion: 3.11.17\n    datacenters:\n"
                          "    - metadata: {name: dc1}\n      racks: [{name: r1}, {name: r2}, {name: r3}]\n"
                          "      stargate:\n        size: 2\n        containerImage: {tag: v1.0.90}\n"
                          "        racks:\n        - name: r2\n"),
                  "v1.30.2", "v1.32.5");
  CHECK(m.at("K8ssandraCluster/prod dc1 rack r1", "stargate").image == "docker.io/stargateio/stargate-3_11:v1.0.90");
  CHECK(m.at("K8ssandraCluster/prod dc1 rack r2", "stargate").image == "docker.io/stargateio/stargate-3_11:v1.0.77");
  CHECK(m.at("K8ssandraCluster/prod dc1 rack r3", "stargate").image == "(none)");
}

TEST_CASE("unknown versions are said, with what would settle them") {
  Model m =
      Sites(Cluster("  cassandra:\n    serverVersion: 4.0.17\n    datacenters:\n"
                    "    - metadata: {name: dc1}\n  reaper: {}\n"));
  PullSite server = m.at("K8ssandraCluster/prod dc1", "cassandra");
  CHECK(server.image.empty());
  CHECK(server.unknown.find("set operatorVersions.cassOperator") != std::string::npos);
  CHECK(m.at("K8ssandraCluster/prod dc1 reaper", "reaper").unknown.find("operatorVersions.k8ssandraOperator") !=
        std::string::npos);
}

// cass-operator construct_podtemplatespec.go: a pod template container by
// name wins over the spec field, which wins over the image config.
TEST_CASE("CassandraDatacenter: pod template, then spec fields, then the shipped image config") {
  Model m = Sites(
      "apiVersion: cassandra.datastax.com/v1beta1\nkind: CassandraDatacenter\nmetadata: {name: dc1}\nspec:\n"
      "  serverVersion: 4.0.17\n  systemLoggerImage: corp/logger:1\n  configBuilderImage: corp/builder:1\n"
      "  podTemplateSpec:\n    spec:\n      containers:\n      - {name: cassandra, image: corp/cassandra:1}\n"
      "      - {name: sidecar, image: busybox:1.36}\n",
      "v1.30.2");
  CHECK(m.at("CassandraDatacenter/dc1", "cassandra").image == "docker.io/corp/cassandra:1");
  CHECK(m.at("CassandraDatacenter/dc1", "system-logger").image == "docker.io/corp/logger:1");
  CHECK(m.at("CassandraDatacenter/dc1", "config-builder").image == "docker.io/corp/builder:1");
  CHECK(m.at("CassandraDatacenter/dc1", "container sidecar").image == "docker.io/library/busybox:1.36");
  Model shipped = Sites(
      "apiVersion: cassandra.datastax.com/v1beta1\nkind: CassandraDatacenter\nmetadata: {name: dc1}\nspec:\n"
      "  serverVersion: 4.1.8\n",
      "v1.30.2");
  PullSite s = shipped.at("CassandraDatacenter/dc1", "cassandra");
  CHECK(s.image == "docker.io/k8ssandra/cass-management-api:4.1.8-ubi");
  CHECK(s.origin.find("the image config shipped with cass-operator v1.30.2") == 0);
}

TEST_CASE("workloads: every container, with the operators named by their image") {
  Model m = Sites(
      "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: job, namespace: ns}\nspec:\n  jobTemplate:\n    spec:\n"
      "      template:\n        spec:\n          initContainers: [{name: init, image: alpine:3}]\n"
      "          containers: [{name: main, image: \"ghcr.io/x/y@sha256:" +
      std::string(64, 'b') + "\"}]\n");
  REQUIRE(m.sites.size() == 2);
  CHECK(m.sites[0].resource == "CronJob/ns/job");
  CHECK(m.sites[0].component == "container main");
  CHECK(m.sites[0].field == "spec.jobTemplate.spec.template.spec.containers[0].image");
  CHECK(m.sites[1].image == "docker.io/library/alpine:3");
}

TEST_CASE("ExplainSite: each level with its value or unset, and the first set one wins") {
  Model m = Sites(std::string(kV1beta2) + Cluster("  cassandra:\n    serverVersion: 4.0.17\n"
                                                  "    serverImage: corp/cassandra:cluster\n    datacenters:\n"
                                                  "    - metadata: {name: dc1}\n"),
                  nullptr, "v1.32.5");
  CHECK(ExplainSite(m.at("K8ssandraCluster/prod dc1", "cassandra")) ==
        "K8ssandraCluster/prod dc1: cassandra\n"
        "  1. containers[] / initContainers[]: container cassandra: unset\n"
        "  2. datacenter spec.cassandra.datacenters[0].serverImage: unset\n"
        "  3. cluster spec.cassandra.serverImage: corp/cassandra:cluster   <- wins\n"
        "  4. image config ConfigMap/image-config data.image_config.yaml|types.cassandra + serverVersion 4.0.17: "
        "docker.io/k8ssandra/cass-management-api:4.0.17-ubi\n"
        "  pulls docker.io/corp/cassandra:cluster\n"
        "  decided by spec.cassandra.serverImage\n");
}

TEST_CASE("a K8ssandraCluster with reaperRef deploys no Reaper of its own") {
  Model m = Sites(std::string(kV1beta2) + Cluster("  cassandra:\n    serverVersion: 4.0.17\n    datacenters:\n"
                                                  "    - metadata: {name: dc1}\n"
                                                  "  reaper:\n    reaperRef: {name: shared-reaper}\n"),
                  nullptr, "v1.32.5");
  CHECK(m.at("K8ssandraCluster/prod dc1 reaper", "reaper").image == "(none)");
}

TEST_CASE("imagePullPolicy Never: the node holds the image, so there is no pull site") {
  Model m = Sites(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
      "  - {name: a, image: local/tool:1, imagePullPolicy: Never}\n  - {name: b, image: busybox:1.36}\n---\n"
      "apiVersion: cassandra.datastax.com/v1beta1\nkind: CassandraDatacenter\nmetadata: {name: dc1}\nspec:\n"
      "  serverVersion: 4.0.17\n  serverImage: corp/cassandra:1\n  podTemplateSpec:\n    spec:\n      containers:\n"
      "      - {name: cassandra, image: local/cassandra:1, imagePullPolicy: Never}\n",
      "v1.30.2");
  CHECK(m.at("Pod/p", "container a").image == "(none)");
  CHECK(m.at("Pod/p", "container b").image == "docker.io/library/busybox:1.36");
  CHECK(m.at("CassandraDatacenter/dc1", "cassandra").image == "(none)");
}

TEST_CASE("before cass-operator v1.17 there is no k8ssandra-client: the config builder, whatever the version") {
  std::string dc =
      "apiVersion: cassandra.datastax.com/v1beta1\nkind: CassandraDatacenter\nmetadata: {name: dc1}\nspec:\n"
      "  serverVersion: 4.1.8\n  configBuilderImage: corp/builder:1\n";
  CHECK(Sites(dc, "v1.16.0").at("CassandraDatacenter/dc1", "config-builder").image == "docker.io/corp/builder:1");
  CHECK(Sites(dc, "v1.17.0").at("CassandraDatacenter/dc1", "config-builder").image == "(none)");
}

TEST_CASE("additionalImageFields: each string the fields reach is a pull site") {
  std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::ParseStream(
      "apiVersion: example.com/v1\nkind: Foo\nmetadata: {name: f}\nspec:\n  images:\n  - ref: busybox:1.36\n"
      "  - ref: \"\"\n",
      "");
  ClusterFacts facts(*rl, OperatorVersions{});
  std::vector<PullSite> sites = PullSites(*rl, facts, {FieldSpec{"example.com", "v1", "Foo", "spec/images[]/ref"}});
  REQUIRE(sites.size() == 1);
  CHECK(sites[0].component == "field spec.images[0].ref");
  CHECK(sites[0].image == "docker.io/library/busybox:1.36");
  CHECK(PullSites(*rl, facts).empty());
}

TEST_CASE("thousands of resources are modelled in ranges on several threads, in input order") {
  std::string stream;
  const int n = 2500;
  for (int i = 0; i < n; ++i) {
    stream += "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d" + std::to_string(i) +
              "\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: example.com/i:" +
              std::to_string(i) + "\n";
    if (i % 100 == 0) stream += "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s" + std::to_string(i) + "\n";
  }
  Model m = Sites(stream);
  REQUIRE(m.sites.size() == static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) CHECK(m.sites[static_cast<size_t>(i)].image == "example.com/i:" + std::to_string(i));
}
