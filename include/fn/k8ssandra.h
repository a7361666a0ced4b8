// fn/k8ssandra.h: images on K8ssandra custom resources: K8ssandraCluster
// (cluster, datacenter and Stargate rack level), CassandraDatacenter,
// Reaper and Stargate.
#ifndef FN_K8SSANDRA_H_
#define FN_K8SSANDRA_H_

#include "fn/structured_image.h"

namespace fn {

// True for the kinds this family handles.
bool IsK8ssandraKind(const krm::Item& item);

// Relocates every image field of a K8ssandra resource, and reports the
// fields the API server would drop (capitalised keys, keys under the wrong
// parent, a datacenter-level reaper) without changing them.
void RewriteK8ssandra(const ItemContext& ctx, const KnownImages& known);

}  // namespace fn

#endif  // FN_K8SSANDRA_H_
