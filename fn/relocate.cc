#include "fn/relocate.h"

#include "fn/config.h"
#include "fn/image_config.h"
#include "fn/k8ssandra.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"
#include "fn/workloads.h"
#include "krm/editor.h"
#include "krm/function_config.h"

namespace fn {

void Relocate(const krm::ResourceList& rl, krm::Patch& patch, std::vector<krm::Result>& results) {
  krm::FunctionConfig fc = krm::FunctionConfig::Read(rl.configDoc(), rl.functionConfig(), Schema(), results);
  std::optional<Config> cfg = ReadConfig(fc, results);
  if (!cfg) return;
  Relocator rules(*cfg);
  Reporter rep(rl, rules, results);
  const krm::Document& d = rl.doc();
  krm::Editor ed(d, patch, rl.source().eol());

  std::vector<const krm::Item*> items;
  for (const krm::Item& item : rl.items()) {
    if (rl.isReserved(item) || item.kind == names::kCrd) continue;
    items.push_back(&item);
  }
  // The image configs first: partial structured images are completed from
  // them, and the operator Deployments need the final config's hash.
  ComponentImages components;
  ImageConfigFacts facts;
  for (const krm::Item* item : items) {
    if (!IsImageConfigMap(d, *item)) continue;
    CollectComponents(d, *item, components);
    if (cfg->image_config) RewriteImageConfig(rep, *item, d, patch, rl.source().eol(), facts);
  }
  std::vector<std::string> datacenters;
  for (const krm::Item* item : items) {
    if (IsImageConfigMap(d, *item)) continue;
    std::string path;
    krm::NodeId pod = WorkloadPodSpec(d, *item, path);
    if (cfg->workloads && pod != krm::kNoNode) {
      RewriteOperatorDeployment(rep, *item, d, ed, facts);
      RewritePodSpec(rep, *item, d, ed, pod, path);
    }
    if (IsK8ssandraKind(*item)) {
      if (item->kind == names::kK8ssandraCluster || item->kind == names::kCassandraDatacenter)
        datacenters.push_back(item->kind + "/" + item->name);
      if (cfg->k8ssandra) RewriteK8ssandra(rep, *item, d, ed, components);
    }
    RewriteAdditionalFields(rep, *item, d, ed);
  }
  if (cfg->strict) {
    // Everything so far names an image left where it was, or a config
    // mistake; the restart advice below is not an escape and stays a warning.
    for (krm::Result& r : results) {
      if (r.severity != krm::Severity::Warning) continue;
      r.severity = krm::Severity::Error;
      r.message = "strict: " + r.message;
    }
  }
  if (facts.changed && !datacenters.empty()) {
    std::string list;
    for (const auto& s : datacenters) list += (list.empty() ? "" : ", ") + s;
    krm::Result r;
    r.severity = krm::Severity::Warning;
    r.message = "the image config changed (" + facts.where.front() +
                "), but running datacenters keep their images until their pods are re-created: " + list;
    results.push_back(std::move(r));
  }
}

}  // namespace fn
