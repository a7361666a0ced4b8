// fn/operator_deployment.h: what the operators' own Deployments need beyond
// their images: a restart when the image config changes, and
// k8ssandra-operator's DEFAULT_REGISTRY / IMAGE_PULL_SECRETS knobs.
#ifndef FN_OPERATOR_DEPLOYMENT_H_
#define FN_OPERATOR_DEPLOYMENT_H_

#include "fn/image_config.h"

namespace fn {

enum class Operator { None, CassOperator, K8ssandraOperator };

// Which operator a Deployment runs, judged by its containers' images
// (last path component cass-operator or k8ssandra-operator); `container`
// gets that container and `index` its position.
Operator WhichOperator(const krm::Document& doc, const krm::Item& item, krm::NodeId& container, size_t& index);

// For an operator Deployment: when an image config in the input changed,
// sets the pod-template annotation k8ssandra-images.dev/image-config-hash
// (the operators read the config only at start, so the rollout restarts
// them). For k8ssandra-operator: sets DEFAULT_REGISTRY when one bare
// registry in keep mode applies to everything, IMAGE_PULL_SECRETS when a
// pull secret is configured, and otherwise warns which defaults escape.
void RewriteOperatorDeployment(Reporter& rep, const krm::Item& item, const krm::Document& doc, krm::Editor& ed,
                               const ImageConfigFacts& facts);

}  // namespace fn

#endif  // FN_OPERATOR_DEPLOYMENT_H_
