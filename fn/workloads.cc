#include "fn/workloads.h"


namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Value;

NodeId WorkloadPodSpec(const Document& d, const krm::Item& item, std::string& path) {
  if (!item.group().empty() && item.group() != "apps" && item.group() != "batch") return krm::kNoNode;
  NodeId root = item.node;
  const std::string& k = item.kind;
  if (k == "Pod" && item.group().empty()) {
    path = "spec";
    return d.get(root, "spec");
  }
  if (k == "PodTemplate" && item.group().empty()) {
    path = "template.spec";
    return d.at(root, "template.spec");
  }
  static const char* const kTemplated[] = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                                           "ReplicationController", "Job"};
  for (const char* t : kTemplated) {
    if (k == t) {
      path = "spec.template.spec";
      return d.at(root, "spec.template.spec");
    }
  }
  if (k == "CronJob") {
    path = "spec.jobTemplate.spec.template.spec";
    return d.at(root, "spec.jobTemplate.spec.template.spec");
  }
  return krm::kNoNode;
}

bool RewritePodSpec(Reporter& rep, const krm::Item& item, const Document& d, krm::Editor& ed, NodeId spec,
                    const std::string& path) {
  if (!d.isMap(spec)) return false;
  const Config& cfg = rep.config();
  bool mirrored = false;
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"}) {
    size_t i = 0;
    for (NodeId c : d.items(d.get(spec, list))) {
      std::string cpath = Indexed(Field(path, list), i++);
      Decision dec = RelocateString(rep, item, d, ed, d.get(c, "image"), Field(cpath, "image"));
      if (dec.outcome == Outcome::OnTarget) mirrored = true;
      if (!dec.changed()) continue;
      mirrored = true;
      if (!cfg.pull_policy.empty() && d.str(c, "imagePullPolicy") != cfg.pull_policy)
        ed.setKey(c, "imagePullPolicy", Value::String(cfg.pull_policy));
    }
  }
  size_t i = 0;
  for (NodeId v : d.items(d.get(spec, "volumes"))) {
    std::string vpath = Indexed(Field(path, "volumes"), i++);
    Decision dec = RelocateString(rep, item, d, ed, d.at(v, "image.reference"), Field(vpath, "image.reference"));
    mirrored = mirrored || dec.changed() || dec.outcome == Outcome::OnTarget;
  }
  if (mirrored && !cfg.pull_secret.empty()) {
    NodeId secrets = d.get(spec, "imagePullSecrets");
    bool present = false;
    for (NodeId s : d.items(secrets)) present = present || d.str(s, "name") == cfg.pull_secret;
    if (!present) {
      Value entry = Value::Map({{"name", Value::String(cfg.pull_secret)}});
      bool ok = d.isSeq(secrets) ? ed.append(secrets, entry) : ed.setKey(spec, "imagePullSecrets", Value::List({entry}));
      if (ok) rep.add(krm::Severity::Info, item, Field(path, "imagePullSecrets"), "added pull secret " + cfg.pull_secret);
    }
  }
  return mirrored;
}

}  // namespace fn
