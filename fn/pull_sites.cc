#include "fn/pull_sites.h"

#include "fn/field_path.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"
#include "fn/pull_sites_internal.h"
#include "fn/workloads.h"

namespace fn {

using krm::Document;
using krm::NodeId;

namespace pull_sites {

PullSite& Builder::add(const std::string& scope, const std::string& component, const std::string& written,
                       const std::string& origin, const std::string& field, const std::string& why) {
  PullSite s;
  s.component = component;
  s.resource = ResourceName(item) + (scope.empty() ? "" : " " + scope);
  s.written = written;
  s.origin = origin;
  s.ref = item.ref();
  s.field = field;
  if (written.empty()) {
    s.unknown = why.empty() ? "no image" : why;
  } else {
    ParsedRef p = ParseImageRef(written);
    if (p.ok) {
      s.image = p.ref.normalized();
    } else {
      s.unknown = "not an image reference (" + p.error + ")";
    }
  }
  out_.push_back(std::move(s));
  return out_.back();
}

PullSite& Builder::add(const std::string& scope, const std::string& component, const Composed& c) {
  PullSite& s = add(scope, component, c.image, c.origin, "", c.why);
  if (facts.imageConfigShipped() && c.origin.rfind(facts.imageConfig()->where(), 0) == 0)
    s.advice =
        "the image config is not in the input, so it was not relocated: render cass-operator's image config "
        "ConfigMap with the rest";
  return s;
}

void ReadContainers(const Document& d, NodeId list, const std::string& path, Containers& out) {
  size_t i = 0;
  for (NodeId c : d.items(list)) {
    std::string field = Field(Indexed(path, i++), "image");
    std::string name(d.str(c, "name"));
    if (d.isScalar(d.get(c, "image"))) out[name] = {std::string(d.str(c, "image")), field};
  }
}

Composed FromImageConfig(const ClusterFacts& facts, const std::string& component) {
  if (const ImageConfigResolver* ic = facts.imageConfig()) return ic->image(component);
  Composed c;
  c.why = facts.noImageConfig();
  return c;
}

bool MergeStructured(const Document& d, NodeId obj, ImageName& base, bool crd_tag_default) {
  if (!d.isMap(obj)) return false;
  auto take = [&](const char* key, std::string& into) {
    std::string v(d.str(obj, key));
    if (!v.empty()) into = v;
  };
  take("registry", base.registry);
  take("repository", base.repository);
  take("name", base.name);
  if (d.str(obj, "tag").empty() && crd_tag_default) {
    base.tag = "latest";
  } else {
    take("tag", base.tag);
  }
  return true;
}

namespace {

bool AtLeast41(const std::string& version) {
  std::optional<Version> v = Version::Parse(version);
  return v && v->atLeast(4, 1, 0);
}

// The server-config-init container (cass-operator
// construct_podtemplatespec.go): k8ssandra-client for HCD, Cassandra 4.1.0
// and later, or the annotation; otherwise configBuilderImage, else the
// image config's config-builder.
void AddConfigInit(Builder& b, const CassandraPod& pod) {
  auto named = pod.init_containers.find("server-config-init");
  bool client = pod.client_annotation || pod.server_type == "hcd" ||
                (pod.server_type == "cassandra" && AtLeast41(pod.server_version));
  const char* component = client ? "k8ssandra-client" : "config-builder";
  if (named != pod.init_containers.end()) {
    b.add(pod.scope, component, named->second.image, named->second.field, named->second.field);
  } else if (!client && !pod.config_builder_image.image.empty()) {
    b.add(pod.scope, component, pod.config_builder_image.image, pod.config_builder_image.field,
          pod.config_builder_image.field);
  } else {
    b.add(pod.scope, component, FromImageConfig(b.facts, component));
  }
}

void AddServer(Builder& b, const CassandraPod& pod) {
  auto named = pod.containers.find("cassandra");
  const std::string& type = pod.server_type;
  if (named != pod.containers.end()) {
    b.add(pod.scope, type, named->second.image, named->second.field, named->second.field);
  } else if (!pod.server_image.image.empty()) {
    b.add(pod.scope, type, pod.server_image.image, pod.server_image.field, pod.server_image.field);
  } else if (pod.server_version.empty()) {
    b.add(pod.scope, type, "", "serverVersion", "", "no serverImage and no serverVersion");
  } else if (const ImageConfigResolver* ic = b.facts.imageConfig()) {
    b.add(pod.scope, type, ic->server(type, pod.server_version));
  } else {
    b.add(pod.scope, type, "", "serverVersion " + pod.server_version, "", b.facts.noImageConfig());
  }
}

void AddLogger(Builder& b, const CassandraPod& pod) {
  auto named = pod.containers.find("server-system-logger");
  if (named != pod.containers.end()) {
    b.add(pod.scope, "system-logger", named->second.image, named->second.field, named->second.field);
  } else if (!pod.logger_image.image.empty()) {
    b.add(pod.scope, "system-logger", pod.logger_image.image, pod.logger_image.field, pod.logger_image.field);
  } else {
    b.add(pod.scope, "system-logger", FromImageConfig(b.facts, "system-logger"));
  }
}

}  // namespace

void AddCassandraPod(Builder& b, const CassandraPod& pod) {
  AddServer(b, pod);
  AddConfigInit(b, pod);
  AddLogger(b, pod);
  for (const Containers* list : {&pod.containers, &pod.init_containers}) {
    for (const auto& [name, c] : *list) {
      if (name == "cassandra" || name == "server-system-logger" || name == "server-config-init") continue;
      b.add(pod.scope, "container " + name, c.image, c.field, c.field);
    }
  }
}

namespace {

// A workload's pod spec: every container, init container, ephemeral
// container and image volume.
void WorkloadSites(Builder& b, NodeId spec, const std::string& path) {
  const Document& d = b.d;
  OperatorContainer oc = WhichOperator(d, b.item);
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"}) {
    size_t i = 0;
    for (NodeId c : d.items(d.get(spec, list))) {
      std::string field = Field(Indexed(Field(path, list), i++), "image");
      if (!d.isScalar(d.get(c, "image"))) continue;
      std::string component = "container " + std::string(d.str(c, "name"));
      if (c == oc.container)
        component = oc.op == Operator::CassOperator ? names::kCassOperatorName : names::kK8ssandraOperatorName;
      b.add("", component, std::string(d.str(c, "image")), field, field);
    }
  }
  size_t i = 0;
  for (NodeId v : d.items(d.get(spec, "volumes"))) {
    std::string field = Field(Indexed(Field(path, "volumes"), i++), "image.reference");
    NodeId ref = d.at(v, "image.reference");
    if (d.isScalar(ref)) b.add("", "volume " + std::string(d.str(v, "name")), std::string(d.value(ref)), field, field);
  }
}

void CassandraDatacenterSites(Builder& b) {
  const Document& d = b.d;
  NodeId spec = d.get(b.item.node, "spec");
  CassandraPod pod;
  std::string type(d.str(spec, "serverType"));
  if (!type.empty()) pod.server_type = type;
  pod.server_version = std::string(d.str(spec, "serverVersion"));
  auto named = [&](const char* key) { return NamedImage{std::string(d.str(spec, key)), Field("spec", key)}; };
  pod.server_image = named("serverImage");
  pod.logger_image = named("systemLoggerImage");
  pod.config_builder_image = named("configBuilderImage");
  pod.client_annotation =
      d.str(d.at(b.item.node, "metadata.annotations"), "cassandra.datastax.com/use-new-config-builder") == "true";
  NodeId pts = d.at(spec, "podTemplateSpec.spec");
  ReadContainers(d, d.get(pts, "containers"), "spec.podTemplateSpec.spec.containers", pod.containers);
  ReadContainers(d, d.get(pts, "initContainers"), "spec.podTemplateSpec.spec.initContainers", pod.init_containers);
  AddCassandraPod(b, pod);
}

}  // namespace
}  // namespace pull_sites

std::vector<PullSite> PullSites(const krm::ResourceList& rl, const ClusterFacts& facts) {
  std::vector<PullSite> out;
  const Document& d = rl.doc();
  for (const krm::Item& item : rl.items()) {
    if (rl.isReserved(item) || item.kind == names::kCrd) continue;
    pull_sites::Builder b(d, item, facts, out);
    std::string path;
    NodeId pod = WorkloadPodSpec(d, item, path);
    if (d.isMap(pod)) pull_sites::WorkloadSites(b, pod, path);
    std::string group = item.group();
    if (group == names::kCassandraGroup && item.kind == names::kCassandraDatacenter)
      pull_sites::CassandraDatacenterSites(b);
    if (group == names::kK8ssandraGroup && item.kind == names::kK8ssandraCluster) pull_sites::K8ssandraClusterSites(b);
    if (group == names::kReaperGroup && item.kind == names::kReaper) pull_sites::ReaperSites(b);
    if (group == names::kStargateGroup && item.kind == names::kStargate) pull_sites::StargateSites(b);
  }
  return out;
}

}  // namespace fn
