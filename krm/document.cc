#include "krm/document.h"

#include <algorithm>

#include "krm/document_internal.h"

namespace krm {

namespace {

// The bytes of a scalar written as its value: [content, end), without the
// quotes of a quoted one (a quoted value without escapes or line breaks is
// the text between them).
std::string_view InText(std::string_view text, const Node& n) {
  uint32_t content = n.content();
  std::string_view raw = text.substr(content, n.end > content ? n.end - content : 0);
  bool quoted = (n.style == Style::SingleQuoted || n.style == Style::DoubleQuoted) && raw.size() >= 2;
  return quoted ? raw.substr(1, raw.size() - 2) : raw;
}

}  // namespace

std::string_view Document::value(NodeId id) const {
  if (id == kNoNode) return {};
  const Node& n = node(id);
  if (n.kind != NodeKind::Scalar) return {};
  if (n.value_in_text) return InText(*text_, n);
  auto it = std::lower_bound(arena_values_.begin(), arena_values_.end(), id,
                             [](const ArenaValue& v, NodeId at) { return v.node < at; });
  if (it == arena_values_.end() || it->node != id) return {};
  return std::string_view(arena_).substr(it->begin, it->size);
}

std::string_view Document::raw(NodeId id) const {
  if (id == kNoNode) return {};
  const Node& n = node(id);
  return std::string_view(*text_).substr(n.begin, n.end - n.begin);
}

size_t Document::column(NodeId id) const {
  size_t pos = node(id).content();
  size_t line = text_->rfind('\n', pos == 0 ? 0 : pos - 1);
  if (pos == 0) return 0;
  return line == std::string::npos ? pos : pos - line - 1;
}

NodeId Document::keyOf(NodeId map, std::string_view key) const {
  if (!isMap(map)) return kNoNode;
  for (NodeId k = node(map).first; k != kNoNode;) {
    NodeId v = node(k).next;
    if (node(k).kind == NodeKind::Scalar && value(k) == key) return k;
    if (v == kNoNode) break;
    k = node(v).next;
  }
  return kNoNode;
}

NodeId Document::get(NodeId map, std::string_view key) const {
  NodeId k = keyOf(map, key);
  return k == kNoNode ? kNoNode : node(k).next;
}

NestingError::NestingError(size_t offset)
    : ParseError(offset, "nesting deeper than " + std::to_string(kMaxNesting) + " levels") {}

NodeId Document::at(NodeId from, std::string_view dotted) const {
  NodeId cur = from;
  while (!dotted.empty() && cur != kNoNode) {
    size_t dot = dotted.find('.');
    cur = get(cur, dotted.substr(0, dot));
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
  }
  return cur;
}

std::string_view Document::str(NodeId map, std::string_view key) const { return value(get(map, key)); }

std::vector<NodeId> Document::items(NodeId seq) const {
  std::vector<NodeId> out;
  if (!isSeq(seq)) return out;
  for (NodeId c = node(seq).first; c != kNoNode; c = node(c).next) out.push_back(c);
  return out;
}

size_t Document::tailOffset() const {
  const std::string& t = *text_;
  size_t end = roots_.empty() ? 0 : node(roots_.back()).end;
  // The first line that starts at or after the last document's end.
  size_t start = end == 0 || t[end - 1] == '\n' ? end : t.find('\n', end);
  if (start != std::string::npos && start != end) ++start;
  while (start != std::string::npos && start < t.size()) {
    if (t.compare(start, 3, "...") == 0) {
      char c = start + 3 < t.size() ? t[start + 3] : '\n';
      if (c == '\n' || c == '\r' || c == ' ' || c == '\t') return start;
    }
    start = t.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  return t.size();
}

std::vector<NodeId> Document::values(NodeId map) const {
  std::vector<NodeId> out;
  for (auto& kv : pairs(map)) out.push_back(kv.second);
  return out;
}

std::vector<std::pair<NodeId, NodeId>> Document::pairs(NodeId map) const {
  std::vector<std::pair<NodeId, NodeId>> out;
  if (!isMap(map)) return out;
  for (NodeId k = node(map).first; k != kNoNode;) {
    NodeId v = node(k).next;
    if (v == kNoNode) break;
    out.emplace_back(k, v);
    k = node(v).next;
  }
  return out;
}

namespace {

// content - begin, the length of the anchor and tag before a node's content.
uint16_t ContentOffset(uint32_t begin, uint32_t content) {
  if (content - begin > Node::kMaxContentOffset)
    throw ParseError(begin, "an anchor and tag longer than " + std::to_string(Node::kMaxContentOffset) + " bytes");
  return static_cast<uint16_t>(content - begin);
}

}  // namespace

void DocumentInternal::RequireAddressable(const std::string& text) {
  if (text.size() >= UINT32_MAX)
    throw ParseError(0, "a text of " + std::to_string(text.size()) + " bytes; at most 4 GiB - 1 can be indexed");
}

Document DocumentInternal::Empty(const std::string& text, bool json) {
  Document d;
  d.text_ = &text;
  d.json_ = json;
  return d;
}

namespace {

// Makes the last block hold `capacity` nodes, keeping the ones it has.
void GrowLastBlock(std::vector<std::unique_ptr<Node[]>>& blocks, size_t used, size_t& capacity, size_t to) {
  std::unique_ptr<Node[]> bigger(new Node[to]);
  std::copy(blocks.back().get(), blocks.back().get() + used, bigger.get());
  blocks.back() = std::move(bigger);
  capacity = to;
}

}  // namespace

NodeId DocumentInternal::Push(Document& d, const Node& n) {
  if (d.size_ >= kNoNode) throw ParseError(n.begin, "more than " + std::to_string(kNoNode - 1) + " nodes");
  size_t used = d.size_ & Document::kMask;
  if (used == 0) {
    d.blocks_.emplace_back(new Node[Document::kFirstBlock]);
    d.last_capacity_ = Document::kFirstBlock;
  } else if (used == d.last_capacity_) {
    GrowLastBlock(d.blocks_, used, d.last_capacity_, std::min(used * 2, Document::kMask + 1));
  }
  NodeId id = static_cast<NodeId>(d.size_++);
  Mutable(d, id) = n;
  return id;
}

void DocumentInternal::FillLastBlock(Document& to, Document& from) {
  constexpr size_t kBlock = Document::kMask + 1;
  size_t used = to.size_ & Document::kMask;
  if (used == 0 || from.size_ == 0) return;  // on a block boundary already
  size_t k = std::min(kBlock - used, from.size_);
  if (to.last_capacity_ < used + k)
    GrowLastBlock(to.blocks_, used, to.last_capacity_, std::min(kBlock, used + from.size_));
  Node* last = to.blocks_.back().get();
  auto at = [&](size_t i) -> Node& { return from.blocks_[i >> Document::kShift][i & Document::kMask]; };
  for (size_t i = 0; i < k; ++i) last[used + i] = at(i);
  to.size_ += k;
  // The rest move down by k in `from`'s blocks; the blocks left empty go.
  size_t rest = from.size_ - k;
  for (size_t i = 0; i < rest; ++i) at(i) = at(i + k);
  size_t blocks = (rest + Document::kMask) >> Document::kShift;
  if (blocks < from.blocks_.size()) {
    from.blocks_.resize(blocks);
    from.last_capacity_ = kBlock;  // a block that was full before the move
  }
  from.size_ = rest;
}

NodeId DocumentInternal::Adopt(Document& to, Document& from) {
  uint32_t arena_base = static_cast<uint32_t>(to.arena_.size());
  to.arena_ += from.arena_;
  std::string().swap(from.arena_);
  std::vector<Document::ArenaValue> values;
  values.swap(from.arena_values_);
  NodeId base = static_cast<NodeId>(to.size_);
  size_t n = from.size_;
  if (to.size_ + n >= kNoNode) throw ParseError(0, "more than " + std::to_string(kNoNode - 1) + " nodes");
  FillLastBlock(to, from);
  // `to`'s last block is full (or holds every node): it takes over the rest.
  if (from.size_ > 0) {
    for (auto& b : from.blocks_) to.blocks_.push_back(std::move(b));
    to.last_capacity_ = from.last_capacity_;
  }
  to.size_ = base + n;
  from.blocks_.clear();
  from.size_ = 0;
  for (size_t i = base; i < base + n; ++i) {
    Node& node = Mutable(to, static_cast<NodeId>(i));
    if (node.first != kNoNode) node.first += base;
    if (node.next != kNoNode) node.next += base;
  }
  // Every node of `from` now has a greater id than those of `to`: the
  // values stay sorted by node.
  for (const Document::ArenaValue& v : values)
    to.arena_values_.push_back({v.node + base, v.begin + arena_base, v.size});
  return base;
}

NodeId DocumentBuilder::add(Node n) {
  n.in_flow = inFlow() ? 1 : 0;
  NodeId id = DocumentInternal::Push(doc_, n);
  if (stack_.empty()) {
    DocumentInternal::Roots(doc_).push_back(id);
  } else {
    Open& top = stack_.back();
    if (top.last_child == kNoNode) {
      DocumentInternal::Mutable(doc_, top.id).first = id;
    } else {
      DocumentInternal::Mutable(doc_, top.last_child).next = id;
    }
    top.last_child = id;
    ++top.children;
  }
  return id;
}

void DocumentBuilder::open(NodeKind kind, Style style, uint32_t begin, uint32_t content) {
  Node n;
  n.kind = kind;
  n.style = style;
  n.begin = begin;
  n.content_off = ContentOffset(begin, content) & 0x1FFFu;
  NodeId id = add(n);
  stack_.push_back({id, kNoNode, 0});
}

void DocumentBuilder::close(uint32_t end) {
  NodeId id = stack_.back().id;
  DocumentInternal::Mutable(doc_, id).end = end;
  stack_.pop_back();
  if (doc_.node(id).kind == NodeKind::Map) RequireUniqueKeys(id);
}

void DocumentBuilder::RequireUniqueKeys(NodeId map) const {
  // Most maps have a few keys: compare pairwise; sort the keys of large ones.
  // (One buffer for every map of the parse: closing a map allocates nothing.)
  std::vector<NodeId>& keys = keys_;
  keys.clear();
  for (NodeId k = doc_.node(map).first; k != kNoNode;) {
    if (doc_.isScalar(k)) keys.push_back(k);
    NodeId v = doc_.node(k).next;
    k = v == kNoNode ? kNoNode : doc_.node(v).next;
  }
  // Where the first one is, relative to the second (both are in one
  // document, and so in one file of a stream of files).
  auto fail = [&](NodeId first, NodeId second) {
    const std::string& t = doc_.text();
    uint32_t a = doc_.node(first).begin, b = doc_.node(second).begin;
    if (a > b) std::swap(a, b);
    auto lines = std::count(t.begin() + a, t.begin() + b, '\n');
    std::string where = lines == 0   ? "earlier on this line"
                        : lines == 1 ? "1 line above"
                                     : std::to_string(lines) + " lines above";
    throw ParseError(b, "duplicate key '" + std::string(doc_.value(second)) + "': it is already set " + where);
  };
  if (keys.size() <= 16) {
    for (size_t i = 1; i < keys.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (doc_.value(keys[i]) == doc_.value(keys[j])) fail(keys[j], keys[i]);
    return;
  }
  std::stable_sort(keys.begin(), keys.end(), [&](NodeId a, NodeId b) { return doc_.value(a) < doc_.value(b); });
  for (size_t i = 1; i < keys.size(); ++i)
    if (doc_.value(keys[i]) == doc_.value(keys[i - 1])) fail(keys[i - 1], keys[i]);
}

NodeId DocumentBuilder::leaf(NodeKind kind, Style style, uint32_t begin, uint32_t content, uint32_t end,
                             std::string_view value, bool implicit) {
  Node n;
  n.kind = kind;
  n.style = style;
  n.begin = begin;
  n.content_off = ContentOffset(begin, content) & 0x1FFFu;
  n.end = end;
  n.implicit = implicit ? 1 : 0;
  bool apart = false;
  if (kind == NodeKind::Scalar) {
    apart = InText(doc_.text(), n) != value;
    n.value_in_text = apart ? 0 : 1;  // most scalars, quoted ones too: no copy
  }
  NodeId id = add(n);
  if (apart) {
    std::string& arena = DocumentInternal::Arena(doc_);
    DocumentInternal::ArenaValues(doc_).push_back(
        {id, static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(value.size())});
    arena.append(value);
  }
  return id;
}

bool DocumentBuilder::inFlow() const { return !stack_.empty() && doc_.node(stack_.back().id).style == Style::Flow; }

bool DocumentBuilder::atBlockKey() const {
  if (stack_.empty()) return false;
  const Node& top = doc_.node(stack_.back().id);
  return top.kind == NodeKind::Map && top.style == Style::Block && stack_.back().children % 2 == 0;
}

NodeId DocumentBuilder::lastChild() const { return stack_.empty() ? kNoNode : stack_.back().last_child; }

Document DocumentBuilder::finish() {
  DocumentInternal::Arena(doc_).shrink_to_fit();
  DocumentInternal::ArenaValues(doc_).shrink_to_fit();
  return std::move(doc_);
}

}  // namespace krm
