#include <stdexcept>
#include <string>

#include "krm/editor.h"
#include "krm/results_splice_internal.h"

namespace krm {
namespace {

// An edit of the ResourceList's own keys that cannot fail on a list the
// reader accepted: a failure is a bug, not bad input.
void Require(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("could not ") + what + " in the ResourceList");
}

void EnsureItems(const Document& d, NodeId root, const std::string& eol, Editor& ed) {
  NodeId items_key = d.keyOf(root, "items");
  if (items_key == kNoNode) {
    if (d.node(root).style == Style::Flow) {
      Require(ed.addKey(root, "items", Value::List({})), "add items");
    } else {
      ed.insertLines(d.tailOffset(), "items: []" + eol, 0, false);
    }
  } else if (d.isNull(d.node(items_key).next)) {
    Require(ed.fillNull(items_key, d.node(items_key).next, Value::List({})), "fill items");
  }
}

// Drops the key `old` of a flow map with the comma that joins it to its
// neighbour.
void RemoveFlowKey(const Document& d, NodeId root, NodeId old, Patch& all) {
  auto pairs = d.pairs(root);
  size_t i = 0;
  while (pairs[i].first != old) ++i;
  uint32_t end = d.node(pairs[i].second).end;
  if (i > 0) {
    all.replace(d.node(pairs[i - 1].second).end, end, "");
  } else if (pairs.size() > 1) {
    all.replace(d.node(old).begin, d.node(pairs[1].first).begin, "");
  } else {
    all.replace(d.node(old).begin, end, "");
  }
}

// A flow document: the results become (or replace) its last entry, in the
// one JSON layout: `,\n  "results": [...]`.
void FlowResults(const Document& d, NodeId root, const std::vector<Result>& results, Patch& all) {
  NodeId old = d.keyOf(root, "results");
  if (old != kNoNode) RemoveFlowKey(d, root, old, all);
  if (results.empty()) return;
  auto pairs = d.pairs(root);
  NodeId last = kNoNode;
  for (auto& [k, v] : pairs) {
    if (k != old) last = v;
  }
  std::string key = d.json() ? "\"results\"" : "results";
  std::string entry = "  " + key + ": " + RenderResultsJson(results);
  if (last == kNoNode) {
    all.insert(d.node(root).content() + 1, "\n" + entry + "\n");
  } else {
    all.insert(d.node(last).end, ",\n" + entry);
  }
}

}  // namespace

void SpliceListKeys(const Document& d, NodeId root, const std::vector<Result>& results, const std::string& eol,
                    Patch& all) {
  Editor ed(d, all, eol);
  EnsureItems(d, root, eol, ed);
  if (d.node(root).style == Style::Flow) {
    FlowResults(d, root, results, all);
    return;
  }
  NodeId old = d.keyOf(root, "results");
  if (old != kNoNode) Require(ed.removeKey(root, old, !results.empty()), "remove the old results");
  if (results.empty()) return;
  ed.insertLines(d.tailOffset(), RenderResultsYaml(results, eol), 0, false);
}

}  // namespace krm
