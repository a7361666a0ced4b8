#include "fn/k8ssandra.h"

#include "fn/field_path.h"
#include "fn/names.h"
#include "fn/pull_secret.h"
#include "fn/relocate_string.h"
#include "fn/workloads.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Severity;
using krm::Value;

namespace {

class Walker {
 public:
  Walker(const ItemContext& ctx, const KnownImages& known)
      : ctx_(ctx), d_(ctx.doc()), known_(known), changes_at_start_(ctx.run().changes()) {}

  void str(NodeId parent, const std::string& dotted, const std::string& base) {
    RelocateString(ctx_, d_.at(parent, dotted), Field(base, dotted));
  }

  void structured(NodeId parent, const char* key, const std::string& base, const std::string& component) {
    RelocateStructured(ctx_, d_.get(parent, key), Field(base, key), component, known_);
  }

  // An ignored field: relocated all the same, with an info result.
  void ignored(NodeId parent, const char* key, const std::string& base, const char* since) {
    if (d_.isNull(d_.get(parent, key))) return;
    size_t before = ctx_.run().changes();
    structured(parent, key, base, "");
    if (ctx_.run().changes() == before) return;
    ctx_.report(
        Severity::Info, Field(base, key),
        std::string(key) + " is ignored by k8ssandra-operator since " + since + "; it was relocated all the same");
  }

  void containers(NodeId parent, const char* key, const std::string& base) {
    size_t i = 0;
    for (NodeId c : d_.items(d_.get(parent, key))) {
      std::string path = Indexed(Field(base, key), i++);
      if (!NeverPulled(ctx_, c, path)) RelocateString(ctx_, d_.get(c, "image"), Field(path, "image"));
    }
  }

  void telemetry(NodeId parent, const std::string& base) { str(parent, "telemetry.vector.image", base); }

  void mistake(NodeId parent, const char* wrong, const std::string& base, const std::string& meant) {
    if (d_.keyOf(parent, wrong) == krm::kNoNode) return;
    ctx_.report(Severity::Warning, Field(base, wrong),
                std::string(wrong) +
                    " is not a field here, so the API server drops or rejects it; it was left "
                    "unchanged: did you mean " +
                    meant + "?");
  }

  // DatacenterOptions: the same fields at cluster and datacenter level.
  void options(NodeId o, const std::string& base) {
    if (!d_.isMap(o)) return;
    str(o, "serverImage", base);
    str(o, "perNodeConfigInitContainerImage", base);
    telemetry(o, base);
    containers(o, "containers", base);
    containers(o, "initContainers", base);
    size_t i = 0;
    for (NodeId v : d_.items(d_.at(o, "extraVolumes.volumes")))
      str(v, "image.reference", Indexed(Field(base, "extraVolumes.volumes"), i++));
    i = 0;
    for (NodeId v : d_.items(d_.at(o, "storageConfig.additionalVolumes")))
      str(v, "volumeSource.image.reference", Indexed(Field(base, "storageConfig.additionalVolumes"), i++));
    ignored(o, "jmxInitContainerImage", base, "v1.5");
    mistake(o, "ServerImage", base, Field(base, "serverImage"));
    mistake(o, "JmxInitContainerImage", base, Field(base, "jmxInitContainerImage"));
  }

  void stargate(NodeId s, const std::string& base) {
    if (!d_.isMap(s)) return;
    structured(s, "containerImage", base, "");
    telemetry(s, base);
    size_t i = 0;
    for (NodeId rack : d_.items(d_.get(s, "racks"))) {
      std::string rb = Indexed(Field(base, "racks"), i++);
      structured(rack, "containerImage", rb, "");
      telemetry(rack, rb);
    }
  }

  void cluster() {
    NodeId spec = d_.get(ctx_.item().node, "spec");
    NodeId cass = d_.get(spec, "cassandra");
    options(cass, "spec.cassandra");
    size_t i = 0;
    for (NodeId dc : d_.items(d_.get(cass, "datacenters"))) {
      std::string base = Indexed("spec.cassandra.datacenters", i++);
      options(dc, base);
      stargate(d_.get(dc, "stargate"), Field(base, "stargate"));
      if (d_.keyOf(dc, "reaper") != krm::kNoNode)
        ctx_.report(Severity::Warning, Field(base, "reaper"),
                    "there is no datacenter-level reaper (removed in k8ssandra/k8ssandra-operator#322), so the API "
                    "server drops it; it was left unchanged: did you mean spec.reaper?");
    }
    NodeId reaper = d_.get(spec, "reaper");
    structured(reaper, "containerImage", "spec.reaper", "reaper");
    ignored(reaper, "initContainerImage", "spec.reaper", "v1.15");
    telemetry(reaper, "spec.reaper");
    structured(d_.get(spec, "medusa"), "containerImage", "spec.medusa", "medusa");
    stargate(d_.get(spec, "stargate"), "spec.stargate");
    mistake(spec, "serverImage", "spec", "spec.cassandra.serverImage");
    mistake(spec, "jmxInitContainerImage", "spec", "spec.cassandra.jmxInitContainerImage");
  }

  void datacenter() {
    NodeId spec = d_.get(ctx_.item().node, "spec");
    str(spec, "serverImage", "spec");
    str(spec, "configBuilderImage", "spec");
    str(spec, "systemLoggerImage", "spec");
    NodeId pod = d_.at(spec, "podTemplateSpec.spec");
    bool mirrored = RewritePodSpec(ctx_, pod, "spec.podTemplateSpec.spec");
    // The Cassandra pod pulls every image above: give it the secret even
    // when no podTemplateSpec was written.
    const Config& cfg = ctx_.config();
    if (mirrored || cfg.pull_secret.empty() || !d_.isMap(spec) || ctx_.run().changes() == changes_at_start_) return;
    // Every CassandraDatacenter CRD (cass-operator v1.8.0 on) requires
    // containers in podTemplateSpec.spec: an empty list goes with a new one.
    if (d_.get(pod, "containers") == krm::kNoNode && d_.get(pod, "imagePullSecrets") == krm::kNoNode) {
      krm::Value ref = krm::Value::Map({{"name", krm::Value::String(cfg.pull_secret)}});
      if (ctx_.editor().setPaths(spec, {{{"podTemplateSpec", "spec", "containers"}, krm::Value::List({})},
                                        {{"podTemplateSpec", "spec", "imagePullSecrets"}, krm::Value::List({ref})}}))
        ctx_.report(Severity::Info, "spec.podTemplateSpec.spec.imagePullSecrets",
                    "added pull secret " + cfg.pull_secret + " (with containers: [], which the CRD requires there)");
      return;
    }
    if (EnsureSecret(ctx_.editor(), spec, {"podTemplateSpec", "spec", "imagePullSecrets"}, SecretList::Refs,
                     cfg.pull_secret))
      ctx_.report(Severity::Info, "spec.podTemplateSpec.spec.imagePullSecrets", "added pull secret " + cfg.pull_secret);
  }

  void reaper() {
    NodeId spec = d_.get(ctx_.item().node, "spec");
    structured(spec, "containerImage", "spec", "reaper");
    ignored(spec, "initContainerImage", "spec", "v1.15");
    telemetry(spec, "spec");
  }

 private:
  const ItemContext& ctx_;
  const Document& d_;
  const KnownImages& known_;
  size_t changes_at_start_;
};

}  // namespace

bool IsK8ssandraKind(const krm::Item& item) {
  std::string g = item.group();
  return (g == names::kK8ssandraGroup && item.kind == names::kK8ssandraCluster) ||
         (g == names::kCassandraGroup && item.kind == names::kCassandraDatacenter) ||
         (g == names::kReaperGroup && item.kind == names::kReaper) ||
         (g == names::kStargateGroup && item.kind == names::kStargate);
}

void RewriteK8ssandra(const ItemContext& ctx, const KnownImages& known) {
  Walker w(ctx, known);
  const std::string& kind = ctx.item().kind;
  if (kind == names::kK8ssandraCluster) {
    w.cluster();
  } else if (kind == names::kCassandraDatacenter) {
    w.datacenter();
  } else if (kind == names::kReaper) {
    w.reaper();
  } else if (kind == names::kStargate) {
    w.stargate(ctx.doc().get(ctx.item().node, "spec"), "spec");
  }
}

}  // namespace fn
