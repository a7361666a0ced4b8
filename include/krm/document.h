// krm/document.h: an index of a YAML or JSON text. Nodes carry byte spans;
// nothing here can write YAML. The text is only ever changed by a Patch.
#ifndef KRM_DOCUMENT_H_
#define KRM_DOCUMENT_H_

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace krm {

using NodeId = uint32_t;
constexpr NodeId kNoNode = UINT32_MAX;

enum class Kind : uint8_t { Null, Scalar, Map, Seq, Alias };

// How a node is written. Containers are Block or Flow.
enum class Style : uint8_t {
  Plain, SingleQuoted, DoubleQuoted, Literal, Folded, Block, Flow
};

// One node, 28 bytes. Maps hold their children as key, value, key, value...
struct Node {
  uint32_t begin = 0;        // first byte of the node (its anchor or tag, if any)
  uint32_t end = 0;          // one past its last byte; == begin for an implicit null
  uint32_t value_begin = 0;  // decoded scalar value: in the arena, or in the text
  uint32_t value_size = 0;
  NodeId first = kNoNode;    // first child
  NodeId next = kNoNode;     // next sibling
  uint16_t content_off : 13; // where the node proper starts, after anchor/tag
  uint16_t in_flow : 1;      // inside a flow collection
  uint16_t implicit : 1;     // an implicit null (nothing written)
  uint16_t value_in_text : 1;  // the value is the text itself (plain, one line)
  Kind kind = Kind::Null;
  Style style = Style::Plain;

  Node() : content_off(0), in_flow(0), implicit(0), value_in_text(0) {}
  uint32_t content() const { return begin + content_off; }
};

// Nodes in fixed blocks: growing never copies what is already there, so the
// peak memory of a parse stays close to what the nodes need.
class NodeStore {
 public:
  static constexpr unsigned kShift = 15;
  static constexpr size_t kBlockSize = size_t{1} << kShift;
  size_t size() const { return size_; }
  Node& operator[](NodeId id) { return blocks_[id >> kShift][id & kMask]; }
  const Node& operator[](NodeId id) const { return blocks_[id >> kShift][id & kMask]; }
  // Moves every node of `other` to the end of this store without copying
  // them: the store first skips to a block boundary (the skipped ids hold
  // default nodes no one refers to), then takes over `other`'s blocks.
  // Returns the id the first node of `other` now has. `other` is left empty.
  NodeId adopt(NodeStore&& other) {
    size_ = (size_ + kMask) & ~kMask;
    blocks_.resize(size_ >> kShift);
    NodeId base = static_cast<NodeId>(size_);
    for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
    size_ += other.size_;
    other.blocks_.clear();
    other.size_ = 0;
    return base;
  }
  NodeId push_back(const Node& n) {
    if ((size_ & kMask) == 0) blocks_.emplace_back(new Node[kMask + 1]);
    NodeId id = static_cast<NodeId>(size_++);
    (*this)[id] = n;
    return id;
  }

 private:
  static constexpr size_t kMask = kBlockSize - 1;
  std::vector<std::unique_ptr<Node[]>> blocks_;
  size_t size_ = 0;
};

// The deepest nesting of maps and sequences either parser accepts; deeper
// input is a ParseError ("nesting deeper than 256 levels") at the collection
// that passes the limit. Real manifests stay below 40; yaml-cpp's own guard
// (about 500 levels) and the stack are never reached.
constexpr size_t kMaxNesting = 256;
// The message of that error.
std::string NestingTooDeep();

// A text that could not be read: where and why.
class ParseError : public std::runtime_error {
 public:
  ParseError(size_t offset, const std::string& message)
      : std::runtime_error(message), offset_(offset) {}
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
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

  const Node& node(NodeId id) const { return nodes_[id]; }
  Kind kind(NodeId id) const { return id == kNoNode ? Kind::Null : nodes_[id].kind; }
  bool isMap(NodeId id) const { return kind(id) == Kind::Map; }
  bool isSeq(NodeId id) const { return kind(id) == Kind::Seq; }
  bool isScalar(NodeId id) const { return kind(id) == Kind::Scalar; }
  // True for a missing node or a (possibly implicit) null.
  bool isNull(NodeId id) const { return id == kNoNode || nodes_[id].kind == Kind::Null; }

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
  // Children of a sequence, or the values of a map.
  std::vector<NodeId> items(NodeId seq) const;
  // (key, value) pairs of a map.
  std::vector<std::pair<NodeId, NodeId>> pairs(NodeId map) const;

  // Number of nodes; for benchmarks and tests.
  size_t nodeCount() const { return nodes_.size(); }

 private:
  friend class DocumentBuilder;
  friend class DocumentJoiner;
  const std::string* text_ = nullptr;
  bool json_ = false;
  NodeStore nodes_;
  std::string arena_;
  std::vector<NodeId> roots_;
};

// Used by the YAML and JSON indexers to append nodes in document order.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(const std::string& text, bool json);
  // Opens a container starting at `begin`.
  void open(Kind kind, Style style, uint32_t begin, uint32_t content);
  // Closes the innermost container; `end` is one past its last byte.
  void close(uint32_t end);
  // Adds a leaf.
  NodeId leaf(Kind kind, Style style, uint32_t begin, uint32_t content,
              uint32_t end, std::string_view value, bool implicit);
  // True when the innermost open container is a flow collection.
  bool inFlow() const;
  // The last node added (closed containers included).
  NodeId last() const { return last_; }
  // The last child of the innermost open container, or kNoNode.
  NodeId lastChild() const;
  Document finish();
  Document& doc() { return doc_; }

 private:
  NodeId add(Node n);
  Document doc_;
  struct Open { NodeId id; NodeId last_child; };
  std::vector<Open> stack_;
  NodeId last_ = kNoNode;
};

}  // namespace krm

#endif  // KRM_DOCUMENT_H_
