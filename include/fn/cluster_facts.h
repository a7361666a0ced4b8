// fn/cluster_facts.h: what decides the images no manifest names: which
// operator versions run, the image config cass-operator will read, and
// k8ssandra-operator's DEFAULT_REGISTRY. Gathered once from the input (and
// the config's operatorVersions), before any pull site is modelled.
#ifndef FN_CLUSTER_FACTS_H_
#define FN_CLUSTER_FACTS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fn/config.h"
#include "fn/image_config.h"
#include "fn/image_config_resolve.h"
#include "fn/upstream_defaults.h"
#include "krm/resource_list.h"

namespace fn {

// One operator version and how it was learnt.
struct KnownVersion {
  std::optional<Version> version;
  std::string from;  // "image tag of Deployment/ns/name", "config operatorVersions"
};

class ClusterFacts {
 public:
  // `rl` must outlive the facts: they refer to its resources.
  ClusterFacts(const krm::ResourceList& rl, const OperatorVersions& configured);
  ClusterFacts(const ClusterFacts&) = delete;
  ClusterFacts& operator=(const ClusterFacts&) = delete;

  const KnownVersion& cassOperator() const { return co_; }
  const KnownVersion& k8ssandraOperator() const { return ko_; }
  // The k8ssandra-operator release row, when its version is in the table.
  const KoRelease* ko() const { return ko_row_; }
  bool koPresent() const { return ko_present_; }  // a k8ssandra-operator Deployment is in the input

  // The image config cass-operator reads (v1beta2 first from v1.27, only
  // v1beta1 before, only v1beta2 from v1.29); the one the operator release
  // ships when the input holds none; nullptr when neither is known.
  const ImageConfigResolver* imageConfig() const { return config_; }
  // True when imageConfig() is the one the release ships (none in the input).
  bool imageConfigShipped() const { return shipped_doc_ != nullptr; }
  // Why imageConfig() is nullptr: what would settle it.
  std::string noImageConfig() const;

  // DEFAULT_REGISTRY of k8ssandra-operator's container, and where it is set.
  const std::optional<std::string>& defaultRegistry() const { return default_registry_; }
  const std::string& defaultRegistryFrom() const { return default_registry_from_; }

 private:
  void readDeployments(const krm::ResourceList& rl);
  void chooseImageConfig(const krm::ResourceList& rl);
  const std::vector<krm::Item>& resources_;  // the list's; the ImageConfigMaps below point into it
  KnownVersion co_, ko_;
  const KoRelease* ko_row_ = nullptr;
  bool ko_present_ = false;
  std::optional<std::string> default_registry_;
  std::string default_registry_from_;
  std::vector<std::unique_ptr<ImageConfigMap>> maps_;
  std::vector<std::unique_ptr<ImageConfigResolver>> resolvers_;
  std::string shipped_text_;
  std::unique_ptr<krm::Document> shipped_doc_;
  const ImageConfigResolver* config_ = nullptr;
};

// "Kind/name" or "Kind/namespace/name".
std::string ResourceName(const krm::Item& item);

}  // namespace fn

#endif  // FN_CLUSTER_FACTS_H_
