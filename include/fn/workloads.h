// fn/workloads.h: images in pod specs: Pods, pod templates of every
// workload kind, and the pod template of a CassandraDatacenter.
#ifndef FN_WORKLOADS_H_
#define FN_WORKLOADS_H_

#include <string>
#include <vector>

#include "fn/item_context.h"

namespace fn {

// Relocates containers[], initContainers[] and ephemeralContainers[] images
// and volumes[].image.reference of the pod spec at `spec`. With pullPolicy,
// relocated containers get imagePullPolicy; with pullSecret, imagePullSecrets
// gains the secret (no duplicates) when any image is on the mirror.
// Returns true when any image of the pod is on a target afterwards.
bool RewritePodSpec(const ItemContext& ctx, krm::NodeId spec, const std::string& path);

// True (with an info result) for a container whose imagePullPolicy is
// Never: the node holds its image under the written name, which must stay.
bool NeverPulled(const ItemContext& ctx, krm::NodeId container, const std::string& path);

// Where a workload kind keeps its pod spec ("spec.template.spec"), judged
// by kind and group alone; nullptr for any other kind.
const char* WorkloadPodPath(const krm::Item& item);

// The pod spec of a workload (Pod, PodTemplate, Deployment, StatefulSet,
// DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) and its field
// path, or kNoNode for any other kind.
krm::NodeId WorkloadPodSpec(const krm::Document& doc, const krm::Item& item, std::string& path);

// Pod specs found by shape in an object of a kind this function does not
// know (Argo Rollouts, Knative Services, KEDA ScaledJobs, OpenKruise
// CloneSets, any custom kind), as kustomize's image filter finds them: any
// map below the object (metadata and status aside) holding a containers or
// initContainers list of maps. Empty for known workload kinds, K8ssandra
// kinds, CustomResourceDefinitions and kinds that never hold pods.
struct FoundPodSpec {
  krm::NodeId spec = krm::kNoNode;
  std::string path;  // "spec.template.spec"
};
std::vector<FoundPodSpec> PodSpecsByShape(const krm::Document& doc, const krm::Item& item);

// The image nodes of the pod spec at `spec` RewritePodSpec edits (its
// containers', init and ephemeral containers' image, volumes'
// image.reference).
std::vector<krm::NodeId> PodImageNodes(const krm::Document& doc, krm::NodeId spec);

// True for a kind that never holds a pod spec or an image (RBAC, Services,
// Secrets, webhook configurations, ...): skipped by the shape walk and by
// the inventory.
bool NeverHoldsImages(const krm::Item& item);

}  // namespace fn

#endif  // FN_WORKLOADS_H_
