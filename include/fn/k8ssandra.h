// fn/k8ssandra.h: images on K8ssandra custom resources: K8ssandraCluster
// (cluster, datacenter and Stargate rack level), CassandraDatacenter,
// Reaper and Stargate; and string fields users name for other kinds.
#ifndef FN_K8SSANDRA_H_
#define FN_K8SSANDRA_H_

#include "fn/structured_image.h"

namespace fn {

// True for the kinds this family handles.
bool IsK8ssandraKind(const krm::Item& item);

// Relocates every image field of a K8ssandra resource, and reports the
// fields the API server would drop (capitalised keys, keys under the wrong
// parent, a datacenter-level reaper) without changing them.
void RewriteK8ssandra(Reporter& rep, const krm::Item& item, const krm::Document& doc, krm::Editor& ed,
                      const ComponentImages& known);

// Relocates the string fields named by additionalImageFields on `item`.
void RewriteAdditionalFields(Reporter& rep, const krm::Item& item, const krm::Document& doc, krm::Editor& ed);

}  // namespace fn

#endif  // FN_K8SSANDRA_H_
