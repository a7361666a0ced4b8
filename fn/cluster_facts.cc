#include "fn/cluster_facts.h"

#include "fn/field_path.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"

namespace fn {

using krm::Document;
using krm::NodeId;

std::string ResourceName(const krm::Item& item) {
  return item.kind + "/" + (item.ns.empty() ? "" : item.ns + "/") + item.name;
}

ClusterFacts::ClusterFacts(const krm::ResourceList& rl, const OperatorVersions& configured)
    : resources_(rl.resources()) {
  readDeployments(rl);
  if (!co_.version && configured.cass_operator) co_ = {configured.cass_operator, "config operatorVersions"};
  if (!ko_.version && configured.k8ssandra_operator) ko_ = {configured.k8ssandra_operator, "config operatorVersions"};
  if (ko_.version) ko_row_ = FindKoRelease(*ko_.version);
  // k8ssandra-operator deploys a known cass-operator.
  if (!co_.version && ko_row_ && *ko_row_->cass_operator)
    co_ = {Version::Parse(ko_row_->cass_operator), "deployed by " + Provenance(*ko_row_)};
  chooseImageConfig(rl);
}

// The operators' versions from their image tags, and DEFAULT_REGISTRY.
void ClusterFacts::readDeployments(const krm::ResourceList& rl) {
  const Document& d = rl.doc();
  for (const krm::Item& item : resources_) {
    if (rl.isReserved(item)) continue;
    OperatorContainer oc = WhichOperator(d, item);
    if (oc.op == Operator::None) continue;
    ParsedRef p = ParseImageRef(d.str(oc.container, "image"));
    KnownVersion& kv = oc.op == Operator::CassOperator ? co_ : ko_;
    if (p.ok && !kv.version) {
      kv.version = Version::Parse(p.ref.tag);
      if (kv.version) kv.from = "image tag of " + ResourceName(item);
    }
    if (oc.op != Operator::K8ssandraOperator) continue;
    ko_present_ = true;
    size_t i = 0;
    for (NodeId e : d.items(d.get(oc.container, "env"))) {
      if (d.str(e, "name") == names::kEnvDefaultRegistry && !d.str(e, "value").empty()) {
        default_registry_ = std::string(d.str(e, "value"));
        default_registry_from_ = ResourceName(item) + " " +
                                 Field(Indexed("spec.template.spec.containers", oc.index), Indexed("env", i)) + " " +
                                 names::kEnvDefaultRegistry;
      }
      ++i;
    }
  }
}

void ClusterFacts::chooseImageConfig(const krm::ResourceList& rl) {
  const ImageConfigResolver* v1 = nullptr;
  const ImageConfigResolver* v2 = nullptr;
  for (const krm::Item& item : resources_) {
    if (rl.isReserved(item)) continue;
    std::unique_ptr<ImageConfigMap> m = ImageConfigMap::Read(rl.doc(), item);
    if (!m || m->root() == krm::kNoNode) continue;
    std::string version = m->version();
    if (version != names::kImageConfigV1beta1 && version != names::kImageConfigV1beta2) continue;
    std::string where = std::string(names::kConfigMap) + "/" + item.name + " data." + names::kImageConfigKey;
    resolvers_.push_back(std::make_unique<ImageConfigResolver>(*m->inner(), m->root(), where));
    resolvers_.back()->setCassOperator(co_.version);
    const ImageConfigResolver*& slot = resolvers_.back()->v1beta2() ? v2 : v1;
    if (!slot) slot = resolvers_.back().get();
    maps_.push_back(std::move(m));
  }
  const std::optional<Version>& co = co_.version;
  if (co && !co->atLeast(1, 27))
    config_ = v1;
  else if (co && co->atLeast(1, 29))
    config_ = v2;
  else
    config_ = v2 ? v2 : v1;
  // None in the input (not one in another format): the one the release ships.
  const CoRelease* row = co ? FindCoRelease(*co) : nullptr;
  if (config_ || v1 || v2 || !row) return;
  shipped_text_ = row->image_config;
  shipped_doc_ = std::make_unique<Document>(Document::ParseYaml(shipped_text_));
  resolvers_.push_back(std::make_unique<ImageConfigResolver>(*shipped_doc_, shipped_doc_->roots()[0],
                                                             "the image config shipped with " + Provenance(*row)));
  resolvers_.back()->setCassOperator(co_.version);
  config_ = resolvers_.back().get();
}

std::string ClusterFacts::noImageConfig() const {
  if (config_) return "";
  if (!co_.version)
    return "the input holds no image config and the cass-operator version is unknown (add the cass-operator "
           "Deployment, or set operatorVersions.cassOperator)";
  if (!FindCoRelease(*co_.version))
    return "the input holds no image config, and cass-operator " + co_.version->text() +
           " is not in the table of releases (" + CoTableRange() + ")";
  return "the input holds no image config in the format cass-operator " + co_.version->text() + " reads";
}

}  // namespace fn
