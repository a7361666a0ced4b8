// fn/operator_deployment.h: what the operators' own Deployments need beyond
// their images: a restart when the image config changes, and
// k8ssandra-operator's DEFAULT_REGISTRY / IMAGE_PULL_SECRETS knobs.
#ifndef FN_OPERATOR_DEPLOYMENT_H_
#define FN_OPERATOR_DEPLOYMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "fn/item_context.h"

namespace fn {

enum class Operator { None, CassOperator, K8ssandraOperator };

// An operator's container in a Deployment.
struct OperatorContainer {
  Operator op = Operator::None;
  krm::NodeId container = krm::kNoNode;
  size_t index = 0;  // its position in containers[]
};

// Which operator a Deployment runs, judged by its containers' images (last
// path component cass-operator or k8ssandra-operator).
OperatorContainer WhichOperator(const krm::Document& doc, const krm::Item& item);

// The DEFAULT_REGISTRY value that sends k8ssandra-operator's Docker Hub
// defaults where the rules send them (a registry, with a path in keep and
// nest modes), or nothing and `why` when no one value can.
std::optional<std::string> DefaultRegistryValue(const Relocator& rules, std::string& why);

// What the image config pass leaves for the operator Deployments.
struct ImageConfigChange {
  bool changed = false;                   // an image config was edited
  std::string hash;                       // of every changed image config's final text
  std::vector<std::string> where;         // "ConfigMap/name" of each changed one
  std::optional<krm::ResourceRef> first;  // the first changed one
};

// For an operator Deployment: when an image config in the input changed,
// sets the pod-template annotation k8ssandra-images.dev/image-config-hash
// (the operators read the config only at start, so the rollout restarts
// them). For k8ssandra-operator: sets DEFAULT_REGISTRY when one value can
// send its Docker Hub defaults where the rules send them (see
// DefaultRegistryValue), otherwise warns which defaults escape and why; sets
// IMAGE_PULL_SECRETS when a pull secret is configured.
void RewriteOperatorDeployment(const ItemContext& ctx, const ImageConfigChange& change);

}  // namespace fn

#endif  // FN_OPERATOR_DEPLOYMENT_H_
