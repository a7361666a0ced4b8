#include "fn/workloads.h"

#include "fn/field_path.h"
#include "fn/names.h"
#include "fn/pull_secret.h"
#include "fn/relocate_string.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Value;

const char* WorkloadPodPath(const krm::Item& item) {
  std::string group = item.group();
  // extensions/v1beta1 served Deployments, DaemonSets and ReplicaSets until Kubernetes 1.16.
  bool extensions = group == names::kExtensionsGroup &&
                    (item.kind == "Deployment" || item.kind == "DaemonSet" || item.kind == "ReplicaSet");
  if (!group.empty() && group != names::kAppsGroup && group != names::kBatchGroup && !extensions) return nullptr;
  const std::string& k = item.kind;
  const char* at = nullptr;
  if (group.empty() && k == names::kPod) at = "spec";
  if (group.empty() && k == names::kPodTemplate) at = "template.spec";
  for (const char* t : names::kTemplatedWorkloads) {
    if (k == t) at = "spec.template.spec";
  }
  if (k == names::kCronJob) at = "spec.jobTemplate.spec.template.spec";
  return at;
}

NodeId WorkloadPodSpec(const Document& d, const krm::Item& item, std::string& path) {
  const char* at = WorkloadPodPath(item);
  if (!at) return krm::kNoNode;
  path = at;
  return d.at(item.node, at);
}

bool NeverPulled(const ItemContext& ctx, NodeId container, const std::string& path) {
  const Document& d = ctx.doc();
  if (d.str(container, "imagePullPolicy") != "Never" || !d.isScalar(d.get(container, "image"))) return false;
  ctx.report(krm::Severity::Info, Field(path, "image"),
             "left alone: imagePullPolicy is Never, so the node must already hold " +
                 std::string(d.str(container, "image")) +
                 " under that name; another name would fail with ErrImageNeverPull");
  return true;
}

bool RewritePodSpec(const ItemContext& ctx, NodeId spec, const std::string& path) {
  const Document& d = ctx.doc();
  if (!d.isMap(spec)) return false;
  const Config& cfg = ctx.config();
  bool mirrored = false;
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"}) {
    size_t i = 0;
    for (NodeId c : d.items(d.get(spec, list))) {
      std::string cpath = Indexed(Field(path, list), i++);
      if (NeverPulled(ctx, c, cpath)) continue;
      Decision dec = RelocateString(ctx, d.get(c, "image"), Field(cpath, "image"));
      mirrored = mirrored || dec.changed() || dec.outcome == Outcome::OnTarget;
      if (dec.changed() && !cfg.pull_policy.empty() && d.str(c, "imagePullPolicy") != cfg.pull_policy &&
          !ctx.editor().setKey(c, "imagePullPolicy", Value::String(cfg.pull_policy)))
        ctx.report(krm::Severity::Warning, Field(cpath, "imagePullPolicy"),
                   "imagePullPolicy was not set to " + cfg.pull_policy +
                       ": the value spans several lines or its extent is unclear; write it on one line");
    }
  }
  size_t i = 0;
  for (NodeId v : d.items(d.get(spec, "volumes"))) {
    std::string vpath = Indexed(Field(path, "volumes"), i++);
    Decision dec = RelocateString(ctx, d.at(v, "image.reference"), Field(vpath, "image.reference"));
    mirrored = mirrored || dec.changed() || dec.outcome == Outcome::OnTarget;
  }
  if (!mirrored || cfg.pull_secret.empty()) return mirrored;
  if (EnsureSecret(ctx.editor(), spec, {"imagePullSecrets"}, SecretList::Refs, cfg.pull_secret))
    ctx.report(krm::Severity::Info, Field(path, "imagePullSecrets"), "added pull secret " + cfg.pull_secret);
  return mirrored;
}

std::vector<NodeId> PodImageNodes(const Document& d, NodeId spec) {
  std::vector<NodeId> out;
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"}) {
    for (NodeId c : d.items(d.get(spec, list))) out.push_back(d.get(c, "image"));
  }
  for (NodeId v : d.items(d.get(spec, "volumes"))) out.push_back(d.at(v, "image.reference"));
  return out;
}

bool NeverHoldsImages(const krm::Item& item) {
  std::string group = item.group();
  static const char* const kCore[] = {"Service",         "ServiceAccount", "Secret",        "Namespace",
                                      "Endpoints",       "LimitRange",     "ResourceQuota", "PersistentVolumeClaim",
                                      "PersistentVolume"};
  static const char* const kAny[] = {"CustomResourceDefinition",
                                     "Role",
                                     "ClusterRole",
                                     "RoleBinding",
                                     "ClusterRoleBinding",
                                     "ValidatingWebhookConfiguration",
                                     "MutatingWebhookConfiguration",
                                     "Certificate",
                                     "Issuer",
                                     "ClusterIssuer",
                                     "StorageClass",
                                     "NetworkPolicy",
                                     "PodDisruptionBudget",
                                     "Ingress",
                                     "IngressClass",
                                     "PriorityClass",
                                     "APIService",
                                     "Lease"};
  for (const char* k : kAny) {
    if (item.kind == k) return true;
  }
  if (!group.empty()) return false;
  for (const char* k : kCore) {
    if (item.kind == k) return true;
  }
  return false;
}

namespace {

bool HoldsContainers(const Document& d, NodeId map) {
  for (const char* list : {"containers", "initContainers"}) {
    NodeId l = d.get(map, list);
    if (!d.isSeq(l)) continue;
    for (NodeId c : d.items(l)) {
      if (d.isMap(c)) return true;
    }
  }
  return false;
}

void Walk(const Document& d, NodeId node, const std::string& path, int depth, std::vector<FoundPodSpec>& out) {
  if (depth > 16) return;
  if (d.isMap(node)) {
    bool pod = HoldsContainers(d, node);
    if (pod) out.push_back({node, path});
    for (auto& [k, v] : d.pairs(node)) {
      std::string key(d.value(k));
      if (depth == 0 && (key == "metadata" || key == "status" || key == "apiVersion" || key == "kind")) continue;
      // A pod spec's own lists are RewritePodSpec's; other keys may hold more
      // (kustomize's legacy filter updates every depth).
      if (pod && (key == "containers" || key == "initContainers" || key == "ephemeralContainers" || key == "volumes"))
        continue;
      Walk(d, v, Field(path, key), depth + 1, out);
    }
  } else if (d.isSeq(node)) {
    size_t i = 0;
    for (NodeId v : d.items(node)) Walk(d, v, Indexed(path, i++), depth + 1, out);
  }
}

}  // namespace

std::vector<FoundPodSpec> PodSpecsByShape(const Document& d, const krm::Item& item) {
  std::vector<FoundPodSpec> out;
  if (WorkloadPodPath(item) || NeverHoldsImages(item)) return out;
  std::string group = item.group();
  if (group == names::kK8ssandraGroup || group == names::kCassandraGroup || group == names::kReaperGroup ||
      group == names::kStargateGroup)
    return out;
  if (group.empty() && item.kind == names::kConfigMap) return out;
  Walk(d, item.node, "", 0, out);
  return out;
}

}  // namespace fn
