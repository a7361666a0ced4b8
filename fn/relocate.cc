#include "fn/relocate.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "fn/additional_fields.h"
#include "fn/audit.h"
#include "fn/cluster_facts.h"
#include "fn/config.h"
#include "fn/custom_sites.h"
#include "fn/image_config.h"
#include "fn/image_list.h"
#include "fn/k8ssandra.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"
#include "fn/rollout.h"
#include "fn/workloads.h"
#include "krm/editor.h"
#include "krm/function_config.h"

namespace fn {
namespace {

// Everything so far names an image left where it was, or a config mistake:
// with strict, each becomes an error.
void MakeStrict(std::vector<krm::Result>& results) {
  for (krm::Result& r : results) {
    if (r.severity != krm::Severity::Warning) continue;
    r.severity = krm::Severity::Error;
    r.message = "strict: " + r.message;
  }
}

// One item other than an image config, through every enabled family.
void RewriteItem(RunContext& run, const krm::Item& item, krm::Editor& ed, const KnownImages& known,
                 const ImageConfigChange& change) {
  const Config& cfg = run.config();
  ItemContext ctx(run, item, ed);
  std::string path;
  krm::NodeId pod = WorkloadPodSpec(ed.doc(), item, path);
  if (cfg.targets.workloads && pod != krm::kNoNode) {
    RewriteOperatorDeployment(ctx, change);
    RewritePodSpec(ctx, pod, path);
  }
  if (cfg.targets.k8ssandra && IsK8ssandraKind(item)) RewriteK8ssandra(ctx, known);
  // A kind this function does not know, whose pod specs are found by shape
  // (unless additionalImageFields names its kind: its fields are then the config's word).
  if (cfg.targets.workloads && pod == krm::kNoNode && !NamesKind(item, cfg.additional_fields)) {
    for (const FoundPodSpec& f : PodSpecsByShape(ed.doc(), item)) {
      ctx.report(krm::Severity::Info, f.path,
                 "a pod spec found by its shape (a containers list) in " + item.kind +
                     ", a kind this function does not know: its images are handled as a workload's");
      RewritePodSpec(ctx, f.spec, f.path);
    }
  }
  RewriteAdditionalFields(ctx);
}

// The config's operator versions, with `fallback`'s where it sets none.
OperatorVersions WithFallback(OperatorVersions versions, const OperatorVersions& fallback) {
  if (!versions.cass_operator) versions.cass_operator = fallback.cass_operator;
  if (!versions.k8ssandra_operator) versions.k8ssandra_operator = fallback.k8ssandra_operator;
  return versions;
}

// What one pass over the inventory gathers, a part at a time.
struct Audit {
  std::vector<CustomMiss> misses;
  std::vector<krm::Result> results;  // the misses', then the findings
  ImagePairs known;                  // what to copy onto the mirror
  std::vector<Rollout> rollouts;
};

// The inventory of the edited output, each part's custom-image misses and
// findings made (a site a miss names is not named again), its upstreams
// set, its pairs and rollouts gathered, and then the part dropped (or moved
// to `keep`).
Audit AuditPass(const krm::ResourceList& rl, const krm::Patch& patch, const Relocator& rules,
                const OperatorVersions& versions, const std::vector<krm::Result>& earlier,
                std::vector<InventoryEntry>* keep) {
  const Config& cfg = rules.config();
  Audit a;
  // With images alone there is no mirror to escape.
  Findings findings(cfg.registry || !cfg.rules.empty() ? &rules : nullptr, earlier);
  AuditInParts(rl, &patch, versions, cfg.additional_fields, [&](std::vector<InventoryEntry>& part) {
    std::vector<CustomMiss> misses = CustomMisses(part, rules);
    size_t named = a.results.size();
    ReportCustomMisses(misses, rl.resources(), rl.doc(), a.results);
    for (size_t i = named; i < a.results.size(); ++i) findings.name(a.results[i]);
    a.misses.insert(a.misses.end(), std::make_move_iterator(misses.begin()), std::make_move_iterator(misses.end()));
    SetUpstreams(part, rules);
    findings.add(part);
    AddKnownPairs(part, a.known);
    ImageConfigRollouts(part, a.rollouts);
    if (keep) keep->insert(keep->end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  });
  findings.finish(a.results);
  return a;
}

// Every image the cluster will pull after the edits: custom images made
// explicit where no field named them, then one result for each image that
// still comes from outside the mirror, or cannot be known. False when
// there is no output to read back (the run reports why).
bool AuditOutput(const krm::ResourceList& rl, krm::Patch& patch, RunContext& run, krm::Editor& ed,
                 const OperatorVersions& fallback, std::vector<Rollout>& rollouts,
                 std::vector<InventoryEntry>* inventory) {
  if (patch.conflicts()) return false;  // the run reports it; there is no output to read
  const Relocator& rules = run.rules();
  std::vector<krm::Result>& results = run.results();
  try {
    OperatorVersions versions = WithFallback(rules.config().operator_versions, fallback);
    std::vector<InventoryEntry> entries;
    std::vector<InventoryEntry>* keep = inventory ? &entries : nullptr;
    Audit a = AuditPass(rl, patch, rules, versions, results, keep);
    if (MakeExplicit(a.misses, rl.resources(), run, ed) > 0) {
      // What the new fields make of the sites: the whole audit again.
      if (patch.conflicts()) return false;
      entries.clear();
      a = AuditPass(rl, patch, rules, versions, results, keep);
    }
    results.insert(results.end(), std::make_move_iterator(a.results.begin()), std::make_move_iterator(a.results.end()));
    const std::string& list = rules.config().image_list;
    if (!list.empty()) WriteImageList(rl, patch, list, a.known, results);
    rollouts = std::move(a.rollouts);
    if (inventory) *inventory = std::move(entries);
    return true;
  } catch (const krm::InputError&) {
    // Output that does not read back is the output check's to report.
  } catch (const krm::ParseError&) {
  }
  return false;
}

// An images entry no image met: a typo in its name must not pass silently.
void ReportUnusedImages(const Relocator& rules, const krm::FunctionConfig& fc, std::vector<krm::Result>& results) {
  const std::vector<ImageOverride>& all = rules.config().images;
  for (size_t i = 0; i < all.size(); ++i) {
    if (rules.customUsed()[i]) continue;
    krm::Result r = krm::Result::Warning("images entry " + all[i].text() +
                                         " matched no image (names are matched "
                                         "normalized: " +
                                         all[i].pattern + ")");
    r.about(fc.ref()).at(all[i].field, all[i].name);
    results.push_back(std::move(r));
  }
}

}  // namespace

void Relocate(const krm::ResourceList& rl, krm::Patch& patch, std::vector<krm::Result>& results) {
  RelocateWithVersions(rl, patch, results, OperatorVersions{}, nullptr);
  krm::GroupInfo(results, names::kMaxChangeResults);
}

bool RelocateWithVersions(const krm::ResourceList& rl, krm::Patch& patch, std::vector<krm::Result>& results,
                          const OperatorVersions& fallback, std::vector<InventoryEntry>* inventory) {
  krm::FunctionConfig fc = krm::FunctionConfig::Read(rl.configDoc(), rl.functionConfig(), Schema(), results);
  std::optional<Config> cfg = ReadConfig(fc, results);
  if (!cfg) return false;
  Relocator rules(*cfg);
  RunContext run(rl, rules, results);
  const krm::Document& d = rl.doc();
  krm::Editor ed(d, patch, rl.source().eol());

  // The image configs first: partial structured images are completed from
  // them, and the operator Deployments need the final config's hash.
  std::vector<std::unique_ptr<ImageConfigMap>> configs;
  std::vector<const krm::Item*> others;
  const std::vector<krm::Item>& resources = rl.resources();  // v1 Lists' members in place of the List
  for (const krm::Item& item : resources) {
    if (rl.isReserved(item) || item.kind == names::kCrd) continue;
    std::unique_ptr<ImageConfigMap> ic = ImageConfigMap::Read(d, item);
    if (ic) {
      configs.push_back(std::move(ic));
    } else {
      others.push_back(&item);
    }
  }
  // The cass-operator version decides the v1beta1 built-ins.
  OperatorVersions versions = WithFallback(cfg->operator_versions, fallback);
  bool v1beta1 = std::any_of(configs.begin(), configs.end(),
                             [](const auto& ic) { return ic->version() == names::kImageConfigV1beta1; }) ||
                 std::any_of(others.begin(), others.end(), [](const krm::Item* item) {
                   return IsStandaloneImageConfig(*item) && item->api_version == names::kImageConfigV1beta1;
                 });
  if (v1beta1) run.setCassOperator(ClusterFacts(rl, versions).cassOperator().version);
  KnownImages known;
  ImageConfigChange change;
  for (const auto& ic : configs) {
    CollectKnownImages(*ic, known);
    if (cfg->targets.image_config) RewriteImageConfig(run, *ic, patch, rl.source().eol(), change);
  }
  std::vector<Rollout> rollouts;
  for (const krm::Item* item : others) {
    if (IsStandaloneImageConfig(*item)) {
      if (cfg->targets.image_config) RewriteStandaloneImageConfig(run, *item, ed, change);
      continue;
    }
    if (IsK8ssandraKind(*item) && (item->kind == names::kK8ssandraCluster || item->kind == names::kCassandraDatacenter))
      rollouts.push_back({item->ref(), "", false});
    RewriteItem(run, *item, ed, known, change);
  }
  std::vector<Rollout> audited;
  bool read_back = AuditOutput(rl, patch, run, ed, fallback, audited, inventory);
  ReportUnusedImages(rules, fc, results);
  std::optional<Version> cass_operator = run.cassOperator();
  if (read_back) rollouts = std::move(audited);
  if (change.changed && !rollouts.empty()) {
    if (!cass_operator) cass_operator = ClusterFacts(rl, versions).cassOperator().version;
    AnnotateAutoUpdate(run, ed, resources, rollouts);
  }
  if (cfg->strict) MakeStrict(results);
  AdviseRestart(change, rollouts, cass_operator, results);
  return read_back;
}

}  // namespace fn
