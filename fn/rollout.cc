#include "fn/rollout.h"

#include "fn/names.h"

namespace fn {

void ImageConfigRollouts(const std::vector<InventoryEntry>& entries, std::vector<Rollout>& out) {
  for (const InventoryEntry& e : entries) {
    const PullSite& s = e.source;
    bool datacenter = s.ref.kind == names::kK8ssandraCluster || s.ref.kind == names::kCassandraDatacenter;
    // Cassandra pods only: k8ssandra-operator updates its Reaper and Stargate Deployments itself.
    if (s.component == "reaper" || s.component == "stargate" || s.component == "vector") continue;
    if (!datacenter || !s.field.empty() || s.image == e.target.image ||
        s.origin.rfind(std::string(names::kConfigMap) + "/", 0) != 0)
      continue;
    // "K8ssandraCluster/ns/name dc1 ..." -> "dc1"
    std::string scope;
    size_t space = s.resource.find(' ');
    if (s.ref.kind == names::kK8ssandraCluster && space != std::string::npos)
      scope = s.resource.substr(space + 1, s.resource.find(' ', space + 1) - space - 1);
    bool seen = false;
    for (const Rollout& r : out)
      seen = seen || (r.ref.kind == s.ref.kind && r.ref.ns == s.ref.ns && r.ref.name == s.ref.name && r.scope == scope);
    if (!seen) out.push_back({s.ref, scope, false});
  }
}

namespace {

// The K8ssandraCluster datacenter named `scope`, and its path.
krm::NodeId Datacenter(const krm::Document& d, const krm::Item& item, const std::string& scope, std::string& path) {
  size_t i = 0;
  for (krm::NodeId dc : d.items(d.at(item.node, "spec.cassandra.datacenters"))) {
    if (d.str(d.get(dc, "metadata"), "name") == scope) {
      path = "spec.cassandra.datacenters[" + std::to_string(i) + "]";
      return dc;
    }
    ++i;
  }
  return krm::kNoNode;
}

std::string Name(const Rollout& r) { return r.ref.kind + "/" + r.ref.name + (r.scope.empty() ? "" : " " + r.scope); }

}  // namespace

void AnnotateAutoUpdate(RunContext& run, krm::Editor& ed, const std::vector<krm::Item>& items,
                        std::vector<Rollout>& rollouts) {
  const std::string& value = run.config().auto_update;
  if (value.empty()) return;
  const krm::Document& d = ed.doc();
  for (Rollout& r : rollouts) {
    const krm::Item* item = krm::FindResource(items, r.ref);
    if (!item) continue;
    krm::NodeId at = item->node;
    std::string path;
    if (r.ref.kind == names::kK8ssandraCluster) {
      at = Datacenter(d, *item, r.scope, path);
      if (at == krm::kNoNode) continue;
    }
    krm::NodeId annotations = d.at(at, "metadata.annotations");
    if (d.str(annotations, names::kAutoUpdateAnnotation) == value) {
      r.annotated = true;
      continue;
    }
    std::string field = (path.empty() ? "" : path + ".") + "metadata.annotations." + names::kAutoUpdateAnnotation;
    if (!ed.setPath(at, {"metadata", "annotations", names::kAutoUpdateAnnotation}, krm::Value::String(value))) {
      run.add(krm::Severity::Warning, *item, field, "the autoUpdate annotation could not be added here");
      continue;
    }
    r.annotated = true;
    run.countChange();
    run.add(krm::Severity::Info, *item, field,
            "annotated " + Name(r) + " " + names::kAutoUpdateAnnotation + ": " + value +
                ", so cass-operator rolls its pods onto the changed image config",
            std::nullopt, value);
  }
}

void AdviseRestart(const ImageConfigChange& change, const std::vector<Rollout>& rollouts,
                   const std::optional<Version>& cass_operator, std::vector<krm::Result>& results) {
  if (!change.changed) return;
  std::string list;
  for (const Rollout& r : rollouts) {
    if (!r.annotated) list += (list.empty() ? "" : ", ") + Name(r);
  }
  if (list.empty()) return;
  std::string what;
  std::string annotation = names::kAutoUpdateAnnotation;
  if (cass_operator && !cass_operator->atLeast(1, 20)) {
    what = "cass-operator " + cass_operator->text() +
           " rolls their pods onto it on its next reconcile once it has read the new config, which it reads "
           "only at start (the config-hash annotation restarts it when its Deployment is rendered too)";
  } else {
    what = std::string(cass_operator ? "cass-operator " + cass_operator->text() : "cass-operator from v1.20") +
           " updates their StatefulSets only when the CassandraDatacenter itself changes or carries " + annotation +
           " (once or always); until then they keep their images and are marked RequiresUpdate: set autoUpdate: "
           "once in the config to add that annotation, or annotate them yourself" +
           (cass_operator ? ""
                          : " (its version is not known here; before v1.20 it rolls their pods on its next reconcile "
                            "once it has read the new config)");
  }
  krm::Result r = krm::Result::Warning("the image config changed (" + change.where.front() + ") and with it the " +
                                       "images of " + list + ": " + what);
  if (change.first) r.about(*change.first);
  results.push_back(std::move(r));
}

}  // namespace fn
