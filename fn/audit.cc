#include "fn/audit.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "fn/cluster_facts.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"

namespace fn {

std::vector<InventoryEntry> AuditInventory(const krm::ResourceList& rl, const krm::Patch* patch,
                                           const OperatorVersions& versions) {
  ClusterFacts before_facts(rl, versions);
  std::vector<PullSite> before = PullSites(rl, before_facts);
  if (!patch || patch->empty()) return PairSites(before, nullptr);
  std::unique_ptr<krm::ResourceList> out = rl.edited(*patch, MayHoldPullSites);
  ClusterFacts after_facts(*out, versions);
  std::vector<PullSite> after = PullSites(*out, after_facts);
  return PairSites(before, &after);
}

namespace {

krm::Result Finding(const InventoryEntry& e, std::string message) {
  const PullSite& s = e.source;
  krm::Result r = krm::Result::Warning(s.component + " in " + s.resource + " " + message);
  r.about(s.ref).at(s.field);
  return r;
}

// The length of "Kind/ns/name" at the start of a site's resource.
size_t ResourceLength(const PullSite& s) {
  size_t space = s.resource.find(' ');
  return space == std::string::npos ? s.resource.size() : space;
}

std::string Origin(const PullSite& s) { return s.origin.empty() ? "" : " (" + s.origin + ")"; }

// Results that already name a resource and field.
std::set<std::string> Named(const std::vector<krm::Result>& results) {
  std::set<std::string> out;
  for (const krm::Result& r : results) {
    if (r.severity == krm::Severity::Info || !r.resource || !r.field) continue;
    out.insert(r.resource->kind + "/" + r.resource->ns + "/" + r.resource->name + "#" + r.field->path);
  }
  return out;
}

// Why k8ssandra-operator's DEFAULT_REGISTRY does not send its defaults to
// the mirror (fn/operator_deployment.cc sets it when it can).
std::string NoDefaultRegistry(const std::vector<InventoryEntry>& entries, const Relocator& rules) {
  bool deployment = false;
  for (const InventoryEntry& e : entries)
    deployment = deployment || e.source.component == names::kK8ssandraOperatorName;
  const Config& cfg = rules.config();
  std::string why;
  bool can = DefaultRegistryValue(rules, why).has_value();
  if (!deployment)
    why = "the k8ssandra-operator Deployment is not in the input";
  else if (!cfg.targets.workloads)
    why = "targets leaves the operator Deployment (workloads) alone";
  else if (can)
    why = "";
  return why.empty() ? "" : "DEFAULT_REGISTRY is not set to the mirror because " + why + "; ";
}

}  // namespace

void ReportUnknowns(const std::vector<InventoryEntry>& entries, std::vector<krm::Result>& results) {
  std::set<std::string> named = Named(results);
  // One result per resource and reason: a lone K8ssandraCluster would
  // otherwise repeat one missing version for every component.
  std::map<std::pair<std::string, std::string>, std::pair<const InventoryEntry*, std::string>> unknown;
  std::vector<std::pair<std::string, std::string>> order;
  for (const InventoryEntry& e : entries) {
    const PullSite& t = e.target;
    const krm::ResourceRef& ref = e.source.ref;
    if (!t.field.empty() && named.count(ref.kind + "/" + ref.ns + "/" + ref.name + "#" + t.field)) continue;
    if (!t.unknown.empty()) {
      auto key = std::make_pair(ref.kind + "/" + ref.ns + "/" + ref.name, t.unknown);
      auto [it, fresh] = unknown.emplace(key, std::make_pair(&e, std::string()));
      if (fresh) order.push_back(key);
      std::string scope = e.source.resource.substr(std::min(e.source.resource.size(), ResourceLength(e.source)));
      it->second.second += (it->second.second.empty() ? "" : ", ") + e.source.component + scope;
    } else if (!t.fixed.empty()) {
      results.push_back(Finding(e, "pulls " + t.image + Origin(t) + "; " + t.fixed));
    }
  }
  for (const auto& key : order) {
    const auto& [e, what] = unknown[key];
    krm::Result r = krm::Result::Warning("images of " + e->source.resource.substr(0, ResourceLength(e->source)) +
                                         " cannot be known (" + what + "): " + key.second);
    results.push_back(std::move(r.about(e->source.ref)));
  }
}

void ReportEscapes(const std::vector<InventoryEntry>& entries, const Relocator& rules,
                   std::vector<krm::Result>& results) {
  std::set<std::string> named = Named(results);
  std::vector<krm::Result> found = results;
  ReportUnknowns(entries, found);
  found.erase(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(results.size()));
  for (const InventoryEntry& e : entries) {
    const PullSite& t = e.target;
    if (!t.unknown.empty() || !t.fixed.empty()) continue;
    ParsedRef p = ParseImageRef(t.written);
    if (p.ok && rules.onTarget(p.ref)) continue;
    const krm::ResourceRef& ref = e.source.ref;
    if (!t.field.empty() && named.count(ref.kind + "/" + ref.ns + "/" + ref.name + "#" + t.field)) continue;
    Decision d = p.ok ? rules.decide(p.ref) : Decision{};
    std::string advice = d.outcome == Outcome::Excluded ? "the config excludes it"
                         : t.default_registry           ? NoDefaultRegistry(entries, rules) + t.advice
                         : !t.advice.empty()            ? t.advice
                         : !t.field.empty()             ? "set " + t.field + " to an image on the mirror"
                                            : "relocate what decides it, or set the field that overrides it";
    found.push_back(Finding(e, "pulls " + t.image + " from outside the mirror" + Origin(t) + ": " + advice));
  }
  results.insert(results.end(), found.begin(), found.end());
}

}  // namespace fn
