// krm/document_internal.h: how the indexers build a Document and how the
// concurrent parser joins several into one. Not part of krm's public API
// (the pattern of leveldb's db/write_batch_internal.h): only krm/*.cc use it.
#ifndef KRM_DOCUMENT_INTERNAL_H_
#define KRM_DOCUMENT_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "krm/document.h"

namespace krm {

class DocumentBuilder;

class DocumentInternal {
 public:
  // An empty document over `text` (borrowed).
  static Document Empty(const std::string& text, bool json);
  // A node to change while building.
  static Node& Mutable(Document& d, NodeId id) {
    assert(id < d.size_);
    return d.blocks_[id >> Document::kShift][id & Document::kMask];
  }
  // Appends a node; returns its id. Throws ParseError past 2^32 - 1 nodes.
  static NodeId Push(Document& d, const Node& n);
  // Moves every node of `from` to the end of `to`, right after its own
  // nodes (the ids stay dense: no gap to a block boundary, whose padding
  // would cost up to a block of memory per join). `to`'s last block is
  // filled up with `from`'s first nodes, the rest move down in `from`'s
  // own blocks, which `to` then takes over: no node is copied twice and
  // no block is made but `to`'s last one grown. Returns the id the first
  // node of `from` now has; child and sibling ids and arena offsets of the
  // moved nodes are shifted to match. `from` is left empty.
  static NodeId Adopt(Document& to, Document& from);
  // Adopt's first step: moves `from`'s first nodes into `to`'s last block
  // up to its end (ids not yet shifted), and the rest down in `from`.
  static void FillLastBlock(Document& to, Document& from);
  // Throws ParseError for a text of 4 GiB or more: node spans are 32-bit.
  static void RequireAddressable(const std::string& text);
  static std::vector<NodeId>& Roots(Document& d) { return d.roots_; }
  // Indexes text[begin, end) (which must read as a YAML stream on its
  // own) with yaml-cpp, adding its documents' roots to `into`. Throws
  // ParseError as Document::ParseYamlRange does.
  static void IndexYamlRange(const std::string& text, size_t begin, size_t end, DocumentBuilder& into);
  static std::string& Arena(Document& d) { return d.arena_; }
  static std::vector<Document::ArenaValue>& ArenaValues(Document& d) { return d.arena_values_; }
};

// Appends nodes in document order, for the YAML and JSON indexers.
class DocumentBuilder {
 public:
  DocumentBuilder(const std::string& text, bool json) : doc_(DocumentInternal::Empty(text, json)) {}
  // Opens a container starting at `begin`, whose content starts at `content`.
  void open(NodeKind kind, Style style, uint32_t begin, uint32_t content);
  // Closes the innermost container; `end` is one past its last byte.
  void close(uint32_t end);
  // Adds a leaf.
  NodeId leaf(NodeKind kind, Style style, uint32_t begin, uint32_t content, uint32_t end, std::string_view value,
              bool implicit);
  // True when the innermost open container is a flow collection.
  bool inFlow() const;
  // True when the next node is a key of a block map.
  bool atBlockKey() const;
  // The last child of the innermost open container, or kNoNode.
  NodeId lastChild() const;
  // The document; the builder is spent.
  Document finish();
  // The document built so far, read-only.
  const Document& doc() const { return doc_; }

 private:
  NodeId add(Node n);
  // Throws ParseError at the second of two equal keys of `map` (YAML
  // forbids them; yaml-cpp keeps both and readers take the first).
  void RequireUniqueKeys(NodeId map) const;
  Document doc_;
  struct Open {
    NodeId id;
    NodeId last_child;
    size_t children;
  };
  std::vector<Open> stack_;
  mutable std::vector<NodeId> keys_;  // RequireUniqueKeys' buffer
};

}  // namespace krm

#endif  // KRM_DOCUMENT_INTERNAL_H_
