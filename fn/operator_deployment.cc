#include "fn/operator_deployment.h"

#include "fn/names.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Severity;
using krm::Value;

Operator WhichOperator(const Document& d, const krm::Item& item, NodeId& container, size_t& index) {
  if (item.kind != "Deployment" || item.group() != "apps") return Operator::None;
  size_t i = 0;
  for (NodeId c : d.items(d.at(item.node, "spec.template.spec.containers"))) {
    ParsedRef p = ParseImageRef(d.str(c, "image"));
    if (p.ok) {
      std::string last = p.ref.path.substr(p.ref.path.rfind('/') + 1);
      std::string co = std::string(names::kCassOperatorImage).substr(10);
      std::string ko = std::string(names::kK8ssandraOperatorImage).substr(10);
      if (last == co || last == ko) {
        container = c;
        index = i;
        return last == co ? Operator::CassOperator : Operator::K8ssandraOperator;
      }
    }
    ++i;
  }
  return Operator::None;
}

namespace {

// Sets environment variables on a container: edits existing entries,
// appends new ones, or writes the env list once.
void SetEnv(Reporter& rep, const krm::Item& item, const Document& d, krm::Editor& ed, NodeId c,
            const std::string& path, const std::vector<std::pair<std::string, std::string>>& vars) {
  NodeId env = d.get(c, "env");
  std::vector<Value> added;
  for (auto& [name, value] : vars) {
    NodeId found = krm::kNoNode;
    for (NodeId e : d.items(env)) {
      if (d.str(e, "name") == name) found = e;
    }
    if (found != krm::kNoNode) {
      if (d.keyOf(found, "valueFrom") != krm::kNoNode) {
        rep.add(Severity::Warning, item, Field(path, "env"),
                name + " comes from valueFrom and was left unchanged; make it " + value);
        continue;
      }
      if (d.str(found, "value") == value) continue;
      ed.setKey(found, "value", Value::String(value));
    } else {
      added.push_back(Value::Map({{"name", Value::String(name)}, {"value", Value::String(value)}}));
    }
    rep.countChange();
    rep.add(Severity::Info, item, Field(path, "env"), "set " + name + " to " + value, std::nullopt, value);
  }
  if (added.empty()) return;
  if (d.isSeq(env)) {
    for (auto& v : added) ed.append(env, v);
  } else {
    ed.setKey(c, "env", Value::List(added));
  }
}

}  // namespace

void RewriteOperatorDeployment(Reporter& rep, const krm::Item& item, const Document& d, krm::Editor& ed,
                               const ImageConfigFacts& facts) {
  NodeId c = krm::kNoNode;
  size_t index = 0;
  Operator op = WhichOperator(d, item, c, index);
  if (op == Operator::None) return;
  const Config& cfg = rep.config();
  if (facts.changed && cfg.image_config) {
    NodeId tmpl = d.at(item.node, "spec.template");
    std::string cur(d.str(d.at(tmpl, "metadata.annotations"), names::kConfigHashAnnotation));
    if (d.isMap(tmpl) && cur != facts.hash) {
      ed.setPath(tmpl, {"metadata", "annotations", names::kConfigHashAnnotation}, Value::String(facts.hash));
      rep.add(Severity::Info, item, std::string("spec.template.metadata.annotations.") + names::kConfigHashAnnotation,
              "the operator reads its image config only at start: this annotation restarts it when the config "
              "changes", cur.empty() ? std::nullopt : std::optional<std::string>(cur), facts.hash);
    }
  }
  if (op != Operator::K8ssandraOperator) return;
  std::string path = Indexed("spec.template.spec.containers", index);
  std::vector<std::pair<std::string, std::string>> vars;
  std::optional<Target> sole = rep.rules().soleTarget();
  // The built-in defaults live on Docker Hub (stargateio/..., thelastpickle/...).
  ImageRef builtin;
  builtin.domain = names::kDockerHub;
  builtin.path = "stargateio/stargate-4_0";
  if (sole && sole->prefix.empty() && cfg.mode == PathMode::Keep) {
    vars.emplace_back(names::kEnvDefaultRegistry, sole->host);
  } else if (rep.rules().decide(builtin).changed()) {
    std::string why = !sole ? "more than one target (or exclusions) applies"
                      : !sole->prefix.empty() ? "the target has a path (" + sole->text() + ")"
                                              : "the path mode is not keep";
    rep.add(Severity::Warning, item, Field(path, "env"),
            std::string("k8ssandra-operator takes Stargate's image (and before v1.27 Reaper's and Medusa's) from "
                        "built-in Docker Hub defaults; its only knob, ") + names::kEnvDefaultRegistry +
                ", holds one bare registry, but " + why + ": those defaults escape the mirror unless the "
                "K8ssandraCluster sets their containerImage in full");
  }
  if (!cfg.pull_secret.empty()) {
    std::string cur;
    for (NodeId e : d.items(d.get(c, "env"))) {
      if (d.str(e, "name") == names::kEnvImagePullSecrets) cur = std::string(d.str(e, "value"));
    }
    bool present = false;
    size_t start = 0;
    while (start <= cur.size()) {
      size_t comma = cur.find(',', start);
      std::string part = cur.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      present = present || part == cfg.pull_secret;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!present) vars.emplace_back(names::kEnvImagePullSecrets, cur.empty() ? cfg.pull_secret : cur + "," + cfg.pull_secret);
  }
  SetEnv(rep, item, d, ed, c, path, vars);
}

}  // namespace fn
