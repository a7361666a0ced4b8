#include "fn/audit.h"

#include <map>
#include <memory>
#include <set>

#include "fn/additional_fields.h"
#include "fn/cluster_facts.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"

namespace fn {

std::vector<InventoryEntry> AuditInventory(const krm::ResourceList& rl, const krm::Patch* patch,
                                           const OperatorVersions& versions, const std::vector<FieldSpec>& additional) {
  ClusterFacts before_facts(rl, versions);
  if (!patch || patch->empty()) return PairSites(PullSites(rl, before_facts, additional), nullptr);
  // The output's sites first, its index dropped before the input's sites
  // are made: the two never take memory at once.
  std::vector<PullSite> after;
  {
    std::unique_ptr<krm::ResourceList> out = rl.edited(
        *patch, [&](const krm::Item& item) { return MayHoldPullSites(item) || HasAdditionalFields(item, additional); });
    // The output's operators are the input's unless an edit changed their
    // tags: what the input tells stays known when a digest replaced a tag.
    OperatorVersions known = versions;
    if (!known.cass_operator) known.cass_operator = before_facts.cassOperator().version;
    if (!known.k8ssandra_operator) known.k8ssandra_operator = before_facts.k8ssandraOperator().version;
    ClusterFacts after_facts(*out, known);
    after = PullSites(*out, after_facts, additional);
  }
  // The input's sites a range of resources at a time, each paired as it
  // comes: they never all exist apart from the entries.
  constexpr size_t kRange = 2000;
  SitePairer pairer(&after);
  std::vector<InventoryEntry> entries;
  entries.reserve(after.size());
  for (size_t first = 0, n = rl.resources().size(); first < n; first += kRange) {
    std::vector<PullSite> part = PullSites(rl, before_facts, additional, first, first + kRange);
    pairer.pair(part, entries);
  }
  return entries;
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

std::string ResourceKey(const krm::ResourceRef& ref) { return ref.kind + "/" + ref.ns + "/" + ref.name; }

// The warnings and errors that already name a resource and field.
std::set<std::string> Named(const std::vector<krm::Result>& results) {
  std::set<std::string> out;
  for (const krm::Result& r : results) {
    if (r.severity == krm::Severity::Info || !r.resource || !r.field) continue;
    out.insert(ResourceKey(*r.resource) + "#" + r.field->path);
  }
  return out;
}

// True when an earlier result already names the site's field.
bool AlreadyNamed(const std::set<std::string>& named, const InventoryEntry& e) {
  return !e.target.field.empty() && named.count(ResourceKey(e.source.ref) + "#" + e.target.field) > 0;
}

// Why k8ssandra-operator's DEFAULT_REGISTRY does not send its defaults to
// the mirror (fn/operator_deployment.cc sets it when it can).
std::string NoDefaultRegistry(const std::vector<InventoryEntry>& entries, const Relocator& rules) {
  bool deployment = false;
  for (const InventoryEntry& e : entries)
    deployment = deployment || e.source.component == names::kK8ssandraOperatorName;
  std::string why;
  if (!deployment)
    why = "the k8ssandra-operator Deployment is not in the input";
  else if (!rules.config().targets.workloads)
    why = "targets leaves the operator Deployment (workloads) alone";
  else if (DefaultRegistryValue(rules, why))
    return "";
  return "DEFAULT_REGISTRY is not set to the mirror because " + why + "; ";
}

}  // namespace

namespace {

// The unknown and unmovable sites no result in `named` covers, into `out`:
// one result per resource and reason for the unknown ones (a lone
// K8ssandraCluster would otherwise repeat one missing version for every
// component).
void Unknowns(const std::vector<InventoryEntry>& entries, const std::set<std::string>& named,
              std::vector<krm::Result>& out) {
  std::map<std::pair<std::string, std::string>, std::pair<const InventoryEntry*, std::string>> unknown;
  std::vector<std::pair<std::string, std::string>> order;
  for (const InventoryEntry& e : entries) {
    const PullSite& t = e.target;
    if (AlreadyNamed(named, e)) continue;
    if (!t.unknown.empty()) {
      auto key = std::make_pair(ResourceKey(e.source.ref), t.unknown);
      auto [it, fresh] = unknown.emplace(key, std::make_pair(&e, std::string()));
      if (fresh) order.push_back(key);
      std::string scope = e.source.resource.substr(ResourceLength(e.source));
      it->second.second += (it->second.second.empty() ? "" : ", ") + e.source.component + scope;
    } else if (!t.fixed.empty()) {
      out.push_back(Finding(e, "pulls " + t.image + Origin(t) + "; " + t.fixed));
    }
  }
  for (const auto& key : order) {
    const auto& [e, what] = unknown[key];
    krm::Result r = krm::Result::Warning("images of " + e->source.resource.substr(0, ResourceLength(e->source)) +
                                         " cannot be known (" + what + "): " + key.second);
    out.push_back(std::move(r.about(e->source.ref)));
  }
}

}  // namespace

void ReportUnknowns(const std::vector<InventoryEntry>& entries, std::vector<krm::Result>& results) {
  std::vector<krm::Result> found;
  Unknowns(entries, Named(results), found);
  results.insert(results.end(), found.begin(), found.end());
}

void ReportEscapes(const std::vector<InventoryEntry>& entries, const Relocator& rules,
                   std::vector<krm::Result>& results) {
  std::set<std::string> named = Named(results);
  std::vector<krm::Result> found;
  Unknowns(entries, named, found);
  for (const InventoryEntry& e : entries) {
    const PullSite& t = e.target;
    if (!t.unknown.empty() || !t.fixed.empty() || AlreadyNamed(named, e)) continue;
    ParsedRef p = ParseImageRef(t.written);
    if (p.ok && rules.onTarget(p.ref)) continue;
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
