#include "krm/concurrent_parse.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "krm/item_split.h"

namespace krm {

// Joins the indexes of a ResourceList's three parts (the keys up to
// `items:`, groups of items, the keys after them) into the Document a
// sequential parse builds. Returns nothing when a part does not have the
// shape the split promised.
class DocumentJoiner {
 public:
  explicit DocumentJoiner(const std::string& text) {
    out_.text_ = &text;
    out_.json_ = false;
  }

  std::optional<Document> join(Document& prefix, std::vector<Document>& groups, Document& suffix,
                               size_t first_entry) {
    if (prefix.roots_.size() != 1 || !prefix.isMap(prefix.roots_[0])) return std::nullopt;
    NodeId root = prefix.roots_[0];
    auto pairs = prefix.pairs(root);
    if (pairs.empty() || prefix.value(pairs.back().first) != "items" || prefix.kind(pairs.back().second) != Kind::Null)
      return std::nullopt;
    NodeId items = pairs.back().second;
    std::vector<NodeId> suffix_roots;
    for (NodeId r : suffix.roots_)
      if (!suffix.isNull(r)) suffix_roots.push_back(r);
    if (suffix_roots.size() > 1 || (suffix_roots.size() == 1 && (!suffix.isMap(suffix_roots[0]) ||
                                                                 suffix.node(suffix_roots[0]).style != Style::Block)))
      return std::nullopt;
    for (const Document& g : groups)
      if (g.roots_.size() != 1 || !g.isSeq(g.roots_[0]) || g.node(g.roots_[0]).style != Style::Block)
        return std::nullopt;

    append(prefix);
    Node& seq = out_.nodes_[items];
    seq = Node();
    seq.kind = Kind::Seq;
    seq.style = Style::Block;
    seq.begin = static_cast<uint32_t>(first_entry);
    NodeId last = kNoNode;
    for (Document& g : groups) {
      NodeId group_root = g.roots_[0];
      NodeId first = g.node(group_root).first;
      NodeId base = append(g);
      forget(base + group_root);
      if (first == kNoNode) continue;
      first += base;
      if (last == kNoNode) out_.nodes_[items].first = first;
      else out_.nodes_[last].next = first;
      for (last = first; out_.nodes_[last].next != kNoNode;) last = out_.nodes_[last].next;
    }
    if (last == kNoNode) return std::nullopt;
    out_.nodes_[items].end = out_.nodes_[last].end;
    out_.nodes_[root].end = out_.nodes_[items].end;
    if (!suffix_roots.empty()) {
      NodeId first = suffix.node(suffix_roots[0]).first;
      uint32_t end = suffix.node(suffix_roots[0]).end;
      NodeId base = append(suffix);
      for (NodeId r : suffix_roots) forget(base + r);
      if (first != kNoNode) {
        out_.nodes_[items].next = first + base;
        out_.nodes_[root].end = end;
      }
    }
    out_.roots_.push_back(root);
    out_.arena_.shrink_to_fit();
    return std::move(out_);
  }

 private:
  // A part's own root (a group's sequence, the suffix's map) has no place in
  // the joined tree; code that scans every node (Editor::indentStep) must not
  // meet it either, so it becomes a placeholder like the block padding.
  void forget(NodeId id) { out_.nodes_[id] = Node(); }

  // Moves every node of `d` here (their ids shifted by the returned base,
  // their arena values along with them) without copying the nodes.
  NodeId append(Document& d) {
    uint32_t arena_base = static_cast<uint32_t>(out_.arena_.size());
    out_.arena_ += d.arena_;
    std::string().swap(d.arena_);
    size_t n = d.nodes_.size();
    NodeId base = out_.nodes_.adopt(std::move(d.nodes_));
    for (size_t i = 0; i < n; ++i) {
      Node& node = out_.nodes_[static_cast<NodeId>(base + i)];
      if (node.first != kNoNode) node.first += base;
      if (node.next != kNoNode) node.next += base;
      if (node.kind == Kind::Scalar && !node.value_in_text) node.value_begin += arena_base;
    }
    return base;
  }

  Document out_;
};

unsigned DefaultParseThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return std::clamp(n, 1u, 8u);
}

namespace {

// Groups of consecutive items of about equal size: [begin, end) ranges.
std::vector<std::pair<size_t, size_t>> Groups(const ItemSplit& s, unsigned threads) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t total = s.end - s.starts.front();
  size_t n = std::min<size_t>(threads, s.starts.size());
  size_t begin = s.starts.front();
  for (size_t i = 1; i < s.starts.size() && out.size() + 1 < n; ++i) {
    if (s.starts[i] - s.starts.front() >= total * (out.size() + 1) / n) {
      out.emplace_back(begin, s.starts[i]);
      begin = s.starts[i];
    }
  }
  out.emplace_back(begin, s.end);
  return out;
}

}  // namespace

Document ParseYamlConcurrently(const std::string& text, unsigned threads, size_t min_bytes, bool* joined_out) {
  if (joined_out) *joined_out = false;
  if (threads < 2 || text.size() < min_bytes) return Document::ParseYaml(text);
  std::optional<ItemSplit> split = SplitBlockItems(text);
  if (!split || split->starts.size() < 2) return Document::ParseYaml(text);
  auto ranges = Groups(*split, threads);
  std::vector<std::optional<Document>> groups(ranges.size());
  auto work = [&](size_t g) {
    try {
      groups[g] = Document::ParseYamlRange(text, ranges[g].first, ranges[g].second);
    } catch (const std::exception&) {
      // Left empty: the sequential parse below reports the error.
    }
  };
  std::vector<std::thread> pool;
  for (size_t g = 1; g < ranges.size(); ++g) {
    try {
      pool.emplace_back(work, g);
    } catch (const std::system_error&) {
      work(g);  // no thread to be had: index this group here
    }
  }
  work(0);
  std::optional<Document> prefix, suffix;
  try {
    prefix = Document::ParseYamlRange(text, 0, split->prefix_end);
    suffix = Document::ParseYamlRange(text, split->end, text.size());
  } catch (const std::exception&) {
  }
  for (std::thread& t : pool) t.join();
  bool ok = prefix && suffix;
  std::vector<Document> parts;
  for (auto& g : groups) {
    ok = ok && g.has_value();
    if (g) parts.push_back(std::move(*g));
  }
  groups.clear();
  if (ok) {
    DocumentJoiner joiner(text);
    std::optional<Document> joined =
        joiner.join(*prefix, parts, *suffix, split->starts.front() + split->column);
    if (joined) {
      if (joined_out) *joined_out = true;
      return std::move(*joined);
    }
  }
  return Document::ParseYaml(text);
}

}  // namespace krm
