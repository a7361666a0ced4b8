#include "fn/k8ssandra.h"

#include "fn/names.h"
#include "fn/workloads.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Severity;
using krm::Value;

namespace {

class Walker {
 public:
  Walker(Reporter& rep, const krm::Item& item, const Document& d, krm::Editor& ed, const ComponentImages& known)
      : rep_(rep), item_(item), d_(d), ed_(ed), known_(known) {}

  void str(NodeId parent, const std::string& dotted, const std::string& base) {
    RelocateString(rep_, item_, d_, ed_, d_.at(parent, dotted), Field(base, dotted));
  }

  void structured(NodeId parent, const char* key, const std::string& base, const std::string& component) {
    RelocateStructured(rep_, item_, d_, ed_, d_.get(parent, key), Field(base, key), component, known_);
  }

  // An ignored field: relocated all the same, with an info result.
  void ignored(NodeId parent, const char* key, const std::string& base, const char* since) {
    NodeId n = d_.get(parent, key);
    if (d_.isNull(n)) return;
    size_t before = rep_.changes();
    structured(parent, key, base, "");
    if (rep_.changes() == before) return;
    rep_.add(Severity::Info, item_, Field(base, key),
             std::string(key) + " is ignored by k8ssandra-operator since " + since +
                 "; it was relocated all the same");
  }

  void containers(NodeId parent, const char* key, const std::string& base) {
    size_t i = 0;
    for (NodeId c : d_.items(d_.get(parent, key)))
      RelocateString(rep_, item_, d_, ed_, d_.get(c, "image"), Field(Indexed(Field(base, key), i++), "image"));
  }

  void telemetry(NodeId parent, const std::string& base) { str(parent, "telemetry.vector.image", base); }

  void mistake(NodeId parent, const char* wrong, const std::string& base, const std::string& meant) {
    if (d_.keyOf(parent, wrong) == krm::kNoNode) return;
    rep_.add(Severity::Warning, item_, Field(base, wrong),
             std::string(wrong) + " is not a field here, so the API server drops or rejects it; it was left "
             "unchanged: did you mean " + meant + "?");
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
    NodeId spec = d_.get(item_.node, "spec");
    NodeId cass = d_.get(spec, "cassandra");
    options(cass, "spec.cassandra");
    size_t i = 0;
    for (NodeId dc : d_.items(d_.get(cass, "datacenters"))) {
      std::string base = Indexed("spec.cassandra.datacenters", i++);
      options(dc, base);
      stargate(d_.get(dc, "stargate"), Field(base, "stargate"));
      if (d_.keyOf(dc, "reaper") != krm::kNoNode)
        rep_.add(Severity::Warning, item_, Field(base, "reaper"),
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
    NodeId spec = d_.get(item_.node, "spec");
    str(spec, "serverImage", "spec");
    str(spec, "configBuilderImage", "spec");
    str(spec, "systemLoggerImage", "spec");
    NodeId pod = d_.at(spec, "podTemplateSpec.spec");
    bool mirrored = RewritePodSpec(rep_, item_, d_, ed_, pod, "spec.podTemplateSpec.spec");
    // The Cassandra pod pulls every image above: give it the secret even
    // when no podTemplateSpec was written.
    const Config& cfg = rep_.config();
    if (!mirrored && !cfg.pull_secret.empty() && d_.isMap(spec) && rep_.changes() > changes_at_start_) {
      NodeId secrets = d_.get(pod, "imagePullSecrets");
      bool present = false;
      for (NodeId s : d_.items(secrets)) present = present || d_.str(s, "name") == cfg.pull_secret;
      if (!present && ed_.setPath(spec, {"podTemplateSpec", "spec", "imagePullSecrets"},
                                  Value::List({Value::Map({{"name", Value::String(cfg.pull_secret)}})})))
        rep_.add(Severity::Info, item_, "spec.podTemplateSpec.spec.imagePullSecrets",
                 "added pull secret " + cfg.pull_secret);
    }
  }

  void reaper() {
    NodeId spec = d_.get(item_.node, "spec");
    structured(spec, "containerImage", "spec", "reaper");
    ignored(spec, "initContainerImage", "spec", "v1.15");
    telemetry(spec, "spec");
  }

  void start() { changes_at_start_ = rep_.changes(); }

 private:
  Reporter& rep_;
  const krm::Item& item_;
  const Document& d_;
  krm::Editor& ed_;
  const ComponentImages& known_;
  size_t changes_at_start_ = 0;
};

// Walks a kustomize-style field path ("spec/list[]/image") to its strings.
void WalkPath(Reporter& rep, const krm::Item& item, const Document& d, krm::Editor& ed, NodeId at,
              const std::string& rest, const std::string& field) {
  if (rest.empty()) {
    RelocateString(rep, item, d, ed, at, field);
    return;
  }
  size_t slash = rest.find('/');
  std::string seg = rest.substr(0, slash);
  std::string next = slash == std::string::npos ? "" : rest.substr(slash + 1);
  bool list = seg.size() > 2 && seg.compare(seg.size() - 2, 2, "[]") == 0;
  if (list) seg.resize(seg.size() - 2);
  NodeId child = d.get(at, seg);
  if (!list) {
    WalkPath(rep, item, d, ed, child, next, Field(field, seg));
    return;
  }
  size_t i = 0;
  for (NodeId c : d.items(child)) WalkPath(rep, item, d, ed, c, next, Indexed(Field(field, seg), i++));
}

}  // namespace

bool IsK8ssandraKind(const krm::Item& item) {
  std::string g = item.group();
  return (g == names::kK8ssandraGroup && item.kind == names::kK8ssandraCluster) ||
         (g == names::kCassandraGroup && item.kind == names::kCassandraDatacenter) ||
         (g == names::kReaperGroup && item.kind == names::kReaper) ||
         (g == names::kStargateGroup && item.kind == names::kStargate);
}

void RewriteK8ssandra(Reporter& rep, const krm::Item& item, const Document& d, krm::Editor& ed,
                      const ComponentImages& known) {
  Walker w(rep, item, d, ed, known);
  w.start();
  if (item.kind == names::kK8ssandraCluster) {
    w.cluster();
  } else if (item.kind == names::kCassandraDatacenter) {
    w.datacenter();
  } else if (item.kind == names::kReaper) {
    w.reaper();
  } else if (item.kind == names::kStargate) {
    w.stargate(d.get(item.node, "spec"), "spec");
  }
}

void RewriteAdditionalFields(Reporter& rep, const krm::Item& item, const Document& d, krm::Editor& ed) {
  std::string version = item.api_version.substr(item.api_version.find('/') + 1);
  for (const FieldSpec& f : rep.config().additional_fields) {
    if (f.kind != item.kind) continue;
    if (!f.group.empty() && f.group != item.group()) continue;
    if (!f.version.empty() && f.version != version) continue;
    WalkPath(rep, item, d, ed, item.node, f.path, "");
  }
}

}  // namespace fn
