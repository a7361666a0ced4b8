#include "krm/editor.h"

#include <cctype>

#include "krm/scalar_internal.h"

namespace krm {

Editor::Editor(const Document& doc, Patch& patch, std::string eol) : doc_(doc), patch_(patch), eol_(std::move(eol)) {}

size_t Editor::lineEndAfter(size_t pos) const {
  const std::string& t = doc_.text();
  if (pos > 0 && t[pos - 1] == '\n') return pos;
  size_t nl = t.find('\n', pos);
  return nl == std::string::npos ? t.size() : nl + 1;
}

void Editor::insertLines(size_t at, std::string lines, size_t depth, bool end_like_input) {
  const std::string& t = doc_.text();
  if (at == t.size() && at > 0 && t[at - 1] != '\n') {
    keepFinalBlock();
    lines.insert(0, eol_);
    if (end_like_input && lines.size() >= eol_.size()) lines.resize(lines.size() - eol_.size());
  }
  patch_.insert(at, std::move(lines), depth);
}

void Editor::keepFinalBlock() {
  // The last node of the last document, and its last descendant.
  if (doc_.roots().empty()) return;
  NodeId n = doc_.roots().back();
  for (;;) {
    NodeId c = doc_.node(n).first;
    if (c == kNoNode) break;
    while (doc_.node(c).next != kNoNode) c = doc_.node(c).next;
    n = c;
  }
  const Node& b = doc_.node(n);
  const std::string& t = doc_.text();
  if ((b.style != Style::Literal && b.style != Style::Folded) || b.end != t.size()) return;
  // A line break after the block's last line would become part of its value
  // under clip or keep chomping: strip chomping keeps the value as it was.
  size_t h = b.content();
  size_t e = h + 1;
  std::string header(1, t[h]);
  while (e < t.size() && (std::isdigit(static_cast<unsigned char>(t[e])) || t[e] == '+' || t[e] == '-')) {
    if (t[e] != '+' && t[e] != '-') header += t[e];
    ++e;
  }
  header += '-';
  if (t.compare(h, e - h, header) == 0) return;
  Patch::Anchor anchor(patch_, b.begin);
  patch_.replace(h, e, header);
  patch_.expect(Expectation::Kind::Value, n, "", Value::String(std::string(doc_.value(n))));
}

std::string Editor::renderKey(std::string_view key, bool in_flow) const {
  return RenderScalar(key, Style::Plain, in_flow, doc_.json());
}

size_t Editor::indentStep() const {
  if (step_) return step_;
  step_ = 2;
  for (NodeId id = 0; id < doc_.nodeCount(); ++id) {
    const Node& n = doc_.node(id);
    if (n.kind != NodeKind::Map || n.style != Style::Block || n.first == kNoNode) continue;
    NodeId value = doc_.node(n.first).next;
    if (!doc_.isMap(value) || doc_.node(value).style != Style::Block) continue;
    size_t outer = doc_.column(n.first), inner = doc_.column(doc_.node(value).first);
    if (inner > outer) {
      step_ = inner - outer;
      break;
    }
  }
  return step_;
}

Style Editor::siblingStyle(NodeId map) const {
  Style shared = Style::Plain;
  size_t count = 0;
  for (const auto& kv : doc_.pairs(map)) {
    if (!doc_.isScalar(kv.second)) continue;
    Style s = doc_.node(kv.second).style;
    if (s != Style::SingleQuoted && s != Style::DoubleQuoted) return Style::Plain;
    if (count > 0 && s != shared) return Style::Plain;
    shared = s;
    ++count;
  }
  // One quoted value may be quoted for its type ("5751458"), not for style.
  return count >= 2 ? shared : Style::Plain;
}

size_t Editor::seqIndent() const {
  if (seq_indent_ != SIZE_MAX) return seq_indent_;
  seq_indent_ = 0;
  std::vector<bool> root(doc_.nodeCount(), false);
  for (NodeId r : doc_.roots()) root[r] = true;
  for (NodeId id = 0; id < doc_.nodeCount(); ++id) {
    const Node& n = doc_.node(id);
    if (root[id] || n.kind != NodeKind::Map || n.style != Style::Block) continue;
    for (const auto& [key, value] : doc_.pairs(id)) {
      if (!doc_.isSeq(value) || doc_.node(value).style != Style::Block || doc_.node(value).first == kNoNode) continue;
      size_t k = doc_.column(key), dash = doc_.column(value);
      seq_indent_ = dash > k ? dash - k : 0;
      return seq_indent_;
    }
  }
  return seq_indent_;
}

std::string Editor::blockItem(const Value& value, size_t dash) const {
  if (value.type == Value::Type::Map && !value.map.empty()) {
    size_t inner = dash + 2;
    std::string out = "- " + blockEntry(value.map.front().first, value.map.front().second, inner);
    for (size_t i = 1; i < value.map.size(); ++i)
      out += eol_ + std::string(inner, ' ') + blockEntry(value.map[i].first, value.map[i].second, inner);
    return out;
  }
  if (value.type == Value::Type::List && !value.list.empty()) return "- " + RenderValue(value, true, false);
  return "- " + RenderValue(value, false, false);
}

std::string Editor::blockValue(const Value& value, size_t col) const {
  bool map = value.type == Value::Type::Map && !value.map.empty();
  bool list = value.type == Value::Type::List && !value.list.empty();
  if ((!map && !list) || doc_.json()) return " " + RenderValue(value, false, doc_.json());
  std::string out;
  if (list) {
    size_t dash = col + seqIndent();
    for (const Value& item : value.list) out += eol_ + std::string(dash, ' ') + blockItem(item, dash);
    return out;
  }
  size_t inner = col + indentStep();
  for (const auto& kv : value.map) out += eol_ + std::string(inner, ' ') + blockEntry(kv.first, kv.second, inner);
  return out;
}

std::string Editor::blockEntry(std::string_view key, const Value& value, size_t col) const {
  return renderKey(key, false) + ":" + blockValue(value, col);
}

bool Editor::setScalar(NodeId id, std::string_view value) {
  if (!doc_.isScalar(id)) return false;
  const Node& n = doc_.node(id);
  if (n.end <= n.content()) return false;
  if (n.style == Style::Literal || n.style == Style::Folded) return false;
  std::string_view raw = doc_.text();
  raw = raw.substr(n.content(), n.end - n.content());
  if (raw.find('\n') != std::string_view::npos) return false;
  if (doc_.value(id) == value) return true;
  Patch::Anchor anchor(patch_, n.begin);
  std::string text = RenderScalar(value, n.style, n.in_flow, doc_.json());
  bool plain = text == value;
  patch_.replace(n.content(), n.end, std::move(text));
  if (plain)
    patch_.expectLastEditText(id);
  else
    patch_.expect(Expectation::Kind::Value, id, "", Value::String(std::string(value)));
  return true;
}

bool Editor::addKey(NodeId map, std::string_view key, const Value& value, bool front) {
  if (!doc_.isMap(map)) return false;
  const Node& m = doc_.node(map);
  Patch::Anchor anchor(patch_, m.begin);
  patch_.expect(Expectation::Kind::Key, map, key, value);
  bool json = doc_.json();
  if (m.style == Style::Flow) {
    std::string entry = renderKey(key, true) + ": " + RenderValue(value, true, json);
    if (m.first == kNoNode) {
      patch_.insert(m.content() + 1, entry);
    } else if (front) {
      patch_.insert(m.content() + 1, entry + ", ");
    } else {
      auto pairs = doc_.pairs(map);
      patch_.insert(doc_.node(pairs.back().second).end, ", " + entry);
    }
    return true;
  }
  NodeId first_key = m.first;
  size_t col = doc_.column(first_key);
  std::string entry = value.type == Value::Type::String
                          ? renderKey(key, false) + ": " + RenderScalar(value.str, siblingStyle(map), false, json)
                          : blockEntry(key, value, col);
  if (front) {
    patch_.insert(doc_.node(first_key).content(), entry + eol_ + std::string(col, ' '));
    return true;
  }
  bool last_root = !doc_.roots().empty() && doc_.roots().back() == map;
  size_t at = last_root ? doc_.tailOffset() : lineEndAfter(m.end);
  insertLines(at, std::string(col, ' ') + entry + eol_, col);
  return true;
}

bool Editor::fillNull(NodeId key, NodeId null_value, const Value& value) {
  if (!doc_.isNull(null_value) || null_value == kNoNode) return false;
  const Node& n = doc_.node(null_value);
  Patch::Anchor anchor(patch_, doc_.node(key).begin);
  patch_.expect(Expectation::Kind::Value, null_value, "", value);
  std::string text = RenderValue(value, n.in_flow || value.type != Value::Type::String, doc_.json());
  if (!n.implicit) {
    patch_.replace(n.content(), n.end, text);
    return true;
  }
  // `key:` with nothing after the colon: write after the colon.
  const std::string& t = doc_.text();
  size_t colon = t.find(':', doc_.node(key).end);
  if (colon == std::string::npos) return false;
  size_t rest = t.find_first_not_of(" \t\r", colon + 1);
  bool bare = rest == std::string::npos || t[rest] == '\n';
  bool block = (value.type == Value::Type::Map && !value.map.empty()) ||
               (value.type == Value::Type::List && !value.list.empty());
  if (!n.in_flow && !doc_.json() && bare && block) {
    size_t col = doc_.column(key);
    patch_.insert(colon + 1, blockValue(value, col));
    return true;
  }
  patch_.insert(colon + 1, " " + text);
  return true;
}

bool Editor::setKey(NodeId map, std::string_view key, const Value& value, bool front) {
  NodeId k = doc_.keyOf(map, key);
  if (k == kNoNode) return addKey(map, key, value, front);
  NodeId v = doc_.node(k).next;
  if (doc_.isNull(v)) return fillNull(k, v, value);
  if (doc_.isScalar(v) && value.type == Value::Type::String) return setScalar(v, value.str);
  return false;
}

bool Editor::setPath(NodeId map, const std::vector<std::string>& keys, const Value& value) {
  NodeId cur = map;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!doc_.isMap(cur)) return false;
    NodeId k = doc_.keyOf(cur, keys[i]);
    bool last = i + 1 == keys.size();
    if (k == kNoNode || doc_.isNull(doc_.node(k).next)) {
      Value v = value;
      for (size_t j = keys.size() - 1; j > i; --j) v = Value::Map({{keys[j], v}});
      if (k == kNoNode) return addKey(cur, keys[i], v);
      return fillNull(k, doc_.node(k).next, v);
    }
    if (last) return setKey(cur, keys[i], value);
    cur = doc_.node(k).next;
  }
  return false;
}

namespace {

// Adds `value` at `path` inside the map value `into`.
void Merge(Value& into, const std::vector<std::string>& path, size_t from, const Value& value) {
  if (from + 1 == path.size()) {
    into.map.emplace_back(path[from], value);
    return;
  }
  for (auto& kv : into.map) {
    if (kv.first == path[from] && kv.second.type == Value::Type::Map) {
      Merge(kv.second, path, from + 1, value);
      return;
    }
  }
  into.map.emplace_back(path[from], Value::Map({}));
  Merge(into.map.back().second, path, from + 1, value);
}

}  // namespace

bool Editor::setPaths(NodeId map, const std::vector<std::pair<std::vector<std::string>, Value>>& edits) {
  bool ok = true;
  std::vector<std::string> done;
  for (size_t i = 0; i < edits.size(); ++i) {
    const auto& path = edits[i].first;
    if (path.empty()) continue;
    const std::string& head = path[0];
    bool seen = false;
    for (const auto& h : done) seen = seen || h == head;
    if (seen) continue;
    done.push_back(head);
    NodeId child = doc_.get(map, head);
    if (doc_.isMap(child)) {
      std::vector<std::pair<std::vector<std::string>, Value>> sub;
      for (size_t j = i; j < edits.size(); ++j) {
        if (edits[j].first.size() > 1 && edits[j].first[0] == head)
          sub.emplace_back(std::vector<std::string>(edits[j].first.begin() + 1, edits[j].first.end()), edits[j].second);
      }
      ok = setPaths(child, sub) && ok;
      continue;
    }
    if (path.size() == 1) {
      ok = setKey(map, head, edits[i].second) && ok;
      continue;
    }
    Value merged = Value::Map({});
    for (size_t j = i; j < edits.size(); ++j) {
      if (edits[j].first[0] == head && edits[j].first.size() > 1) Merge(merged, edits[j].first, 1, edits[j].second);
    }
    ok = setPath(map, {head}, merged) && ok;
  }
  return ok;
}

bool Editor::append(NodeId seq, const Value& value) {
  if (!doc_.isSeq(seq)) return false;
  const Node& s = doc_.node(seq);
  Patch::Anchor anchor(patch_, s.begin);
  patch_.expect(Expectation::Kind::Item, seq, "", value);
  bool json = doc_.json();
  if (s.style == Style::Flow) {
    std::string item = RenderValue(value, true, json);
    auto items = doc_.items(seq);
    if (items.empty()) {
      patch_.insert(s.content() + 1, item);
    } else {
      patch_.insert(doc_.node(items.back()).end, ", " + item);
    }
    return true;
  }
  size_t col = doc_.column(seq);
  std::string item = json ? "- " + RenderValue(value, false, json) : blockItem(value, col);
  size_t at = lineEndAfter(s.end);
  insertLines(at, std::string(col, ' ') + item + eol_, col);
  return true;
}

bool Editor::removeKey(NodeId map, NodeId key, bool replaced) {
  if (!doc_.isMap(map) || doc_.node(map).style == Style::Flow) return false;
  const Node& k = doc_.node(key);
  NodeId v = k.next;
  size_t begin = k.begin - doc_.column(key);
  size_t end = lineEndAfter(v == kNoNode ? k.end : doc_.node(v).end);
  Patch::Anchor anchor(patch_, doc_.node(map).begin);
  patch_.replace(begin, end, "");
  if (!replaced) patch_.expect(Expectation::Kind::NoKey, map, doc_.value(key), Value());
  return true;
}

}  // namespace krm
