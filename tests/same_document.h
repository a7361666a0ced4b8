// tests/same_document.h: whether two indexes of one text describe the same
// nodes, for the concurrent-parse tests and the parallel fuzz target.
#ifndef TESTS_SAME_DOCUMENT_H_
#define TESTS_SAME_DOCUMENT_H_

#include <string>

#include "krm/document.h"

namespace test {

using krm::Document;
using krm::kNoNode;
using krm::Node;
using krm::NodeId;
using krm::NodeKind;

// The two indexes describe the same nodes: kind, style, spans, flags and
// values, child by child from the roots down.
inline bool Same(const Document& a, NodeId x, const Document& b, NodeId y, std::string& why) {
  const Node& n = a.node(x);
  const Node& m = b.node(y);
  if (n.kind != m.kind || n.style != m.style || n.begin != m.begin || n.end != m.end || n.content() != m.content() ||
      n.implicit != m.implicit || n.in_flow != m.in_flow || a.value(x) != b.value(y)) {
    why = "node at offset " + std::to_string(n.begin) + " / " + std::to_string(m.begin) + " differs";
    return false;
  }
  NodeId c = n.first, d = m.first;
  for (; c != kNoNode && d != kNoNode; c = a.node(c).next, d = b.node(d).next)
    if (!Same(a, c, b, d, why)) return false;
  if (c != kNoNode || d != kNoNode) {
    why = "child counts differ under offset " + std::to_string(n.begin);
    return false;
  }
  return true;
}

// A placeholder the joiner leaves where it skips to a block boundary: a
// default node, which no parse produces (nothing real starts and ends at 0
// as a null).
inline bool Placeholder(const Node& n) { return n.kind == NodeKind::Null && n.begin == 0 && n.end == 0 && !n.implicit; }

inline bool SameDocument(const Document& a, const Document& b, std::string& why) {
  if (a.roots().size() != b.roots().size()) {
    why = "root counts differ";
    return false;
  }
  for (size_t i = 0; i < a.roots().size(); ++i)
    if (!Same(a, a.roots()[i], b, b.roots()[i], why)) return false;
  // Code that scans every node in id order (Editor::indentStep, seqIndent)
  // must meet the same nodes in the same order, reachable or not.
  NodeId x = 0, y = 0;
  for (;; ++x, ++y) {
    while (x < a.nodeCount() && Placeholder(a.node(x))) ++x;
    while (y < b.nodeCount() && Placeholder(b.node(y))) ++y;
    if (x == a.nodeCount() || y == b.nodeCount()) break;
    const Node& n = a.node(x);
    const Node& m = b.node(y);
    if (n.kind != m.kind || n.style != m.style || n.begin != m.begin || n.end != m.end) {
      why = "the node sequences differ at offset " + std::to_string(n.begin) + " / " + std::to_string(m.begin);
      return false;
    }
  }
  if (x != a.nodeCount() || y != b.nodeCount()) {
    why = "one node sequence is longer";
    return false;
  }
  return true;
}

}  // namespace test

#endif  // TESTS_SAME_DOCUMENT_H_
