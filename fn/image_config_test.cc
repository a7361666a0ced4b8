// Resolves every component's final image from an ImageConfig with the
// operators' own composition rules (cass-operator pkg/images, both formats)
// and checks the rewritten config against the original.
#include "fn/image_config.h"

#include <doctest/doctest.h>

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
using test::Slurp;

namespace {

// v1beta1 applyOverrides: the registry override replaces or prepends the
// registry; a first segment is a registry only with '.' or ':'.
std::string V1Override(const Document& d, NodeId root, const std::string& comp, const std::string& image) {
  std::string reg(d.str(d.get(d.get(root, "defaults"), comp), "imageRegistry"));
  if (reg.empty()) reg = std::string(d.str(root, "imageRegistry"));
  if (reg.empty()) return image;
  while (!reg.empty() && reg.back() == '/') reg.pop_back();
  std::string rest = image;
  size_t slash = image.find('/');
  if (slash != std::string::npos && image.substr(0, slash).find_first_of(".:") != std::string::npos)
    rest = image.substr(slash + 1);
  return reg + "/" + rest;
}

// component -> final image, for every component the operator resolves.
std::map<std::string, std::string> Resolve(const std::string& text) {
  std::map<std::string, std::string> out;
  Document d = Document::ParseYaml(text);
  NodeId root = d.roots().at(0);
  std::string version(d.str(root, "apiVersion"));
  NodeId defaults = d.get(root, "defaults");
  if (version == "config.k8ssandra.io/v1beta1") {
    for (auto& [k, v] : d.pairs(d.get(root, "images"))) {
      std::string comp(d.value(k));
      if (d.isScalar(v)) out[comp] = V1Override(d, root, comp, std::string(d.value(v)));
      for (auto& [ver, img] : d.pairs(v))
        out[comp + "@" + std::string(d.value(ver))] = V1Override(d, root, comp, std::string(d.value(img)));
    }
    // No cass-operator version is known here, and the built-in DSE
    // repository depends on it (BuiltinServerRepository): that one is left
    // alone with a warning (golden cases ic-v1beta1-*), so it is not listed.
    const std::pair<const char*, const char*> servers[] = {
        {"cassandra", "k8ssandra/cass-management-api"}, {"dse", ""}, {"hcd", ""}};
    for (auto& [type, builtin] : servers) {
      NodeId t = d.get(defaults, type);
      std::string repo(d.str(t, "repository"));
      std::string prefix = repo.empty() ? builtin : repo;
      if (prefix.empty()) continue;
      std::string suffix = repo.empty() ? "" : std::string(d.str(t, "suffix"));
      out[std::string("server/") + type] = V1Override(d, root, type, prefix + ":9.9.9" + suffix);
    }
    return out;
  }
  NodeId overrides = d.get(root, "overrides");
  auto merge = [&](NodeId img, const std::string& tag) {
    std::string reg(d.str(img, "registry"));
    if (reg.empty()) reg = std::string(d.str(defaults, "registry"));
    std::string repo(d.keyOf(img, "repository") == krm::kNoNode || d.str(img, "repository").empty()
                         ? d.str(defaults, "repository")
                         : d.str(img, "repository"));
    if (d.isMap(overrides)) {
      if (d.keyOf(overrides, "repository") != krm::kNoNode) repo = std::string(d.str(overrides, "repository"));
      if (!d.str(overrides, "registry").empty()) reg = std::string(d.str(overrides, "registry"));
    }
    std::string s = reg.empty() ? "" : reg + "/";
    if (!repo.empty()) s += repo + "/";
    s += std::string(d.str(img, "name"));
    std::string digest(d.str(img, "digest"));
    return s + (digest.empty() ? ":" + tag : "@" + digest);
  };
  for (auto& [k, v] : d.pairs(d.get(root, "images")))
    out[std::string(d.value(k))] = merge(v, std::string(d.str(v, "tag")));
  for (auto& [k, v] : d.pairs(d.get(root, "types")))
    out["server/" + std::string(d.value(k))] =
        merge(v, std::string(d.str(v, "prefix")) + "9.9.9" + std::string(d.str(v, "suffix")));
  return out;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Every original line is kept, or replaced by a line with the same key.
void CheckOnlyValuesChanged(const std::string& before, const std::string& after) {
  auto a = Lines(before), b = Lines(after);
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  size_t i = 0, j = 0;
  std::vector<std::string> removed, added;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++i, ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      removed.push_back(a[i++]);
    } else {
      added.push_back(b[j++]);
    }
  }
  while (i < a.size()) removed.push_back(a[i++]);
  for (const std::string& r : removed) {
    std::string key = r.substr(0, r.find(':') + 1);
    bool replaced = false;
    for (const std::string& n : added) replaced = replaced || (!key.empty() && n.rfind(key, 0) == 0);
    CAPTURE(r);
    CHECK_MESSAGE(replaced, "an original line was lost");
  }
}

struct Expect {
  const char* config;
  // Whether `after` is where `before` should go under this config.
  bool (*ok)(const ImageRef& before, const ImageRef& after);
};

}  // namespace

TEST_CASE("every ImageConfig fixture resolves under its target, tags kept, only values changed") {
  const std::string dir = std::string(K8SI_FIXTURES_DIR) + "/upstream/imageconfig/";
  const char* fixtures[] = {
      "v1beta1-co-v1.8.0-manager-image_config",      "v1beta1-co-v1.10.0-manager-image_config",
      "v1beta1-co-v1.26.0-manager-image_config",     "v1beta1-co-v1.27.0-manager-image_config",
      "v1beta1-co-v1.30.3-manager-image_config",     "v1beta1-co-tests-image_config_parsing",
      "v1beta2-co-v1.27.0-imageconfig-image_config", "v1beta2-co-v1.28.1-imageconfig-image_config",
      "v1beta2-co-v1.32.0-imageconfig-image_config", "v1beta2-co-tests-image_config_parsing_v2",
      "v1beta2-ko-v1.32.5-patch-image-config"};
  const Expect expects[] = {
      {"registry", test::UnderRegistry}, {"override", test::UnderRegistry}, {"pull", test::UnderRegistry},
      {"rules", test::UnderRules},       {"flatten", test::Flattened},      {"nest", test::Nested},
      {"exclude-all", test::Unmoved},
  };
  for (const char* fx : fixtures) {
    CAPTURE(fx);
    std::string raw = Slurp(dir + fx + ".yaml");
    REQUIRE(!raw.empty());
    std::string stream;
    if (raw.find("\nkind: ConfigMap") != std::string::npos) {
      stream = raw;
    } else {
      stream =
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: image-config\n  labels:\n    k8ssandra.io/config: "
          "image\n"
          "data:\n  image_config.yaml: |\n";
      std::stringstream in(raw);
      for (std::string l; std::getline(in, l);) stream += l.empty() ? "\n" : "    " + l + "\n";
    }
    Document src = Document::ParseYaml(stream);
    std::string before(src.value(src.get(src.get(src.roots()[0], "data"), "image_config.yaml")));
    REQUIRE(!before.empty());
    auto want = Resolve(before);
    for (const Expect& e : expects) {
      CAPTURE(fx);
      CAPTURE(e.config);
      std::ostringstream out, err;
      std::string cfg = Fixture(std::string("configs/") + e.config + ".yaml");
      int rc = krm::RunStream(stream, cfg, out, err, "t", Relocate);
      // v1beta1 cannot take override in flatten/nest; every fixture config here is keep, so 0.
      REQUIRE_MESSAGE(rc == 0, err.str());
      std::string result = out.str();
      Document res = Document::ParseYaml(result);
      std::string after(res.value(res.get(res.get(res.roots()[0], "data"), "image_config.yaml")));
      auto got = Resolve(after);
      REQUIRE(got.size() == want.size());
      for (const auto& entry : want) {
        const std::string& comp = entry.first;
        const std::string& image = entry.second;
        CAPTURE(comp);
        CAPTURE(image);
        CAPTURE(got[comp]);
        ParsedRef b = ParseImageRef(image), a = ParseImageRef(got[comp]);
        REQUIRE_MESSAGE(a.ok, a.error);
        if (!b.ok) continue;
        CHECK(e.ok(b.ref, a.ref));
        CHECK(a.ref.tag == b.ref.tag);
        CHECK(a.ref.digest == b.ref.digest);
      }
      CheckOnlyValuesChanged(before, after);
      if (std::string(e.config) == "exclude-all") CHECK(out.str() == stream);
    }
  }
}

TEST_CASE("k8ssandra-operator v1.32.5 with one registry: no image outside the mirror") {
  std::string stream = Fixture("upstream/rendered/k8ssandra-operator-v1.32.5-control-plane.yaml");
  std::string cfg = Fixture("configs/registry.yaml");
  std::ostringstream out, err;
  REQUIRE(krm::RunStream(stream, cfg, out, err, "t", Relocate) == 0);
  std::string result = out.str();
  Document d = Document::ParseYaml(result);
  size_t configs = 0, images = 0;
  for (NodeId root : d.roots()) {
    std::string kind(d.str(root, "kind"));
    if (kind == "ConfigMap") {
      NodeId ic = d.get(d.get(root, "data"), "image_config.yaml");
      if (ic == krm::kNoNode) continue;
      ++configs;
      for (const auto& entry : Resolve(std::string(d.value(ic)))) {
        const std::string& comp = entry.first;
        const std::string& image = entry.second;
        CAPTURE(comp);
        CAPTURE(image);
        CHECK(image.rfind("registry.corp.example:5000/", 0) == 0);
        ++images;
      }
    }
    if (kind == "Deployment") {
      for (NodeId c : d.items(d.at(root, "spec.template.spec.containers"))) {
        CHECK(d.str(c, "image").substr(0, 27) == "registry.corp.example:5000/");
        ++images;
      }
      // k8ssandra-operator's own defaults (Stargate) follow DEFAULT_REGISTRY.
      for (NodeId c : d.items(d.at(root, "spec.template.spec.containers"))) {
        if (d.str(c, "image").find("k8ssandra-operator") == std::string_view::npos) continue;
        bool set = false;
        for (NodeId e : d.items(d.get(c, "env")))
          set = set || (d.str(e, "name") == "DEFAULT_REGISTRY" && d.str(e, "value") == "registry.corp.example:5000");
        CHECK(set);
      }
    }
  }
  CHECK(configs == 1);
  CHECK(images >= 9);
}

TEST_CASE("an image config with a lone carriage return is left unchanged, with a warning; its edits read back first") {
  // YAML readers break a line at a carriage return that no line feed
  // follows; an edit placed by lines does not, and a key added after such
  // a line made the config unreadable on the next run (found by fuzzing).
  auto list = [](const std::string& inner) {
    return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
           "  metadata: {name: ic}\n  data:\n    image_config.yaml: |-\n" +
           inner +
           "functionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {registry: reg.example}}\n";
  };
  std::string body =
      "      apiVersion: config.k8ssandra.io/v1beta1\n      kind: ImageConfig\n      images:\n"
      "        system-logger: k8ssandra/system-logger:v1.0.0\n      defaults:\n        cassandra:\n"
      "          repository: k8ssandra/cass-management-api\n";
  std::string lone = list(body + "          x: a\r\ran \r\n");
  std::ostringstream out, err;
  CHECK(krm::RunResourceList(lone, out, err, "t", Relocate) == 0);
  CHECK(out.str().substr(0, out.str().find("results:")) == lone);  // every byte of the input, unchanged
  CHECK(out.str().find("severity: warning") != std::string::npos);
  CHECK(out.str().find("carriage return that no line feed follows") != std::string::npos);
  // It names the images it leaves behind.
  CHECK(out.str().find("its images stay where they are: k8ssandra/system-logger:v1.0.0 (system-logger)") !=
        std::string::npos);
  // The same config with line feeds is relocated.
  std::ostringstream out2, err2;
  CHECK(krm::RunResourceList(list(body), out2, err2, "t", Relocate) == 0);
  CHECK(out2.str().find("reg.example/k8ssandra/system-logger:v1.0.0") != std::string::npos);
}
