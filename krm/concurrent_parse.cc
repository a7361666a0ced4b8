#include <algorithm>
#include <exception>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "krm/concurrent_parse_internal.h"
#include "krm/document_internal.h"
#include "krm/item_split_internal.h"

namespace krm {

// Joins the indexes of a ResourceList's three parts (the keys up to
// `items:`, groups of items, the keys after them) into the Document a
// sequential parse builds. Returns nothing when a part does not have the
// shape the split promised.
namespace {

class DocumentJoiner {
 public:
  explicit DocumentJoiner(const std::string& text) : out_(DocumentInternal::Empty(text, false)) {}

  std::optional<Document> join(Document& prefix, std::vector<Document>& groups, Document& suffix, size_t first_entry) {
    if (prefix.roots().size() != 1 || !prefix.isMap(prefix.roots()[0])) return std::nullopt;
    NodeId root = prefix.roots()[0];
    auto pairs = prefix.pairs(root);
    if (pairs.empty() || prefix.value(pairs.back().first) != "items" ||
        prefix.kind(pairs.back().second) != NodeKind::Null)
      return std::nullopt;
    NodeId items = pairs.back().second;
    std::vector<NodeId> suffix_roots;
    for (NodeId r : suffix.roots())
      if (!suffix.isNull(r)) suffix_roots.push_back(r);
    if (suffix_roots.size() > 1 || (suffix_roots.size() == 1 && (!suffix.isMap(suffix_roots[0]) ||
                                                                 suffix.node(suffix_roots[0]).style != Style::Block)))
      return std::nullopt;
    for (const Document& g : groups)
      if (g.roots().size() != 1 || !g.isSeq(g.roots()[0]) || g.node(g.roots()[0]).style != Style::Block)
        return std::nullopt;

    append(prefix);
    Node& seq = at(items);
    seq = Node();
    seq.kind = NodeKind::Seq;
    seq.style = Style::Block;
    seq.begin = static_cast<uint32_t>(first_entry);
    NodeId last = kNoNode;
    for (Document& g : groups) {
      NodeId group_root = g.roots()[0];
      NodeId first = g.node(group_root).first;
      NodeId base = append(g);
      forget(base + group_root);
      if (first == kNoNode) continue;
      first += base;
      if (last == kNoNode)
        at(items).first = first;
      else
        at(last).next = first;
      for (last = first; at(last).next != kNoNode;) last = at(last).next;
    }
    if (last == kNoNode) return std::nullopt;
    at(items).end = at(last).end;
    at(root).end = at(items).end;
    if (!suffix_roots.empty()) {
      NodeId first = suffix.node(suffix_roots[0]).first;
      uint32_t end = suffix.node(suffix_roots[0]).end;
      NodeId base = append(suffix);
      for (NodeId r : suffix_roots) forget(base + r);
      if (first != kNoNode) {
        at(items).next = first + base;
        at(root).end = end;
      }
    }
    DocumentInternal::Roots(out_).push_back(root);
    DocumentInternal::Arena(out_).shrink_to_fit();
    return std::move(out_);
  }

 private:
  // A part's own root (a group's sequence, the suffix's map) has no place in
  // the joined tree; code that scans every node (Editor::indentStep) must not
  // meet it either, so it becomes a placeholder like the block padding.
  void forget(NodeId id) { at(id) = Node(); }

  // Moves every node of `d` here (their ids shifted by the returned base,
  // their arena values along with them) without copying the nodes.
  NodeId append(Document& d) { return DocumentInternal::Adopt(out_, d); }
  Node& at(NodeId id) { return DocumentInternal::Mutable(out_, id); }

  Document out_;
};

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
    std::optional<Document> joined = joiner.join(*prefix, parts, *suffix, split->starts.front() + split->column);
    if (joined) {
      if (joined_out) *joined_out = true;
      return std::move(*joined);
    }
  }
  return Document::ParseYaml(text);
}

unsigned DefaultParseThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return std::clamp(n, 1u, 8u);
}

}  // namespace krm
