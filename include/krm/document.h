// krm/document.h: an index of a YAML or JSON text. Nodes carry byte spans;
// nothing here can write YAML. The text is only ever changed by a Patch.
#ifndef KRM_DOCUMENT_H_
#define KRM_DOCUMENT_H_

#include <cassert>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace krm {

using NodeId = uint32_t;
constexpr NodeId kNoNode = UINT32_MAX;

// What a node is (a YAML node kind; not a resource kind). Opaque: a
// resource a ResourceList reader kept as bytes without indexing it (see
// ItemSelector in krm/resource_list.h); it has a span and no children.
enum class NodeKind : uint8_t { Null, Scalar, Map, Seq, Alias, Opaque };

// How a node is written. Containers are Block or Flow.
enum class Style : uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded, Block, Flow };

// One node, 20 bytes. Maps hold their children as key, value, key, value...
struct Node {
  uint32_t begin = 0;          // first byte of the node (its anchor or tag, if any)
  uint32_t end = 0;            // one past its last byte; == begin for an implicit null
  NodeId first = kNoNode;      // first child (kNoNode for a scalar)
  NodeId next = kNoNode;       // next sibling
  uint16_t content_off : 13;   // where the node proper starts, after anchor/tag
  uint16_t in_flow : 1;        // inside a flow collection
  uint16_t implicit : 1;       // an implicit null (nothing written)
  uint16_t value_in_text : 1;  // a scalar whose decoded value is its text [content(), end), inside
                               // the quotes of a quoted one (most are: on one line, no escapes);
                               // else the value is kept apart
  NodeKind kind = NodeKind::Null;
  Style style = Style::Plain;

  // The longest anchor and tag before a node's content that content_off can
  // hold; a longer one is a ParseError.
  static constexpr uint32_t kMaxContentOffset = 8191;

  Node() : content_off(0), in_flow(0), implicit(0), value_in_text(0) {}
  uint32_t content() const { return begin + content_off; }
};
// A large input holds tens of millions of nodes: the layout is part of the
// memory budget (README, Limits). A value that differs from its text (a
// scalar with escapes, over several lines, or a block) is kept in the
// document's arena, found by its node id, rather than costing every node
// two more fields.
static_assert(sizeof(Node) == 20, "Node must stay 20 bytes");

// The deepest nesting of maps and sequences either parser accepts; deeper
// input is a NestingError ("nesting deeper than 256 levels") at the
// collection that passes the limit. Real manifests stay below 40; yaml-cpp's
// own guard (about 500 levels) and the stack are never reached.
constexpr size_t kMaxNesting = 256;

// A text that could not be read: where and why.
class ParseError : public std::runtime_error {
 public:
  ParseError(size_t offset, const std::string& message) : std::runtime_error(message), offset_(offset) {}
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
};

// Nesting deeper than kMaxNesting: too deep for any reader, so a text that
// fails this way as JSON is not retried as YAML.
class NestingError : public ParseError {
 public:
  explicit NestingError(size_t offset);
};

// The node index of a text holding one or more YAML documents, or one JSON
// value. The text is borrowed and must outlive the Document.
class Document {
 public:
  // Indexes YAML with yaml-cpp's event parser. Throws ParseError.
  static Document ParseYaml(const std::string& text);
  // Indexes bytes [begin, end) of `text`, which must read as a YAML stream
  // on their own (for example whole lines of a larger text). Spans and error
  // offsets are offsets into all of `text`. Throws ParseError.
  static Document ParseYamlRange(const std::string& text, size_t begin, size_t end);
  // Indexes JSON with rapidjson's SAX reader. Throws ParseError.
  static Document ParseJson(const std::string& text);
  // The text is borrowed: a temporary would dangle.
  static Document ParseYaml(std::string&&) = delete;
  static Document ParseYamlRange(std::string&&, size_t, size_t) = delete;
  static Document ParseJson(std::string&&) = delete;

  const std::string& text() const { return *text_; }
  bool json() const { return json_; }
  // The root node of each document, in order.
  const std::vector<NodeId>& roots() const { return roots_; }

  // The node `id` (which must be a node of this document).
  const Node& node(NodeId id) const {
    assert(id < size_);
    return blocks_[id >> kShift][id & kMask];
  }
  NodeKind kind(NodeId id) const { return id == kNoNode ? NodeKind::Null : node(id).kind; }
  bool isMap(NodeId id) const { return kind(id) == NodeKind::Map; }
  bool isSeq(NodeId id) const { return kind(id) == NodeKind::Seq; }
  bool isScalar(NodeId id) const { return kind(id) == NodeKind::Scalar; }
  // True for a missing node or a (possibly implicit) null.
  bool isNull(NodeId id) const { return kind(id) == NodeKind::Null; }

  // The decoded value of a scalar ("" for anything else).
  std::string_view value(NodeId id) const;
  // The bytes of the node as written.
  std::string_view raw(NodeId id) const;
  // 0-based column of the node's first byte.
  size_t column(NodeId id) const;

  // The value under `key` in a map, or kNoNode.
  NodeId get(NodeId map, std::string_view key) const;
  // The key node for `key` in a map, or kNoNode.
  NodeId keyOf(NodeId map, std::string_view key) const;
  // Follows a dotted path of map keys from `from` ("spec.template.spec").
  NodeId at(NodeId from, std::string_view dotted) const;
  // The scalar value under `key`, or "" when absent or not a scalar.
  std::string_view str(NodeId map, std::string_view key) const;
  // The items of a sequence (none for anything else).
  std::vector<NodeId> items(NodeId seq) const;
  // The values of a map, in order (none for anything else).
  std::vector<NodeId> values(NodeId map) const;
  // (key, value) pairs of a map.
  std::vector<std::pair<NodeId, NodeId>> pairs(NodeId map) const;

  // Where lines that continue the last document go: before a `...` line
  // that ends it, else the end of the text (after trailing comments).
  size_t tailOffset() const;

  // Number of nodes; for benchmarks and tests.
  size_t nodeCount() const { return size_; }

 private:
  // Building and joining documents (krm/document_internal.h).
  friend class DocumentInternal;
  Document() = default;

  // Nodes live in fixed blocks of 2^kShift: growing never copies what is
  // already there, so the peak memory of a parse stays close to what the
  // nodes need. The last block starts small and doubles up to that size, so
  // that a small document (one embedded in a string) stays small.
  static constexpr unsigned kShift = 15;
  static constexpr size_t kMask = (size_t{1} << kShift) - 1;
  static constexpr size_t kFirstBlock = 64;
  const std::string* text_ = nullptr;
  bool json_ = false;
  std::vector<std::unique_ptr<Node[]>> blocks_;
  size_t size_ = 0;
  size_t last_capacity_ = 0;  // nodes the last block holds room for
  // Scalar values that differ from their text: the bytes, and where each
  // node's are (sorted by node: nodes are added in id order).
  std::string arena_;
  struct ArenaValue {
    NodeId node;
    uint32_t begin;
    uint32_t size;
  };
  std::vector<ArenaValue> arena_values_;
  std::vector<NodeId> roots_;
};

}  // namespace krm

#endif  // KRM_DOCUMENT_H_
