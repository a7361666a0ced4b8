#include "fn/inventory.h"

#include <doctest/doctest.h>

using namespace fn;

namespace {

PullSite Site(const std::string& component, const std::string& image, const std::string& unknown = "") {
  PullSite s;
  s.component = component;
  s.resource = "Deployment/app";
  s.image = image;
  s.written = image;
  s.origin = "spec.x";
  s.unknown = unknown;
  return s;
}

}  // namespace

TEST_CASE("PairSites: by key, in order; a site gone after the edits is unknown") {
  std::vector<PullSite> before = {Site("a", "docker.io/x:1"), Site("b", "docker.io/y:1")};
  std::vector<PullSite> after = {Site("a", "mirror.example/x:1")};
  std::vector<InventoryEntry> e = PairSites(before, &after);
  REQUIRE(e.size() == 2);
  CHECK(e[0].target.image == "mirror.example/x:1");
  CHECK(e[1].target.image.empty());
  CHECK(e[1].target.unknown == "the site is gone after the edits");
  CHECK(PairSites(before, nullptr)[1].target.image == "docker.io/y:1");
}

TEST_CASE("tsv: distinct pairs, sorted; unknown images left out; --verbose per site") {
  std::vector<PullSite> sites = {Site("b", "docker.io/z:1"), Site("a", "docker.io/a:1"), Site("c", "docker.io/a:1"),
                                 Site("d", "", "no version")};
  std::vector<InventoryEntry> e = PairSites(sites, nullptr);
  CHECK(RenderInventory(e, InventoryFormat::Tsv, false) ==
        "docker.io/a:1\tdocker.io/a:1\ndocker.io/z:1\tdocker.io/z:1\n");
  CHECK(RenderInventory(e, InventoryFormat::Tsv, true) ==
        "docker.io/a:1\tdocker.io/a:1\ta\tDeployment/app\tspec.x\n"
        "docker.io/a:1\tdocker.io/a:1\tc\tDeployment/app\tspec.x\n"
        "docker.io/z:1\tdocker.io/z:1\tb\tDeployment/app\tspec.x\n");
}

TEST_CASE("skopeo: grouped by registry, every image with its tag or digest, never a bare name") {
  std::string digest = "sha256:" + std::string(64, 'c');
  std::vector<PullSite> sites = {Site("a", "docker.io/k8ssandra/medusa:0.29.1"),
                                 Site("b", "docker.io/k8ssandra/medusa:0.25.0"),
                                 Site("c", "ghcr.io/x/y:1.0@" + digest)};
  CHECK(RenderInventory(PairSites(sites, nullptr), InventoryFormat::Skopeo, false) ==
        "docker.io:\n  images:\n    k8ssandra/medusa:\n    - \"0.25.0\"\n    - \"0.29.1\"\n"
        "ghcr.io:\n  images:\n    x/y:\n    - \"" +
            digest + "\"\n");
}

TEST_CASE("crane: one copy per pair that moves; json: one object per site, escaped, with why when unknown") {
  std::vector<PullSite> before = {Site("a", "docker.io/x:1"), Site("b", "docker.io/y:1"), Site("c\"q", "", "why")};
  std::vector<PullSite> after = {Site("a", "mirror.example/x:1"), Site("b", "docker.io/y:1"), Site("c\"q", "", "why")};
  std::vector<InventoryEntry> e = PairSites(before, &after);
  CHECK(RenderInventory(e, InventoryFormat::Crane, false) == "crane copy docker.io/x:1 mirror.example/x:1\n");
  std::string json = RenderInventory(e, InventoryFormat::Json, false);
  CHECK(json.find("{\"source\": \"docker.io/x:1\", \"target\": \"mirror.example/x:1\", \"component\": \"a\", "
                  "\"resource\": \"Deployment/app\", \"origin\": \"spec.x\"}") != std::string::npos);
  CHECK(json.find("\"component\": \"c\\\"q\"") != std::string::npos);
  CHECK(json.find("\"unknown\": \"why\"") != std::string::npos);
  CHECK(RenderInventory({}, InventoryFormat::Json, false) == "[]\n");
}

TEST_CASE("PairSites: sites with one key pair in order, whatever order the keys come in") {
  auto at = [](const std::string& resource, const std::string& component, const std::string& image) {
    PullSite s = Site(component, image);
    s.resource = resource;
    return s;
  };
  std::vector<PullSite> before = {at("D/b", "c", "b1"), at("D/a", "c", "a1"), at("D/b", "c", "b2"),
                                  at("D/a", "d", "a3"), at("D/b", "c", "b3")};
  std::vector<PullSite> after = {at("D/a", "d", "A3"), at("D/b", "c", "B1"), at("D/a", "c", "A1"),
                                 at("D/b", "c", "B2")};
  std::vector<InventoryEntry> e = PairSites(before, &after);
  REQUIRE(e.size() == 5);
  CHECK(e[0].target.image == "B1");
  CHECK(e[1].target.image == "A1");
  CHECK(e[2].target.image == "B2");
  CHECK(e[3].target.image == "A3");
  CHECK(e[4].target.unknown == "the site is gone after the edits");  // a third D/b c: none is left
  CHECK(e[4].source.image == "b3");
}
