#include "fn/workloads.h"

#include <doctest/doctest.h>

#include "tests/rewrite_util.h"

using namespace fn;

namespace {

Rewritten Pods(const std::string& stream, const std::string& config) {
  return RunRewrite(stream, config, [](const ItemContext& ctx) {
    std::string path;
    krm::NodeId pod = WorkloadPodSpec(ctx.doc(), ctx.item(), path);
    REQUIRE(pod != krm::kNoNode);
    RewritePodSpec(ctx, pod, path);
  });
}

}  // namespace

TEST_CASE("WorkloadPodSpec finds the pod spec of each workload kind") {
  const std::pair<const char*, const char*> kinds[] = {
      {"apiVersion: v1\nkind: Pod\nspec: {}\n", "spec"},
      {"apiVersion: v1\nkind: PodTemplate\ntemplate: {spec: {}}\n", "template.spec"},
      {"apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {}}}\n", "spec.template.spec"},
      {"apiVersion: apps/v1\nkind: StatefulSet\nspec: {template: {spec: {}}}\n", "spec.template.spec"},
      {"apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {}}}\n", "spec.template.spec"},
      {"apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: {spec: {template: {spec: {}}}}}\n",
       "spec.jobTemplate.spec.template.spec"},
  };
  for (const auto& kind : kinds) {
    const char* text = kind.first;
    const char* want = kind.second;
    CAPTURE(text);
    std::string t = text;
    std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::ParseStream(t, "");
    std::string path;
    CHECK(WorkloadPodSpec(rl->doc(), rl->items().at(0), path) != krm::kNoNode);
    CHECK(path == want);
  }
  std::unique_ptr<krm::ResourceList> other =
      krm::ResourceList::ParseStream("apiVersion: example.com/v1\nkind: Deployment\nspec: {}\n", "");
  std::string path;
  CHECK(WorkloadPodSpec(other->doc(), other->items().at(0), path) == krm::kNoNode);
}

TEST_CASE("RewritePodSpec: every container list and image volumes; pull policy and secret once") {
  Rewritten r = Pods(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: busybox:1.36\n"
      "  initContainers:\n  - name: i\n    image: reg.example/library/busybox:1\n  ephemeralContainers:\n"
      "  - name: e\n    image: ghcr.io/x/y@sha256:" +
          std::string(64, 'a') +
          "\n  volumes:\n  - name: v\n"
          "    image: {reference: quay.io/a/b:2}\n",
      "{registry: reg.example, pullPolicy: IfNotPresent, pullSecret: regcred}");
  CHECK(r.text.find("image: reg.example/library/busybox:1.36\n    imagePullPolicy: IfNotPresent\n") !=
        std::string::npos);
  CHECK(r.text.find("image: reg.example/library/busybox:1\n") != std::string::npos);  // on target: unchanged
  CHECK(r.text.find("image: reg.example/x/y@sha256:") != std::string::npos);
  CHECK(r.text.find("image: {reference: \"reg.example/a/b:2\"}") != std::string::npos);  // quoted in flow
  CHECK(r.text.find("imagePullSecrets:\n  - name: regcred\n") != std::string::npos);
  CHECK(r.lines().back() == "info: spec.imagePullSecrets: added pull secret regcred");
}

TEST_CASE("RewritePodSpec adds no secret when nothing is on the mirror, and none twice") {
  Rewritten none = Pods(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n"
      "    image: ghcr.io/a/b:1\n",
      "{rules: 'docker.io=reg.example', pullSecret: regcred}");
  CHECK(none.text.find("imagePullSecrets") == std::string::npos);
  Rewritten present = Pods(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n"
      "  - name: regcred\n  containers:\n  - name: a\n    image: busybox\n",
      "{registry: reg.example, pullSecret: regcred}");
  CHECK(present.text.find("regcred", present.text.find("regcred") + 1) == std::string::npos);
}
