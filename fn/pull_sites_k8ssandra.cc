// The images k8ssandra-operator makes pods pull for a K8ssandraCluster (and
// for Reaper and Stargate objects given directly), with the precedence read
// from its code: ../shared reference sections 6, 8 and 13.
#include <algorithm>
#include <cstdlib>

#include "fn/field_path.h"
#include "fn/names.h"
#include "fn/pull_sites_internal.h"

namespace fn {
namespace pull_sites {

using krm::Document;
using krm::NodeId;

namespace {

const char* const kNoKoVersion =
    "the k8ssandra-operator version is unknown (add its Deployment, or set operatorVersions.k8ssandraOperator)";

// The k8ssandra-operator release, or why its defaults cannot be known.
const KoRelease* Ko(const ClusterFacts& f, std::string& why) {
  if (f.ko()) return f.ko();
  if (!f.k8ssandraOperator().version) {
    why = kNoKoVersion;
  } else {
    why = "k8ssandra-operator " + f.k8ssandraOperator().version->text() + " is not in the table of releases (" +
          KoTableRange() + "); set the image in full";
  }
  return nullptr;
}

bool KoAtLeast(const KoRelease& r, int minor) {
  std::optional<Version> v = Version::Parse(r.tag);
  return v && v->atLeast(1, minor);
}

// images.Image ApplyDefaults: empty fields from `def`, an empty registry
// from DEFAULT_REGISTRY (v1.15+) else docker.io, an empty tag latest.
std::string ApplyDefaults(const Builder& b, ImageName in, const ImageName& def, std::string& origin) {
  if (in.repository.empty()) in.repository = def.repository;
  if (in.name.empty()) in.name = def.name;
  if (in.tag.empty()) in.tag = def.tag.empty() ? "latest" : def.tag;
  if (in.registry.empty()) in.registry = def.registry;
  if (in.registry.empty() && b.facts.defaultRegistry()) {
    in.registry = *b.facts.defaultRegistry();
    origin += " + DEFAULT_REGISTRY (" + b.facts.defaultRegistryFrom() + ")";
  }
  if (in.registry.empty()) in.registry = names::kDockerHub;
  return in.ToString();
}

ImageName Split(const std::string& image) {
  ParsedRef p = ParseImageRef(image);
  return p.ok ? FromRef(p.ref) : ImageName{};
}

const char* const kRegistryAdvice =
    "set DEFAULT_REGISTRY on the k8ssandra-operator Deployment to the mirror, or set the containerImage in full "
    "(registry, repository, name and tag)";

// Reaper and Medusa: the image config (k8ssandra-operator v1.27+) or the
// coded default, with the CR's containerImage merged field by field.
PullSite& ReaperOrMedusaSite(Builder& b, const std::string& scope, const char* component, NodeId obj,
                             const std::string& field) {
  std::string why;
  const KoRelease* ko = Ko(b.facts, why);
  const ImageConfigResolver* ic = b.facts.imageConfig();
  bool from_config = ko ? KoAtLeast(*ko, 27) : (ic && ic->has(component));
  bool reaper = std::string(component) == "reaper";
  std::string origin;
  ImageName base;
  if (from_config) {
    // The input's image config decides, even without the entry (upstream
    // then composes "docker.io/:"); only the shipped one is completed with
    // the entries k8ssandra-operator's kustomize patch adds.
    Composed c = ic ? ic->image(component) : Composed{};
    bool shipped = !ic || b.facts.imageConfigShipped();
    if (c.image.empty() && shipped && ko && *(reaper ? ko->shipped_reaper : ko->shipped_medusa)) {
      c.image = std::string(names::kDockerHub) + "/" + (reaper ? ko->shipped_reaper : ko->shipped_medusa);
      c.origin = std::string("images.") + component + " of the image config shipped with " + Provenance(*ko);
    }
    if (c.image.empty() && !ic) c.why = b.facts.noImageConfig();
    if (c.image.empty() && ic && !shipped)
      c.why +=
          std::string(": k8ssandra-operator v1.27+ takes ") + component + " from it (add images." + component + ")";
    base = Split(c.image);
    origin = c.origin;
    why = c.why;
  } else if (ko) {
    std::string def = reaper ? ko->reaper : ko->medusa;
    ImageName in;
    origin = std::string("default of ") + Provenance(*ko);
    if (MergeStructured(b.d, obj, in)) origin = field + " over the " + origin;
    PullSite& s = b.add(scope, component, ApplyDefaults(b, in, Split(def), origin), origin, "");
    s.advice = kRegistryAdvice;
    s.default_registry = true;
    return s;
  }
  if (base.name.empty()) return b.add(scope, component, "", origin, "", why);
  if (MergeStructured(b.d, obj, base)) origin = field + " over " + origin;
  PullSite& s = b.add(scope, component, base.ToString(), origin, "");
  if (!ic || b.facts.imageConfigShipped()) s.advice = kShippedConfigAdvice;
  return s;
}

void AddReaperOrMedusa(Builder& b, const std::string& scope, const char* component, NodeId obj,
                       const std::string& field) {
  PullSite& s = ReaperOrMedusaSite(b, scope, component, obj, field);
  s.explicit_field = field;
  s.explicit_structured = true;
  std::string why;
  const KoRelease* ko = Ko(b.facts, why);
  const ImageConfigResolver* ic = b.facts.imageConfig();
  s.levels = {{"cluster " + field + " (field by field)", DescribeStructured(b.d, obj)}};
  if (!ko || KoAtLeast(*ko, 27))
    s.levels.emplace_back(std::string("image config images.") + component, ic ? ic->image(component).image : "");
  if (ko && !KoAtLeast(*ko, 27))
    s.levels.emplace_back("default of " + Provenance(*ko),
                          std::string(component) == "reaper" ? ko->reaper : ko->medusa);
}

// Vector beside Reaper or Stargate, when its telemetry enables it.
void AddVector(Builder& b, const std::string& scope, NodeId telemetry, const std::string& field) {
  const Document& d = b.d;
  if (d.str(d.get(telemetry, "vector"), "enabled") != "true") return;
  std::string image(d.str(d.get(telemetry, "vector"), "image"));
  std::string why;
  const KoRelease* ko = Ko(b.facts, why);
  Levels levels = {{Field(field, "vector.image"), image}};
  if (ko && KoAtLeast(*ko, 30))
    levels.emplace_back("image config images.system-logger", FromImageConfig(b.facts, "system-logger").image);
  if (ko && !KoAtLeast(*ko, 30)) levels.emplace_back("default of " + Provenance(*ko), ko->vector);
  if (!image.empty()) {
    b.add(scope, "vector", image, Field(field, "vector.image"), Field(field, "vector.image")).levels = levels;
  } else if (!ko) {
    b.add(scope, "vector", "", "", "", why).levels = levels;
  } else if (KoAtLeast(*ko, 30)) {
    b.add(scope, "vector", FromImageConfig(b.facts, "system-logger")).levels = levels;
  } else {
    PullSite& s = b.add(scope, "vector", ko->vector, std::string("default of ") + Provenance(*ko), "");
    s.levels = levels;
    s.advice = "set " + Field(field, "vector.image") + " (k8ssandra-operator before v1.30 has no other knob for it)";
  }
}

// The Stargate image of one template chain (cluster, datacenter, rack):
// each present template gets the CRD default {repository: stargateio,
// tag: <release default>} before the merge, then ApplyDefaults picks the
// name from the server version.
struct StargateChain {
  std::vector<std::pair<NodeId, std::string>> templates;  // (template, field), outermost first
  std::string server_type, server_version;
};

void AddStargate(Builder& b, const std::string& scope, const StargateChain& chain) {
  std::string why;
  const KoRelease* ko = Ko(b.facts, why);
  if (!ko) {
    b.add(scope, "stargate", "", "", "", why);
    return;
  }
  ImageName in;
  std::string origin = std::string("default of ") + Provenance(*ko);
  Levels levels;
  for (auto it = chain.templates.rbegin(); it != chain.templates.rend(); ++it) {
    NodeId obj = b.d.get(it->first, "containerImage");
    std::string v = b.d.isMap(obj)
                        ? DescribeStructured(b.d, obj)
                        : "{repository: stargateio, tag: " + std::string(ko->stargate_tag) + "} (CRD default)";
    levels.emplace_back(Field(it->second, "containerImage") + " (field by field)", v);
  }
  for (const auto& [tmpl, field] : chain.templates) {
    NodeId obj = b.d.get(tmpl, "containerImage");
    if (!b.d.isMap(obj)) {
      in.repository = "stargateio";
      in.tag = ko->stargate_tag;
      continue;
    }
    MergeStructured(b.d, obj, in);
    origin = Field(field, "containerImage") + " over the " + origin;
  }
  const char* name = chain.server_type == "dse"                ? "stargate-dse-68"
                     : chain.server_version.rfind("3", 0) == 0 ? "stargate-3_11"
                                                               : "stargate-4_0";
  ImageName def{"", "stargateio", name, ko->stargate_tag, ""};
  PullSite& s = b.add(scope, "stargate", ApplyDefaults(b, in, def, origin), origin, "");
  s.advice = kRegistryAdvice;
  s.default_registry = true;
  // The innermost template is read first.
  if (!chain.templates.empty()) {
    s.explicit_field = Field(chain.templates.back().second, "containerImage");
    s.explicit_structured = true;
  }
  levels.emplace_back("default of " + Provenance(*ko) + " (registry: DEFAULT_REGISTRY, else docker.io)",
                      def.ToString());
  s.levels = levels;
}

// Reads one option at datacenter level, else cluster level.
struct Options {
  const Document& d;
  NodeId cluster, dc;
  std::string cluster_path, dc_path;
  NamedImage pick(const std::string& dotted) const {
    std::string v(d.isScalar(d.at(dc, dotted)) ? d.value(d.at(dc, dotted)) : "");
    if (!v.empty()) return {v, Field(dc_path, dotted)};
    v = std::string(d.isScalar(d.at(cluster, dotted)) ? d.value(d.at(cluster, dotted)) : "");
    return {v, v.empty() ? "" : Field(cluster_path, dotted)};
  }
  // The datacenter and cluster levels of an option, for explain.
  pull_sites::Levels both(const std::string& dotted) const {
    auto at = [&](NodeId n) { return std::string(d.isScalar(d.at(n, dotted)) ? d.value(d.at(n, dotted)) : ""); };
    return {{"datacenter " + Field(dc_path, dotted), at(dc)}, {"cluster " + Field(cluster_path, dotted), at(cluster)}};
  }
};

void AddPerNodeConfig(Builder& b, const std::string& scope, const Options& l, bool low_tokens) {
  const Document& d = b.d;
  if (d.str(d.get(l.dc, "perNodeConfigMapRef"), "name").empty() && !low_tokens) return;
  NamedImage set = l.pick("perNodeConfigInitContainerImage");
  std::string why;
  const KoRelease* ko = Ko(b.facts, why);
  PullSite* s;
  if (!set.image.empty()) {
    s = &b.add(scope, "per-node-config", set.image, set.field, set.field);
  } else if (!ko) {
    s = &b.add(scope, "per-node-config", "", "", "", why);
  } else if (KoAtLeast(*ko, 27)) {
    s = &b.add(scope, "per-node-config", FromImageConfig(b.facts, "k8ssandra-client"));
  } else {
    s = &b.add(scope, "per-node-config", ko->per_node_default, std::string("CRD default of ") + Provenance(*ko), "");
  }
  s->levels = l.both("perNodeConfigInitContainerImage");
  if (ko && KoAtLeast(*ko, 27))
    s->levels.emplace_back("image config images.k8ssandra-client", FromImageConfig(b.facts, "k8ssandra-client").image);
  if (ko && !KoAtLeast(*ko, 27)) s->levels.emplace_back("CRD default", ko->per_node_default);
}

// The Medusa purge CronJob (k8ssandra-operator v1.12 - v1.26): an image no
// field moves.
void AddMedusaPurge(Builder& b, const std::string& scope, NodeId medusa) {
  const KoRelease* ko = b.facts.ko();
  if (!ko || !*ko->purge_kubectl || b.d.str(medusa, "purgeBackups") == "false") return;
  PullSite& s = b.add(scope, "medusa-purge", ko->purge_kubectl,
                      "coded in " + Provenance(*ko) + " pkg/medusa/reconcile.go (the purge CronJob)", "");
  s.fixed =
      "no field, image config entry or environment variable moves it: set spec.medusa.purgeBackups: false, "
      "or upgrade k8ssandra-operator to v1.27 or later";
}

// The Stargate deployments of a datacenter: one per Cassandra rack that
// gets replicas (SplitRacks), each with its rack template when one exists.
void AddStargates(Builder& b, const std::string& scope, NodeId cluster_sg, NodeId dc_sg, NodeId dc,
                  const CassandraPod& pod, const std::string& dc_path) {
  const Document& d = b.d;
  std::vector<std::string> racks;
  for (NodeId r : d.items(d.get(dc, "racks"))) racks.push_back(std::string(d.str(r, "name")));
  if (racks.empty()) racks.push_back("default");
  std::string size_text(d.str(dc_sg, "size"));
  if (size_text.empty()) size_text = std::string(d.str(cluster_sg, "size"));
  size_t size = size_text.empty() ? 1 : static_cast<size_t>(std::max(0L, std::atol(size_text.c_str())));
  for (size_t i = 0; i < racks.size() && i < size; ++i) {
    StargateChain chain{{}, pod.server_type, pod.server_version};
    if (d.isMap(cluster_sg)) chain.templates.emplace_back(cluster_sg, "spec.stargate");
    if (d.isMap(dc_sg)) chain.templates.emplace_back(dc_sg, Field(dc_path, "stargate"));
    size_t j = 0;
    for (NodeId rt : d.items(d.get(dc_sg, "racks"))) {
      if (d.str(rt, "name") == racks[i]) chain.templates.emplace_back(rt, Indexed(Field(dc_path, "stargate.racks"), j));
      ++j;
    }
    AddStargate(b, scope + " rack " + racks[i], chain);
  }
  // Vector reads the datacenter-merged telemetry, never a rack's.
  NodeId tel = d.get(dc_sg, "telemetry");
  std::string tel_path = Field(dc_path, "stargate.telemetry");
  if (d.str(d.get(tel, "vector"), "enabled").empty()) {
    tel = d.get(cluster_sg, "telemetry");
    tel_path = "spec.stargate.telemetry";
  }
  AddVector(b, scope + " stargate", tel, tel_path);
}

// num_tokens below 16 in every datacenter: the default per-node config.
bool LowTokensEverywhere(const Document& d, NodeId cassandra) {
  std::vector<NodeId> dcs = d.items(d.get(cassandra, "datacenters"));
  if (dcs.empty()) return false;
  for (NodeId dc : dcs) {
    std::string v(d.str(d.at(dc, "config.cassandraYaml"), "num_tokens"));
    if (v.empty()) v = std::string(d.str(d.at(cassandra, "config.cassandraYaml"), "num_tokens"));
    if (v.empty() || std::atol(v.c_str()) >= 16) return false;
  }
  return true;
}

void DatacenterSites(Builder& b, NodeId spec, NodeId dc, size_t index, bool low_tokens) {
  const Document& d = b.d;
  NodeId cl = d.get(spec, "cassandra");
  std::string dc_path = Indexed("spec.cassandra.datacenters", index);
  Options l{d, cl, dc, "spec.cassandra", dc_path};
  std::string name(d.str(d.get(dc, "metadata"), "name"));
  CassandraPod pod;
  pod.scope = name.empty() ? "datacenter " + std::to_string(index) : name;
  NamedImage type = l.pick("serverType");
  if (!type.image.empty()) pod.server_type = type.image;
  pod.server_version = l.pick("serverVersion").image;
  pod.in_k8ssandra_cluster = true;
  pod.server_image = l.pick("serverImage");
  pod.server_field = Field(dc_path, "serverImage");
  pod.server_levels = l.both("serverImage");
  if (l.pick("telemetry.vector.enabled").image == "true") {
    pod.logger_image = l.pick("telemetry.vector.image");
    pod.logger_field = Field(dc_path, "telemetry.vector.image");
    pod.logger_levels = l.both("telemetry.vector.image");
  }
  for (NodeId level : {cl, dc}) {
    std::string base = level == cl ? "spec.cassandra" : dc_path;
    ReadContainers(d, d.get(level, "containers"), Field(base, "containers"), pod.containers);
    ReadContainers(d, d.get(level, "initContainers"), Field(base, "initContainers"), pod.init_containers);
  }
  AddCassandraPod(b, pod);
  AddPerNodeConfig(b, pod.scope, l, low_tokens);
  NodeId medusa = d.get(spec, "medusa");
  if (d.isMap(medusa)) {
    AddReaperOrMedusa(b, pod.scope, "medusa", d.get(medusa, "containerImage"), "spec.medusa.containerImage");
    AddMedusaPurge(b, pod.scope, medusa);
  }
  // With reaperRef the cluster registers with an existing Reaper (its own
  // object) and deploys none (controllers/k8ssandra/reaper.go, v1.32.5 line 101).
  NodeId reaper = d.get(spec, "reaper");
  if (d.isMap(reaper) && d.str(d.get(reaper, "reaperRef"), "name").empty()) {
    AddReaperOrMedusa(b, pod.scope + " reaper", "reaper", d.get(reaper, "containerImage"),
                      "spec.reaper.containerImage");
    AddVector(b, pod.scope + " reaper", d.get(reaper, "telemetry"), "spec.reaper.telemetry");
  }
  NodeId cluster_sg = d.get(spec, "stargate");
  NodeId dc_sg = d.get(dc, "stargate");
  if (d.isMap(cluster_sg) || d.isMap(dc_sg)) AddStargates(b, pod.scope, cluster_sg, dc_sg, dc, pod, dc_path);
}

}  // namespace

void K8ssandraClusterSites(Builder& b) {
  const Document& d = b.d;
  NodeId spec = d.get(b.item.node, "spec");
  NodeId cl = d.get(spec, "cassandra");
  bool low_tokens = LowTokensEverywhere(d, cl);
  size_t i = 0;
  for (NodeId dc : d.items(d.get(cl, "datacenters"))) DatacenterSites(b, spec, dc, i++, low_tokens);
}

void ReaperSites(Builder& b) {
  NodeId spec = b.d.get(b.item.node, "spec");
  AddReaperOrMedusa(b, "", "reaper", b.d.get(spec, "containerImage"), "spec.containerImage");
  AddVector(b, "", b.d.get(spec, "telemetry"), "spec.telemetry");
}

void StargateSites(Builder& b) {
  NodeId spec = b.d.get(b.item.node, "spec");
  StargateChain chain{{{spec, "spec"}}, "cassandra", ""};
  AddStargate(b, "", chain);
  size_t j = 0;
  for (NodeId rt : b.d.items(b.d.get(spec, "racks"))) {
    StargateChain rack{{{spec, "spec"}, {rt, Indexed("spec.racks", j++)}}, "cassandra", ""};
    AddStargate(b, "rack " + std::string(b.d.str(rt, "name")), rack);
  }
  AddVector(b, "", b.d.get(spec, "telemetry"), "spec.telemetry");
}

}  // namespace pull_sites
}  // namespace fn
