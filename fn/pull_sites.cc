#include "fn/pull_sites.h"

#include <algorithm>

#include "fn/additional_fields.h"
#include "fn/alias.h"
#include "fn/field_path.h"
#include "fn/k8ssandra.h"
#include "fn/names.h"
#include "fn/operator_deployment.h"
#include "fn/pull_sites_internal.h"
#include "fn/workloads.h"
#include "krm/parallel.h"

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
    s.advice = kShippedConfigAdvice;
  return s;
}

std::string ImageAt(const Document& d, NodeId node) {
  if (d.isScalar(node)) return std::string(d.value(node));
  if (d.kind(node) != krm::NodeKind::Alias) return "";
  std::optional<Anchor> anchor = FindAnchor(d, node);
  return anchor ? anchor->value : "";
}

void ReadContainers(const Document& d, NodeId list, const std::string& path, Containers& out) {
  size_t i = 0;
  for (NodeId c : d.items(list)) {
    std::string field = Field(Indexed(path, i++), "image");
    std::string name(d.str(c, "name"));
    std::string image = ImageAt(d, d.get(c, "image"));
    if (!image.empty()) out[name] = {image, field, d.str(c, "imagePullPolicy") == "Never"};
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

// The level of a container named in the pod: a pod template's, or a
// K8ssandraCluster's containers[] (merged by name, datacenter first).
std::string ContainerLevel(const CassandraPod& pod, const std::string& what) {
  return (pod.in_k8ssandra_cluster ? "containers[] / initContainers[]: " : "pod template ") + what;
}

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
  // k8ssandra-client exists from cass-operator v1.17.0 (reference section 2.1).
  const std::optional<Version>& co = b.facts.cassOperator().version;
  bool client = (!co || co->atLeast(1, 17)) && (pod.client_annotation || pod.server_type == "hcd" ||
                                                (pod.server_type == "cassandra" && AtLeast41(pod.server_version)));
  if (named != pod.init_containers.end() && named->second.never) return;
  const char* component = client ? "k8ssandra-client" : "config-builder";
  Composed composed = FromImageConfig(b.facts, component);
  PullSite* s;
  if (named != pod.init_containers.end()) {
    s = &b.add(pod.scope, component, named->second.image, named->second.field, named->second.field);
  } else if (!client && !pod.config_builder_image.image.empty()) {
    s = &b.add(pod.scope, component, pod.config_builder_image.image, pod.config_builder_image.field,
               pod.config_builder_image.field);
  } else {
    s = &b.add(pod.scope, component, composed);
  }
  s->levels = {{ContainerLevel(pod, "init container server-config-init"),
                named == pod.init_containers.end() ? "" : named->second.image}};
  if (!client && !pod.in_k8ssandra_cluster)
    s->levels.emplace_back("spec.configBuilderImage", pod.config_builder_image.image);
  s->levels.emplace_back("image config " + composed.origin, composed.image);
}

PullSite& ServerSite(Builder& b, const CassandraPod& pod, const Composed& composed) {
  auto named = pod.containers.find("cassandra");
  const std::string& type = pod.server_type;
  if (named != pod.containers.end())
    return b.add(pod.scope, type, named->second.image, named->second.field, named->second.field);
  if (!pod.server_image.image.empty())
    return b.add(pod.scope, type, pod.server_image.image, pod.server_image.field, pod.server_image.field);
  if (pod.server_version.empty())
    return b.add(pod.scope, type, "", "serverVersion", "", "no serverImage and no serverVersion");
  if (b.facts.imageConfig()) return b.add(pod.scope, type, composed);
  return b.add(pod.scope, type, "", "serverVersion " + pod.server_version, "", b.facts.noImageConfig());
}

void AddServer(Builder& b, const CassandraPod& pod) {
  auto never = pod.containers.find("cassandra");
  if (never != pod.containers.end() && never->second.never) return;
  const ImageConfigResolver* ic = b.facts.imageConfig();
  Composed composed = ic && !pod.server_version.empty() ? ic->server(pod.server_type, pod.server_version) : Composed{};
  auto named = pod.containers.find("cassandra");
  PullSite& s = ServerSite(b, pod, composed);
  if (s.field.empty() && named == pod.containers.end()) s.explicit_field = pod.server_field;
  s.levels = {{ContainerLevel(pod, "container cassandra"), named == pod.containers.end() ? "" : named->second.image}};
  s.levels.insert(s.levels.end(), pod.server_levels.begin(), pod.server_levels.end());
  s.levels.emplace_back(
      "image config " + (composed.origin.empty() ? std::string("(serverType + serverVersion)") : composed.origin),
      composed.image);
}

void AddLogger(Builder& b, const CassandraPod& pod) {
  auto named = pod.containers.find("server-system-logger");
  if (named != pod.containers.end() && named->second.never) return;
  Composed composed = FromImageConfig(b.facts, "system-logger");
  PullSite* s;
  if (named != pod.containers.end()) {
    s = &b.add(pod.scope, "system-logger", named->second.image, named->second.field, named->second.field);
  } else if (!pod.logger_image.image.empty()) {
    s = &b.add(pod.scope, "system-logger", pod.logger_image.image, pod.logger_image.field, pod.logger_image.field);
  } else {
    s = &b.add(pod.scope, "system-logger", composed);
    s->explicit_field = pod.logger_field;
  }
  s->levels = {{ContainerLevel(pod, "container server-system-logger"),
                named == pod.containers.end() ? "" : named->second.image}};
  s->levels.insert(s->levels.end(), pod.logger_levels.begin(), pod.logger_levels.end());
  s->levels.emplace_back("image config " + composed.origin, composed.image);
}

}  // namespace

void AddCassandraPod(Builder& b, const CassandraPod& pod) {
  AddServer(b, pod);
  AddConfigInit(b, pod);
  AddLogger(b, pod);
  for (const Containers* list : {&pod.containers, &pod.init_containers}) {
    for (const auto& [name, c] : *list) {
      if (name == "cassandra" || name == "server-system-logger" || name == "server-config-init" || c.never) continue;
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
      std::string image = ImageAt(d, d.get(c, "image"));  // an alias reads its anchor's value
      if (image.empty() || d.str(c, "imagePullPolicy") == "Never") continue;
      std::string component = "container " + std::string(d.str(c, "name"));
      if (c == oc.container)
        component = oc.op == Operator::CassOperator ? names::kCassOperatorName : names::kK8ssandraOperatorName;
      b.add("", component, image, field, field);
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
  pod.server_field = "spec.serverImage";
  pod.logger_field = "spec.systemLoggerImage";
  pod.server_levels = {{"spec.serverImage", pod.server_image.image}};
  pod.logger_levels = {{"spec.systemLoggerImage", pod.logger_image.image}};
  pod.config_builder_image = named("configBuilderImage");
  pod.client_annotation =
      d.str(d.at(b.item.node, "metadata.annotations"), "cassandra.datastax.com/use-new-config-builder") == "true";
  NodeId pts = d.at(spec, "podTemplateSpec.spec");
  ReadContainers(d, d.get(pts, "containers"), "spec.podTemplateSpec.spec.containers", pod.containers);
  ReadContainers(d, d.get(pts, "initContainers"), "spec.podTemplateSpec.spec.initContainers", pod.init_containers);
  AddCassandraPod(b, pod);
}

}  // namespace
std::string DescribeStructured(const Document& d, NodeId obj) {
  if (!d.isMap(obj)) return "";
  std::string out;
  for (const char* key : {"registry", "repository", "name", "tag"}) {
    std::string v(d.str(obj, key));
    if (!v.empty()) out += (out.empty() ? "" : ", ") + std::string(key) + ": " + v;
  }
  return "{" + out + "}";
}

}  // namespace pull_sites

std::string ExplainSite(const PullSite& site) {
  std::string out = site.resource + ": " + site.component + "\n";
  bool won = false;
  size_t i = 0;
  for (const auto& [level, value] : site.levels) {
    out += "  " + std::to_string(++i) + ". " + level + ": " + (value.empty() ? "unset" : value);
    if (!value.empty() && !won) {
      won = true;
      out += "   <- wins";
    }
    out += "\n";
  }
  if (site.levels.empty()) out += "  1. " + (site.origin.empty() ? std::string("(no field)") : site.origin) + "\n";
  out += "  pulls " + (site.image.empty() ? "an image that cannot be known: " + site.unknown : site.image) + "\n";
  if (!site.image.empty() && !site.origin.empty()) out += "  decided by " + site.origin + "\n";
  return out;
}

bool MayHoldPullSites(const krm::Item& item) { return !NeverHoldsImages(item); }

namespace {

// The sites of resources [first, last), in order, added to `out`.
void SitesOf(const krm::ResourceList& rl, const ClusterFacts& facts, const std::vector<FieldSpec>& additional,
             size_t first, size_t last, std::vector<PullSite>& out) {
  const Document& d = rl.doc();
  const std::vector<krm::Item>& resources = rl.resources();
  for (size_t i = first; i < last; ++i) {
    const krm::Item& item = resources[i];
    if (item.opaque || rl.isReserved(item) || item.kind == names::kCrd) continue;
    pull_sites::Builder b(d, item, facts, out);
    std::string path;
    NodeId pod = WorkloadPodSpec(d, item, path);
    if (d.isMap(pod)) pull_sites::WorkloadSites(b, pod, path);
    if (!NamesKind(item, additional)) {
      for (const FoundPodSpec& f : PodSpecsByShape(d, item)) pull_sites::WorkloadSites(b, f.spec, f.path);
    }
    std::string group = item.group();
    if (group == names::kCassandraGroup && item.kind == names::kCassandraDatacenter)
      pull_sites::CassandraDatacenterSites(b);
    if (group == names::kK8ssandraGroup && item.kind == names::kK8ssandraCluster) pull_sites::K8ssandraClusterSites(b);
    if (group == names::kReaperGroup && item.kind == names::kReaper) pull_sites::ReaperSites(b);
    if (group == names::kStargateGroup && item.kind == names::kStargate) pull_sites::StargateSites(b);
    ForEachAdditionalField(d, item, additional, [&](NodeId n, const std::string& field) {
      if (d.isScalar(n) && !d.value(n).empty()) b.add("", "field " + field, std::string(d.value(n)), field, field);
    });
  }
}

}  // namespace

std::vector<PullSite> PullSites(const krm::ResourceList& rl, const ClusterFacts& facts,
                                const std::vector<FieldSpec>& additional) {
  return PullSites(rl, facts, additional, 0, rl.resources().size());
}

std::vector<PullSite> PullSites(const krm::ResourceList& rl, const ClusterFacts& facts,
                                const std::vector<FieldSpec>& additional, size_t first, size_t last) {
  // Thousands of resources are modelled on every core, in ranges joined in order.
  constexpr size_t kPerThread = 1000;
  last = std::min(last, rl.resources().size());
  size_t n = last > first ? last - first : 0;
  size_t threads = std::clamp<size_t>(n / kPerThread, 1, krm::HardwareThreads());
  std::vector<std::vector<PullSite>> parts(threads);
  krm::RunOnThreads(threads, [&](size_t k) {
    SitesOf(rl, facts, additional, first + n * k / threads, first + n * (k + 1) / threads, parts[k]);
  });
  std::vector<PullSite> out = std::move(parts[0]);
  for (size_t k = 1; k < threads; ++k) {
    out.reserve(out.size() + parts[k].size());
    for (PullSite& site : parts[k]) out.push_back(std::move(site));
    std::vector<PullSite>().swap(parts[k]);
  }
  return out;
}

}  // namespace fn
