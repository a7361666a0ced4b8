// fn/pull_sites_internal.h: what the pull-site modellers share. Not part of
// fn's public headers: only pull_sites*.cc use it.
#ifndef FN_PULL_SITES_INTERNAL_H_
#define FN_PULL_SITES_INTERNAL_H_

#include <map>
#include <string>
#include <vector>

#include "fn/image_name.h"
#include "fn/pull_sites.h"

namespace fn {
namespace pull_sites {

// What to change for an image the release's own image config decides.
constexpr const char* kShippedConfigAdvice =
    "the image config is not in the input, so it was not relocated: render cass-operator's image config "
    "ConfigMap with the rest";

// The sites of one item.
class Builder {
 public:
  Builder(const krm::Document& doc, const krm::Item& of, const ClusterFacts& known, std::vector<PullSite>& out)
      : d(doc), item(of), facts(known), out_(out) {}
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  // A site whose image is the string `written` (empty: unknown, see `why`).
  PullSite& add(const std::string& scope, const std::string& component, const std::string& written,
                const std::string& origin, const std::string& field, const std::string& why = "");
  // A site composed from the image config (or why it cannot be).
  PullSite& add(const std::string& scope, const std::string& component, const Composed& c);

  const krm::Document& d;
  const krm::Item& item;
  const ClusterFacts& facts;

 private:
  std::vector<PullSite>& out_;
};

// A container a pod template names: its image and field.
struct NamedImage {
  std::string image;
  std::string field;
  bool never = false;  // imagePullPolicy: Never: the node holds it, nothing is pulled
};
// Containers by name; a later list (the datacenter's) wins over an earlier.
using Containers = std::map<std::string, NamedImage>;
void ReadContainers(const krm::Document& d, krm::NodeId list, const std::string& path, Containers& out);
// The image string at `node`: a scalar's value, an alias's anchored value,
// or "".
std::string ImageAt(const krm::Document& d, krm::NodeId node);

using Levels = std::vector<std::pair<std::string, std::string>>;

// A structured image as written: "{registry: x, tag: y}", or "" when absent.
std::string DescribeStructured(const krm::Document& d, krm::NodeId obj);

// What decides the images of one Cassandra pod.
struct CassandraPod {
  std::string scope;  // "" or "dc1"
  std::string server_type = "cassandra";
  std::string server_version;
  NamedImage server_image;              // spec.serverImage
  std::string server_field;             // where an explicit server image goes
  std::string logger_field;             // where an explicit logger image goes, or ""
  NamedImage logger_image;              // systemLoggerImage, or telemetry.vector.image
  NamedImage config_builder_image;      // spec.configBuilderImage
  bool client_annotation = false;       // cassandra.datastax.com/use-new-config-builder: "true"
  Levels server_levels, logger_levels;  // the levels above the image config, for explain
  bool in_k8ssandra_cluster = false;    // containers come from containers[], not a pod template
  Containers containers, init_containers;
};
// The server, config init and logger sites, then the other containers.
void AddCassandraPod(Builder& b, const CassandraPod& pod);

// The image config's images.<component>, or why it cannot be known.
Composed FromImageConfig(const ClusterFacts& facts, const std::string& component);

// A structured image merged field by field over `base` (non-empty fields of
// `obj` win); a present object without a tag gets the CRD default "latest".
// Returns true when `obj` is a map.
bool MergeStructured(const krm::Document& d, krm::NodeId obj, ImageName& base, bool crd_tag_default = true);

// The K8ssandraCluster modeller (pull_sites_k8ssandra.cc).
void K8ssandraClusterSites(Builder& b);
// Reaper and Stargate objects given directly (pull_sites_k8ssandra.cc).
void ReaperSites(Builder& b);
void StargateSites(Builder& b);

}  // namespace pull_sites
}  // namespace fn

#endif  // FN_PULL_SITES_INTERNAL_H_
