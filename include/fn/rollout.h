// fn/rollout.h: what happens to running datacenters when the image config
// changes, per operator version, and the config's autoUpdate annotation.
//
// cass-operator from v1.20.0 (UpdateAllowed(), pkg/reconciliation/
// reconcile_racks.go, aeb4678333ac5b36a8cfc0f381d92c80a1c77dc1) updates a
// datacenter's StatefulSets only when the CassandraDatacenter itself changed
// (its generation) or carries cassandra.datastax.com/autoupdate-spec (once or
// always); otherwise it only sets the condition RequiresUpdate. Before
// v1.20.0 it updates them on its next reconcile, once it has read the new
// config (at start). k8ssandra-operator copies a K8ssandraCluster
// datacenter's metadata.annotations onto the CassandraDatacenter it creates
// (pkg/cassandra/datacenter.go, v1.32.5).
#ifndef FN_ROLLOUT_H_
#define FN_ROLLOUT_H_

#include <optional>
#include <string>
#include <vector>

#include "fn/inventory.h"
#include "fn/operator_deployment.h"
#include "fn/run_context.h"
#include "krm/editor.h"

namespace fn {

// A datacenter whose Cassandra pods get another image from the edited image
// config (an image no field of its own names).
struct Rollout {
  krm::ResourceRef ref;  // the K8ssandraCluster or CassandraDatacenter
  std::string scope;     // "dc1" within a K8ssandraCluster, or ""
  bool annotated = false;
};

// The rollouts the entries show, appended to `out` once each (an inventory
// is made a part at a time).
void ImageConfigRollouts(const std::vector<InventoryEntry>& entries, std::vector<Rollout>& out);

// With config autoUpdate (once or always): annotates each rollout's
// datacenter with cassandra.datastax.com/autoupdate-spec, on a
// CassandraDatacenter's metadata or a K8ssandraCluster datacenter's
// metadata.annotations, with an info result each.
void AnnotateAutoUpdate(RunContext& run, krm::Editor& ed, const std::vector<krm::Item>& items,
                        std::vector<Rollout>& rollouts);

// The advice, worded for the cass-operator version (unknown: both cases);
// none for a datacenter the annotation now covers. A warning that stays
// one under strict: it is not an escape.
void AdviseRestart(const ImageConfigChange& change, const std::vector<Rollout>& rollouts,
                   const std::optional<Version>& cass_operator, std::vector<krm::Result>& results);

}  // namespace fn

#endif  // FN_ROLLOUT_H_
