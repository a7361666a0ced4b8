#include "fn/operator_deployment.h"

#include <doctest/doctest.h>

#include "tests/rewrite_util.h"

using namespace fn;

namespace {

const char* kOperator =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: k8ssandra-operator}\nspec:\n  template:\n"
    "    spec:\n      containers:\n      - name: sidecar\n        image: busybox\n      - name: manager\n"
    "        image: cr.k8ssandra.io/k8ssandra/k8ssandra-operator:v1.32.5\n        env:\n"
    "        - name: IMAGE_PULL_SECRETS\n          value: other\n";

Rewritten RunOperator(const std::string& stream, const std::string& config, const ImageConfigChange& change = {}) {
  return RunRewrite(stream, config, [&](const ItemContext& ctx) { RewriteOperatorDeployment(ctx, change); });
}

}  // namespace

TEST_CASE("WhichOperator: by the last path component of a container's image") {
  std::string t = kOperator;
  std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::ParseStream(t, "");
  OperatorContainer oc = WhichOperator(rl->doc(), rl->items().at(0));
  CHECK(oc.op == Operator::K8ssandraOperator);
  CHECK(oc.index == 1);
}

TEST_CASE("k8ssandra-operator gets DEFAULT_REGISTRY and its pull secret added to the list") {
  Rewritten r = RunOperator(kOperator, "{registry: reg.example, pullSecret: regcred}");
  CHECK(r.text.find("- name: IMAGE_PULL_SECRETS\n          value: other,regcred\n") != std::string::npos);
  CHECK(r.text.find("- name: DEFAULT_REGISTRY\n          value: reg.example\n") != std::string::npos);
  CHECK(r.lines() == std::vector<std::string>{
                         "info: spec.template.spec.containers[1].env: set DEFAULT_REGISTRY to reg.example",
                         "info: spec.template.spec.containers[1].env: set IMAGE_PULL_SECRETS to other,regcred"});
}

// k8ssandra-operator's Image.String() joins registry/repository/name
// (pkg/images/images.go line 57), so a registry value with a path works.
TEST_CASE("a target with a path goes into DEFAULT_REGISTRY in keep and nest modes") {
  Rewritten keep = RunOperator(kOperator, "{registry: reg.example/mirror}");
  CHECK(keep.text.find("- name: DEFAULT_REGISTRY\n          value: reg.example/mirror\n") != std::string::npos);
  Rewritten nest = RunOperator(kOperator, "{registry: reg.example/mirror, path: nest}");
  CHECK(nest.text.find("- name: DEFAULT_REGISTRY\n          value: reg.example/mirror/docker.io\n") !=
        std::string::npos);
}

TEST_CASE("flatten, or rules that split Docker Hub, cannot go into DEFAULT_REGISTRY: a warning says why") {
  Rewritten flat = RunOperator(kOperator, "{registry: reg.example/mirror, path: flatten}");
  REQUIRE(flat.lines().size() == 1);
  CHECK(flat.lines()[0].find("but flatten drops the repository, which DEFAULT_REGISTRY cannot do") !=
        std::string::npos);
  Rewritten split = RunOperator(kOperator, "{registry: reg.example, rules: \"docker.io/stargateio=other.example\"}");
  REQUIRE(split.lines().size() == 1);
  CHECK(split.lines()[0].find("the rules send docker.io/stargateio elsewhere than the rest of docker.io") !=
        std::string::npos);
}

TEST_CASE("a changed image config restarts the operator through a pod-template annotation") {
  ImageConfigChange change;
  change.changed = true;
  change.hash = "0123456789abcdef";
  change.where = {"ConfigMap/ic"};
  Rewritten r = RunOperator(kOperator, "{registry: reg.example}", change);
  CHECK(r.text.find("k8ssandra-images.dev/image-config-hash: 0123456789abcdef") != std::string::npos);
}
