#include "krm/document.h"

namespace krm {

std::string_view Document::value(NodeId id) const {
  if (id == kNoNode) return {};
  const Node& n = nodes_[id];
  if (n.kind != Kind::Scalar) return {};
  if (n.value_in_text) return std::string_view(*text_).substr(n.value_begin, n.value_size);
  return std::string_view(arena_).substr(n.value_begin, n.value_size);
}

std::string_view Document::raw(NodeId id) const {
  if (id == kNoNode) return {};
  const Node& n = nodes_[id];
  return std::string_view(*text_).substr(n.begin, n.end - n.begin);
}

size_t Document::column(NodeId id) const {
  size_t pos = nodes_[id].content();
  size_t line = text_->rfind('\n', pos == 0 ? 0 : pos - 1);
  if (pos == 0) return 0;
  return line == std::string::npos ? pos : pos - line - 1;
}

NodeId Document::keyOf(NodeId map, std::string_view key) const {
  if (!isMap(map)) return kNoNode;
  for (NodeId k = nodes_[map].first; k != kNoNode;) {
    NodeId v = nodes_[k].next;
    if (nodes_[k].kind == Kind::Scalar && value(k) == key) return k;
    if (v == kNoNode) break;
    k = nodes_[v].next;
  }
  return kNoNode;
}

NodeId Document::get(NodeId map, std::string_view key) const {
  NodeId k = keyOf(map, key);
  return k == kNoNode ? kNoNode : nodes_[k].next;
}

std::string NestingTooDeep() { return "nesting deeper than " + std::to_string(kMaxNesting) + " levels"; }

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

std::string_view Document::str(NodeId map, std::string_view key) const {
  return value(get(map, key));
}

std::vector<NodeId> Document::items(NodeId seq) const {
  std::vector<NodeId> out;
  if (seq == kNoNode) return out;
  if (isMap(seq)) {
    for (auto& kv : pairs(seq)) out.push_back(kv.second);
    return out;
  }
  if (!isSeq(seq)) return out;
  for (NodeId c = nodes_[seq].first; c != kNoNode; c = nodes_[c].next) out.push_back(c);
  return out;
}

std::vector<std::pair<NodeId, NodeId>> Document::pairs(NodeId map) const {
  std::vector<std::pair<NodeId, NodeId>> out;
  if (!isMap(map)) return out;
  for (NodeId k = nodes_[map].first; k != kNoNode;) {
    NodeId v = nodes_[k].next;
    if (v == kNoNode) break;
    out.emplace_back(k, v);
    k = nodes_[v].next;
  }
  return out;
}

DocumentBuilder::DocumentBuilder(const std::string& text, bool json) {
  doc_.text_ = &text;
  doc_.json_ = json;
}

NodeId DocumentBuilder::add(Node n) {
  n.in_flow = inFlow() ? 1 : 0;
  NodeId id = doc_.nodes_.push_back(n);
  if (stack_.empty()) {
    doc_.roots_.push_back(id);
  } else {
    Open& top = stack_.back();
    if (top.last_child == kNoNode) {
      doc_.nodes_[top.id].first = id;
    } else {
      doc_.nodes_[top.last_child].next = id;
    }
    top.last_child = id;
  }
  last_ = id;
  return id;
}

void DocumentBuilder::open(Kind kind, Style style, uint32_t begin, uint32_t content) {
  Node n;
  n.kind = kind;
  n.style = style;
  n.begin = begin;
  n.content_off = (content - begin < 8191 ? content - begin : 8191) & 0x1FFFu;
  NodeId id = add(n);
  stack_.push_back({id, kNoNode});
}

void DocumentBuilder::close(uint32_t end) {
  NodeId id = stack_.back().id;
  doc_.nodes_[id].end = end;
  stack_.pop_back();
  last_ = id;
}

NodeId DocumentBuilder::leaf(Kind kind, Style style, uint32_t begin, uint32_t content,
                             uint32_t end, std::string_view value, bool implicit) {
  Node n;
  n.kind = kind;
  n.style = style;
  n.begin = begin;
  n.content_off = (content - begin < 8191 ? content - begin : 8191) & 0x1FFFu;
  n.end = end;
  n.implicit = implicit ? 1 : 0;
  if (kind == Kind::Scalar) {
    n.value_size = static_cast<uint32_t>(value.size());
    std::string_view raw = std::string_view(*doc_.text_).substr(content, end > content ? end - content : 0);
    if (raw == value) {
      n.value_in_text = 1;  // most scalars: no copy
      n.value_begin = content;
    } else {
      n.value_begin = static_cast<uint32_t>(doc_.arena_.size());
      doc_.arena_.append(value);
    }
  }
  return add(n);
}

bool DocumentBuilder::inFlow() const {
  return !stack_.empty() && doc_.nodes_[stack_.back().id].style == Style::Flow;
}

NodeId DocumentBuilder::lastChild() const {
  return stack_.empty() ? kNoNode : stack_.back().last_child;
}

Document DocumentBuilder::finish() {
  doc_.arena_.shrink_to_fit();
  return std::move(doc_);
}

}  // namespace krm
