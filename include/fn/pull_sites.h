// fn/pull_sites.h: the model of every image the cluster will pull. Each
// pull site is one image a pod will pull: which component, which resource
// causes it, the image as the operator will compose it from the manifests
// (precedence: datacenter > cluster > image config > operator default, field
// by field where upstream merges that way), and what decides it. The
// inventory, the strict check and the image list all read this one model.
#ifndef FN_PULL_SITES_H_
#define FN_PULL_SITES_H_

#include <string>
#include <utility>
#include <vector>

#include "fn/cluster_facts.h"
#include "krm/resource_list.h"

namespace fn {

struct PullSite {
  std::string component;          // "cassandra", "system-logger", "reaper", "stargate", "container app", ...
  std::string resource;           // "K8ssandraCluster/prod dc1 rack r1", "Deployment/ns/app"
  std::string written;            // the image string the pod will carry; "" when unknown
  std::string image;              // `written` normalized (docker.io/library/..., tag or digest kept)
  std::string origin;             // the field or default that decides it
  std::string unknown;            // why the image is unknown, and what would settle it
  std::string fixed;              // set when no field can move it: what avoids pulling it
  std::string advice;             // what to change so it comes from the mirror
  bool default_registry = false;  // its registry comes from k8ssandra-operator's DEFAULT_REGISTRY
  // Each precedence level upstream reads for it, first to last: (level and
  // field, value; "" when unset). The first one set decides (or, for a
  // structured image, is merged field by field over the ones after it).
  std::vector<std::pair<std::string, std::string>> levels;
  krm::ResourceRef ref;  // the resource, for results
  std::string field;     // the field path in that resource ("" for an implicit image)
  // For an implicit image: the field upstream reads first, where writing an
  // image makes it explicit ("" when there is none), and whether that field
  // is a structured image {registry, repository, name, tag}.
  std::string explicit_field;
  bool explicit_structured = false;
};

// False for an item that can neither hold a pull site nor decide one (a
// CustomResourceDefinition, a Service, RBAC, ...: NeverHoldsImages), judged
// by kind alone; any other kind may hold a pod spec found by its shape.
bool MayHoldPullSites(const krm::Item& item);

// Every pull site of the input, in input order; `additional` (the config's
// additionalImageFields) names string image fields of other kinds.
std::vector<PullSite> PullSites(const krm::ResourceList& rl, const ClusterFacts& facts,
                                const std::vector<FieldSpec>& additional = {});
// The same for the resources [first, last) of rl.resources() alone.
std::vector<PullSite> PullSites(const krm::ResourceList& rl, const ClusterFacts& facts,
                                const std::vector<FieldSpec>& additional, size_t first, size_t last);

// The precedence of one site, for `images --explain`: each level with its
// value or "unset", and which one wins.
std::string ExplainSite(const PullSite& site);

}  // namespace fn

#endif  // FN_PULL_SITES_H_
