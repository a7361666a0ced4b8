#include "fn/structured_image.h"

#include <doctest/doctest.h>

#include "tests/rewrite_util.h"

using namespace fn;

namespace {

Rewritten Reaper(const std::string& image_yaml, const std::string& config, const KnownImages& known = {}) {
  std::string stream =
      "apiVersion: reaper.k8ssandra.io/v1alpha1\nkind: Reaper\nmetadata: {name: r}\nspec:\n"
      "  containerImage:\n" +
      image_yaml;
  return RunRewrite(stream, config, [&](const ItemContext& ctx) {
    krm::NodeId spec = ctx.doc().get(ctx.item().node, "spec");
    RelocateStructured(ctx, ctx.doc().get(spec, "containerImage"), "spec.containerImage", "reaper", known);
  });
}

}  // namespace

TEST_CASE("a complete structured image is relocated field by field") {
  Rewritten r = Reaper("    repository: thelastpickle\n    name: cassandra-reaper\n    tag: 3.8.0\n",
                       "{registry: 'reg.example:5000/mirror', pullPolicy: Always, pullSecret: regcred}");
  CHECK(r.text.find("  containerImage:\n    registry: reg.example:5000\n    repository: mirror/thelastpickle\n"
                    "    name: cassandra-reaper\n    tag: 3.8.0\n") != std::string::npos);
  CHECK(r.text.find("pullPolicy: Always") != std::string::npos);
  CHECK(r.text.find("    pullPolicy: Always\n    pullSecretRef:\n      name: regcred\n") != std::string::npos);
  REQUIRE(r.lines().size() == 1);
  CHECK(r.lines()[0] ==
        "info: spec.containerImage: relocated thelastpickle/cassandra-reaper:3.8.0 to "
        "reg.example:5000/mirror/thelastpickle/cassandra-reaper:3.8.0");
}

TEST_CASE("without a tag: completed from the ImageConfig, or a warning naming what to add") {
  KnownImages known;
  known["reaper"] = {ImageName{"docker.io", "thelastpickle", "cassandra-reaper", "3.8.0", ""},
                     "ConfigMap/ic images.reaper"};
  Rewritten filled = Reaper("    name: cassandra-reaper\n", "{registry: 'reg.example/m'}", known);
  CHECK(filled.text.find("    repository: m/thelastpickle\n    tag: \"3.8.0\"\n") != std::string::npos);
  CHECK(filled.lines().at(0) ==
        "info: spec.containerImage: completed from ConfigMap/ic images.reaper so the CRD default tag: latest does "
        "not apply: docker.io/thelastpickle/cassandra-reaper:3.8.0");
  Rewritten warned = Reaper("    repository: thelastpickle\n", "{registry: 'reg.example/m'}");
  REQUIRE(warned.lines().size() == 1);
  CHECK(warned.lines()[0].rfind("warning: spec.containerImage: not relocated: this image sets no name and tag", 0) ==
        0);
  Rewritten registry_only = Reaper("    repository: thelastpickle\n", "{registry: reg.example}");
  CHECK(registry_only.text.find("registry: reg.example\n    repository: thelastpickle") != std::string::npos);
}

TEST_CASE("an 'image' key in a structured image is named, and a target without a path is refused") {
  Rewritten r = Reaper("    image: thelastpickle/cassandra-reaper:3.8.0\n    name: cassandra-reaper\n    tag: 3.8.0\n",
                       "{registry: reg.example, path: flatten}");
  REQUIRE(r.lines().size() == 2);
  CHECK(r.lines()[0].rfind("warning: spec.containerImage.image: a structured image has no 'image' field", 0) == 0);
  CHECK(r.lines()[1].rfind("warning: spec.containerImage: not relocated: the target leaves no repository", 0) == 0);
}

TEST_CASE("an incomplete image whose registry is not a host is named, not passed over") {
  Rewritten r = Reaper("    registry: ${PULL_REGISTRY}\n    repository: thelastpickle\n", "{registry: reg.example}");
  CHECK(r.text.find("registry: ${PULL_REGISTRY}") != std::string::npos);
  REQUIRE(r.lines().size() == 1);
  CHECK(r.lines()[0] ==
        "warning: spec.containerImage.registry: not relocated: '${PULL_REGISTRY}' is not a registry host, and this "
        "image sets no name and tag");
}
