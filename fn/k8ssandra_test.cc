// Every image value of the public CR fixtures and rendered streams, string
// or structured, at every level, must come out under its target with its
// tag and digest unchanged.
#include "fn/k8ssandra.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "fn/relocate.h"
#include "krm/run.h"
#include "tests/config_predicates.h"
#include "tests/test_util.h"

using namespace fn;
using krm::Document;
using krm::NodeId;
using test::Fixture;
using test::Flattened;
using test::Slurp;
using test::UnderRegistry;
using test::UnderRules;

namespace {

bool IsStringImageKey(const std::string& k) {
  return k == "image" || k == "serverImage" || k == "perNodeConfigInitContainerImage" || k == "configBuilderImage" ||
         k == "systemLoggerImage" || k == "reference";
}
bool IsStructuredKey(const std::string& k) {
  return k == "containerImage" || k == "initContainerImage" || k == "jmxInitContainerImage";
}

// path -> image ("registry/repository/name:tag" for structured images).
void Collect(const Document& d, NodeId n, const std::string& path, std::map<std::string, std::string>& out) {
  if (d.isMap(n)) {
    for (auto& [k, v] : d.pairs(n)) {
      std::string key(d.value(k));
      if (key == "metadata" || key == "annotations") continue;
      std::string p = path + "." + key;
      if (IsStringImageKey(key) && d.isScalar(v)) out[p] = std::string(d.value(v));
      if (IsStructuredKey(key) && d.isMap(v) && !d.str(v, "name").empty() && !d.str(v, "tag").empty()) {
        std::string reg(d.str(v, "registry")), repo(d.str(v, "repository"));
        out[p] = (reg.empty() ? "" : reg + "/") + (repo.empty() ? "" : repo + "/") + std::string(d.str(v, "name")) +
                 ":" + std::string(d.str(v, "tag"));
      }
      Collect(d, v, p, out);
    }
  } else if (d.isSeq(n)) {
    size_t i = 0;
    for (NodeId c : d.items(n)) Collect(d, c, path + "[" + std::to_string(i++) + "]", out);
  }
}

std::map<std::string, std::string> Images(const std::string& stream) {
  std::map<std::string, std::string> out;
  Document d = Document::ParseYaml(stream);
  size_t i = 0;
  for (NodeId root : d.roots()) {
    std::string kind(d.str(root, "kind"));
    if (kind == "CustomResourceDefinition" || kind == "ConfigMap") {
      ++i;
      continue;
    }
    Collect(d, root, "doc" + std::to_string(i++), out);
  }
  return out;
}

void CheckRelocated(const std::string& stream, const char* config, bool (*ok)(const ImageRef&, const ImageRef&)) {
  std::ostringstream out, err;
  std::string cfg = Fixture(std::string("configs/") + config + ".yaml");
  int rc = krm::RunStream(stream, cfg, out, err, "t", Relocate);
  REQUIRE_MESSAGE(rc == 0, err.str());
  auto before = Images(stream), after = Images(out.str());
  for (const auto& entry : before) {
    const std::string& path = entry.first;
    const std::string& image = entry.second;
    CAPTURE(path);
    CAPTURE(image);
    REQUIRE(after.count(path));
    CAPTURE(after[path]);
    ParsedRef b = ParseImageRef(image), a = ParseImageRef(after[path]);
    REQUIRE(b.ok);
    REQUIRE(a.ok);
    CHECK(ok(b.ref, a.ref));
    CHECK(a.ref.tag == b.ref.tag);
    CHECK(a.ref.digest == b.ref.digest);
  }
  // A second run changes nothing.
  std::ostringstream again, err2;
  krm::RunStream(out.str(), cfg, again, err2, "t", Relocate);
  CHECK(again.str() == out.str());
}

}  // namespace

TEST_CASE("every CR fixture image, at every level, resolves under its target") {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(std::string(K8SI_FIXTURES_DIR) + "/upstream/crs"))
    files.push_back(e.path().string());
  REQUIRE(files.size() == 20);
  for (const auto& f : files) {
    CAPTURE(f);
    std::string stream = Slurp(f);
    CheckRelocated(stream, "registry", UnderRegistry);
    CheckRelocated(stream, "rules", UnderRules);
    CheckRelocated(stream, "flatten", Flattened);
  }
}

TEST_CASE("the rendered operator streams: every workload image under its target") {
  for (const char* f :
       {"cass-operator-v1.26.0-default", "cass-operator-v1.28.1-default", "cass-operator-v1.32.0-default",
        "cass-operator-v1.32.0-cluster", "k8ssandra-operator-v1.32.5-control-plane"}) {
    CAPTURE(f);
    std::string stream = Fixture(std::string("upstream/rendered/") + f + ".yaml");
    CheckRelocated(stream, "registry", UnderRegistry);
    CheckRelocated(stream, "rules", UnderRules);
    CheckRelocated(stream, "flatten", Flattened);
  }
}
