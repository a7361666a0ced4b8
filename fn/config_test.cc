#include "fn/config.h"

#include <doctest/doctest.h>

using namespace fn;

namespace {
struct Read {
  std::string text;
  krm::Document doc;
  std::vector<krm::Result> results;
  std::optional<Config> config;
  explicit Read(std::string t) : text(std::move(t)), doc(krm::Document::ParseYaml(text)) {
    krm::FunctionConfig fc = krm::FunctionConfig::Read(doc, doc.roots().at(0), Schema(), results);
    config = ReadConfig(fc, results);
  }
  std::string firstError() const {
    for (auto& r : results)
      if (r.severity == krm::Severity::Error) return r.field ? r.field->path + ": " + r.message : r.message;
    return "";
  }
};
const char* kCm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: function-input}\ndata: ";
}  // namespace

TEST_CASE("the ConfigMap form exactly as kpt sends it") {
  Read r(std::string(kCm) +
         "{registry: 'reg:5000', rules: 'docker.io=reg:5000/hub,cr.k8ssandra.io=reg:5000/k8ssandra', path: flatten, "
         "exclude: docker.io/library/busybox, pullSecret: regcred, pullPolicy: IfNotPresent}\n");
  REQUIRE_MESSAGE(r.config, r.firstError());
  CHECK(r.config->registry->registry == "reg:5000");
  REQUIRE(r.config->rules.size() == 2);
  CHECK(r.config->rules[0].from_registry == "docker.io");
  CHECK(r.config->rules[0].to.text() == "reg:5000/hub");
  CHECK(r.config->rules[1].to.prefix == "k8ssandra");
  CHECK(r.config->mode == PathMode::Flatten);
  REQUIRE(r.config->exclude.size() == 1);
  CHECK(r.config->exclude[0].written == "docker.io/library/busybox");
  CHECK(r.config->exclude[0].pattern == "docker.io/library/busybox");
  CHECK(r.config->pull_secret == "regcred");
  CHECK(r.config->pull_policy == "IfNotPresent");
}

TEST_CASE("the typed form means the same") {
  Read r(
      "apiVersion: fn.k8ssandra-images.dev/v1alpha1\nkind: RegistryRewrite\nmetadata: {name: mirror}\nspec:\n"
      "  registry: registry.corp.example:5000\n  rules:\n  - from: docker.io\n    to: "
      "registry.corp.example:5000/dockerhub\n"
      "  - from: index.docker.io/k8ssandra\n    to: registry.corp.example:5000/k8ssandra\n  path: nest\n"
      "  exclude: [docker.io/library/busybox]\n  targets: [workloads, imageConfig]\n  imageConfig: override\n"
      "  additionalImageFields:\n  - {group: example.com, version: v1, kind: Foo, path: spec/image}\n");
  REQUIRE_MESSAGE(r.config, r.firstError());
  CHECK(r.config->rules[1].from_registry == "docker.io");
  CHECK(r.config->rules[1].from_path == "k8ssandra");
  CHECK(r.config->mode == PathMode::Nest);
  CHECK(r.config->targets.workloads);
  CHECK(r.config->targets.image_config);
  CHECK(!r.config->targets.k8ssandra);
  CHECK(r.config->image_config_mode == ImageConfigMode::Override);
  REQUIRE(r.config->additional_fields.size() == 1);
  CHECK(r.config->additional_fields[0].path == "spec/image");
}

TEST_CASE("each wrong value is an error pointing into the config") {
  const std::pair<const char*, const char*> cases[] = {
      {"{registry: 'not a host'}", "data.registry: registry: 'not a host' is not a registry host"},
      {"{registry: myregistry}", "data.registry: registry: 'myregistry' is not a registry host"},
      {"{registry: 'reg.example/UPPER'}", "data.registry: registry: path 'UPPER' is not a repository path"},
      {"{registry: 'reg.example/x:tag'}", "data.registry: registry: a target holds no tag or digest"},
      {"{rules: 'docker.io'}", "data.rules: rules entries are written from=to"},
      {"{rules: 'k8ssandra=reg.example'}", "data.rules: from: 'k8ssandra' must start with a registry host"},
      {"{rules: 'docker.io=hub'}", "data.rules: to: 'hub' is not a registry host"},
      {"{registry: r.example, path: deep}", "data.path: path must be keep, flatten or nest"},
      {"{registry: r.example, pullPolicy: sometimes}", "data.pullPolicy: pullPolicy must be Always"},
      {"{registry: r.example, pullSecret: Bad_Name}", "data.pullSecret: pullSecret must be a Secret name"},
      {"{registry: r.example, targets: 'pods'}", "data.targets: unknown target 'pods'"},
      {"{registry: r.example, imageConfig: replace}", "data.imageConfig: imageConfig must be rewrite or override"},
      {"{registry: 'https://reg.example/m'}",
       "data.registry: registry: 'https://reg.example/m' starts with a URL scheme: drop 'https://' (write "
       "reg.example/m)"},
      {"{registry: 'reg.example:70000'}", "data.registry: registry: port 70000 of 'reg.example:70000' is past 65535"},
      {"{rules: 'docker.io/library/busybox:1.36=reg.example'}",
       "data.rules: from: 'docker.io/library/busybox:1.36' holds a tag or digest, but rules match names (every tag)"},
      {"{}", "data: nothing to do: set registry"},
  };
  for (auto& c : cases) {
    CAPTURE(c.first);
    Read r(std::string(kCm) + c.first + "\n");
    CHECK(!r.config);
    CHECK_MESSAGE(r.firstError().rfind(c.second, 0) == 0, r.firstError());
  }
  Read typed(
      "apiVersion: fn.k8ssandra-images.dev/v1alpha1\nkind: RegistryRewrite\nmetadata: {name: m}\nspec:\n"
      "  rules:\n  - from: docker.io\n    to: ok.example\n  - from: docker.io/x\n    to: nohost\n");
  CHECK(typed.firstError().rfind("spec.rules[1].to: to: 'nohost'", 0) == 0);
}

TEST_CASE("exclude entries and additionalImageFields written as a map are errors with one clear message") {
  Read tagged(std::string(kCm) + "{registry: r.example, exclude: 'busybox:1.36,ghcr.io/*'}\n");
  CHECK(!tagged.config);
  CHECK(tagged.firstError() ==
        "data.exclude: exclude: 'busybox:1.36' has a tag or digest, but exclusions match names (every tag): write "
        "docker.io/library/busybox");
  Read map(
      "apiVersion: fn.k8ssandra-images.dev/v1alpha1\nkind: RegistryRewrite\nmetadata: {name: m}\nspec:\n"
      "  registry: r.example\n  additionalImageFields:\n    kind: Foo\n    path: spec/image\n");
  CHECK(!map.config);
  size_t errors = 0;
  for (auto& r : map.results) errors += r.severity == krm::Severity::Error;
  CHECK(errors == 1);
  CHECK(map.firstError() ==
        "spec.additionalImageFields: additionalImageFields must be a list of {group, version, kind, path} or a "
        "comma-separated string of [group/]version/Kind:path");
}

TEST_CASE("a registry with a port or an IP works; pull secret names are DNS-1123") {
  Read r(std::string(kCm) + "{registry: '10.1.2.3:5000/mirror'}\n");
  REQUIRE(r.config);
  CHECK(r.config->registry->registry == "10.1.2.3:5000");
  CHECK(IsDns1123Subdomain("regcred"));
  CHECK(IsDns1123Subdomain("my.reg-cred"));
  CHECK(!IsDns1123Subdomain("-x"));
  CHECK(!IsDns1123Subdomain("a..b"));
  CHECK(!IsDns1123Subdomain("A"));
}
