#include "fn/audit.h"

#include <algorithm>
#include <memory>

#include "fn/additional_fields.h"
#include "fn/cluster_facts.h"
#include "fn/image_config.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"

namespace fn {
namespace {

size_t g_part_items = kAuditPartItems;

bool NamesOperator(const std::string& text) {
  return text.find(names::kCassOperatorName) != std::string::npos ||
         text.find(names::kK8ssandraOperatorName) != std::string::npos;
}

// True for an item of the input whose output may tell an operator fact
// (ClusterFacts): an image config, or a Deployment that runs an operator in
// the input or that an edit gives an operator's image. `edits` is the
// patch in order.
bool MayTellFacts(const krm::ResourceList& rl, const std::vector<const krm::Edit*>& edits, const krm::Item& item) {
  if (rl.isReserved(item)) return false;
  const krm::Document& d = rl.doc();
  if (ImageConfigMap::Read(d, item)) return true;
  if (item.kind != names::kDeployment || item.group() != names::kAppsGroup) return false;
  if (WhichOperator(d, item).op != Operator::None) return true;
  const krm::Node& n = d.node(item.node);
  auto it = std::lower_bound(edits.begin(), edits.end(), size_t{n.begin},
                             [](const krm::Edit* e, size_t at) { return e->begin < at; });
  for (; it != edits.end() && (*it)->begin <= n.end; ++it)
    if (NamesOperator((*it)->text)) return true;
  return false;
}

// The output's facts: those of the input unless an edit changed them (an
// operator's tag): what the input tells stays known when a digest
// replaced a tag.
OperatorVersions OutputVersions(const OperatorVersions& versions, const ClusterFacts& before) {
  OperatorVersions known = versions;
  if (!known.cass_operator) known.cass_operator = before.cassOperator().version;
  if (!known.k8ssandra_operator) known.k8ssandra_operator = before.k8ssandraOperator().version;
  return known;
}

}  // namespace

size_t AuditPartItems() { return g_part_items; }
void SetAuditPartItems(size_t items) { g_part_items = std::max<size_t>(items, 1); }

void AuditInParts(const krm::ResourceList& rl, const krm::Patch* patch, const OperatorVersions& versions,
                  const std::vector<FieldSpec>& additional, const InventoryPart& take) {
  ClusterFacts before_facts(rl, versions);
  const std::vector<krm::Item>& items = rl.items();
  bool edited = patch && !patch->empty();
  // Parts of items need resources that are the items (no v1 List), and an
  // output that can be read back a part at a time.
  bool parts = &rl.resources() == &items && (!edited || rl.cutIntoItems()) && items.size() > AuditPartItems();
  size_t step = parts ? AuditPartItems() : std::max<size_t>(rl.resources().size(), 1);
  if (!edited) {
    for (size_t first = 0; first < rl.resources().size(); first += step) {
      std::vector<InventoryEntry> entries =
          PairSites(PullSites(rl, before_facts, additional, first, first + step), nullptr);
      take(entries);
    }
    return;
  }
  auto holds = [&](const krm::Item& item) { return MayHoldPullSites(item) || HasAdditionalFields(item, additional); };
  // In parts, the output's facts from the items that can tell them, read
  // first and kept; in one part, from the output's part itself.
  std::unique_ptr<krm::ResourceList> facts_list;
  std::unique_ptr<ClusterFacts> after_facts;
  std::vector<const krm::Edit*> edits = patch->sorted();  // once, for the facts and every part
  std::shared_ptr<const krm::EditPlacement> placed = rl.placeEdits(edits);
  if (parts) {
    facts_list = rl.edited(*patch, *placed, [&](const krm::Item& item) { return MayTellFacts(rl, edits, item); });
    after_facts = std::make_unique<ClusterFacts>(*facts_list, OutputVersions(versions, before_facts));
  }
  for (size_t first = 0; first < rl.resources().size(); first += step) {
    size_t last = first + step;
    // The output's sites first, its index dropped before the input's sites
    // are made: the two never take memory at once.
    std::vector<PullSite> after;
    {
      // In parts, the part's items (the resources are the items); in one,
      // all of them (a v1 List's members are not items).
      std::unique_ptr<krm::ResourceList> out = rl.edited(*patch, *placed, [&](const krm::Item& item) {
        size_t i = static_cast<size_t>(&item - items.data());
        return (!parts || (i >= first && i < last)) && holds(item);
      });
      if (parts) {
        after = PullSites(*out, *after_facts, additional);
      } else {
        ClusterFacts facts(*out, OutputVersions(versions, before_facts));
        after = PullSites(*out, facts, additional);
      }
    }
    std::vector<InventoryEntry> entries = PairSites(PullSites(rl, before_facts, additional, first, last), &after);
    take(entries);
  }
}

std::vector<InventoryEntry> AuditInventory(const krm::ResourceList& rl, const krm::Patch* patch,
                                           const OperatorVersions& versions, const std::vector<FieldSpec>& additional) {
  std::vector<InventoryEntry> all;
  AuditInParts(rl, patch, versions, additional, [&](std::vector<InventoryEntry>& part) {
    if (all.empty()) {
      all = std::move(part);
    } else {
      all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
  });
  return all;
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

// Why k8ssandra-operator's DEFAULT_REGISTRY does not send its defaults to
// the mirror (fn/operator_deployment.cc sets it when it can).
std::string NoDefaultRegistry(bool deployment, const Relocator& rules) {
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

Findings::Findings(const Relocator* rules, const std::vector<krm::Result>& earlier) : rules_(rules) {
  for (const krm::Result& r : earlier) name(r);
}

void Findings::name(const krm::Result& r) {
  if (r.severity == krm::Severity::Info || !r.resource || !r.field) return;
  named_.insert(ResourceKey(*r.resource) + "#" + r.field->path);
}

bool Findings::named(const InventoryEntry& e) const {
  return !e.target.field.empty() && named_.count(ResourceKey(e.source.ref) + "#" + e.target.field) > 0;
}

void Findings::add(const std::vector<InventoryEntry>& part) {
  for (const InventoryEntry& e : part) {
    const PullSite& t = e.target;
    operator_site_ = operator_site_ || e.source.component == names::kK8ssandraOperatorName;
    if (named(e)) continue;
    if (!t.unknown.empty()) {
      // One result per resource and reason: a lone K8ssandraCluster would
      // otherwise repeat one missing version for every component.
      auto [reason, new_reason] = reason_ids_.try_emplace(t.unknown, reasons_.size());
      if (new_reason) reasons_.push_back(t.unknown);
      auto [it, fresh] =
          unknown_at_.emplace(std::make_pair(ResourceKey(e.source.ref), reason->second), unknowns_.size());
      if (fresh)
        unknowns_.push_back({reason->second, e.source.resource.substr(0, ResourceLength(e.source)), e.source.ref, ""});
      std::string& what = unknowns_[it->second].what;
      what += (what.empty() ? "" : ", ") + e.source.component + e.source.resource.substr(ResourceLength(e.source));
      continue;
    }
    if (!t.fixed.empty()) {
      fixed_.push_back(Finding(e, "pulls " + t.image + Origin(t) + "; " + t.fixed));
      continue;
    }
    if (!rules_) continue;
    ParsedRef p = ParseImageRef(t.written);
    if (p.ok && rules_->onTarget(p.ref)) continue;
    Decision d = p.ok ? rules_->decide(p.ref) : Decision{};
    bool registry = d.outcome != Outcome::Excluded && t.default_registry;
    std::string advice = d.outcome == Outcome::Excluded ? "the config excludes it"
                         : !t.advice.empty()            ? t.advice
                         : registry                     ? ""
                         : !t.field.empty()             ? "set " + t.field + " to an image on the mirror"
                                            : "relocate what decides it, or set the field that overrides it";
    Escape esc{Finding(e, "pulls " + t.image + " from outside the mirror" + Origin(t) + ": " + advice)};
    if (registry) esc.registry_at = esc.result.message.size() - advice.size();
    escapes_.push_back(std::move(esc));
  }
}

void Findings::finish(std::vector<krm::Result>& results) {
  results.insert(results.end(), fixed_.begin(), fixed_.end());
  for (const Unknown& u : unknowns_) {
    krm::Result r =
        krm::Result::Warning("images of " + u.resource + " cannot be known (" + u.what + "): " + reasons_[u.reason]);
    results.push_back(std::move(r.about(u.ref)));
  }
  std::string registry;
  bool asked = false;
  for (Escape& esc : escapes_) {
    if (esc.registry_at != std::string::npos) {
      if (!asked) registry = NoDefaultRegistry(operator_site_, *rules_);
      asked = true;
      esc.result.message.insert(esc.registry_at, registry);
    }
    results.push_back(std::move(esc.result));
  }
}

}  // namespace fn
