#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <set>
#include <vector>

#include "krm/concurrent_parse_internal.h"
#include "krm/document_internal.h"
#include "krm/item_scan_internal.h"
#include "krm/item_split_internal.h"
#include "krm/parallel.h"

namespace krm {
namespace {

std::atomic<ReadMode> g_read_mode{ReadMode::Fast};

// How one item of a list (or one document of a stream) is indexed.
enum class How : unsigned char {
  Parse,   // by yaml-cpp
  Scan,    // by the pre-scan itself (krm/item_scan: indexable)
  Opaque,  // not at all: kept as bytes
};

struct Piece {
  size_t begin = 0, end = 0;
  How how = How::Parse;
  Item item;                            // Opaque: what the scan read
  size_t content = 0, content_end = 0;  // Opaque: the node's span
};

// What one thread indexes: consecutive pieces [first, last).
struct Group {
  size_t first = 0, last = 0;
};

// Groups of about equal work: yaml-cpp takes about ten times as long over
// a byte as the scan does, and an opaque piece costs nothing more.
std::vector<Group> Groups(const std::vector<Piece>& pieces, unsigned threads) {
  auto cost = [](const Piece& p) {
    size_t n = p.end - p.begin;
    return p.how == How::Parse ? n * 10 : p.how == How::Scan ? n : 0;
  };
  size_t total = 0;
  for (const Piece& p : pieces) total += cost(p);
  std::vector<Group> groups;
  size_t acc = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    size_t g = total == 0 ? 0 : std::min<size_t>(threads - 1, acc * threads / total);
    if (groups.size() <= g) groups.push_back({i, i});
    groups.back().last = i + 1;
    acc += cost(pieces[i]);
  }
  return groups;
}

// One group's index: a root per scanned or opaque piece, and the roots
// yaml-cpp made of each run of parsed pieces, in text order.
struct GroupIndex {
  std::optional<Document> doc;
  std::vector<size_t> roots;  // per step (a run, or one other piece): how many roots it added
};

void IndexGroup(const std::string& text, const std::vector<Piece>& pieces, const Group& g, long column,
                GroupIndex& out) {
  DocumentBuilder b(text, false);
  auto roots = [&] { return b.doc().roots().size(); };
  for (size_t i = g.first; i < g.last;) {
    size_t before = roots();
    const Piece& p = pieces[i];
    if (p.how == How::Parse) {
      size_t j = i;
      while (j < g.last && pieces[j].how == How::Parse) ++j;
      DocumentInternal::IndexYamlRange(text, p.begin, pieces[j - 1].end, b);
      i = j;
    } else if (p.how == How::Scan) {
      ScanItem(text, p.begin, p.end, column, &b);
      ++i;
    } else {
      b.leaf(NodeKind::Opaque, Style::Block, static_cast<uint32_t>(p.content), static_cast<uint32_t>(p.content),
             static_cast<uint32_t>(p.content_end), {}, false);
      ++i;
    }
    out.roots.push_back(roots() - before);
  }
  out.doc = b.finish();
}

// Every group indexed, on its own thread. Nothing when any part fails.
std::optional<std::vector<GroupIndex>> IndexGroups(const std::string& text, const std::vector<Piece>& pieces,
                                                   const std::vector<Group>& groups, long column) {
  std::vector<GroupIndex> out(groups.size());
  RunOnThreads(groups.size(), [&](size_t g) {
    try {
      IndexGroup(text, pieces, groups[g], column, out[g]);
    } catch (const std::exception&) {
      out[g].doc.reset();  // the caller indexes the whole text, which reports it
    }
  });
  for (const GroupIndex& gi : out)
    if (!gi.doc) return std::nullopt;
  return out;
}

// Joins a prefix (for a list), the groups' indexes and a suffix into the
// Document a sequential parse builds.
class Joiner {
 public:
  explicit Joiner(const std::string& text) : out_(DocumentInternal::Empty(text, false)) {}

  // The elements (item nodes, or stream roots) of every piece, in text
  // order. `list`: each run of parsed pieces must read as one block
  // sequence of as many items; its items are the elements.
  bool elements(const std::vector<Piece>& pieces, const std::vector<Group>& groups, std::vector<GroupIndex>& index,
                bool list) {
    for (size_t g = 0; g < groups.size(); ++g) {
      Document& d = *index[g].doc;
      std::vector<NodeId> roots = d.roots();
      NodeId base = DocumentInternal::Adopt(out_, d);
      size_t r = 0, step = 0;
      for (size_t i = groups[g].first; i < groups[g].last; ++step) {
        size_t n = index[g].roots[step];
        if (pieces[i].how != How::Parse) {
          if (n != 1) return false;
          order_.push_back(base + roots[r++]);
          if (pieces[i].how == How::Opaque) {
            opaque_.push_back(pieces[i].item);
            opaque_.back().node = order_.back();
          }
          ++i;
          continue;
        }
        size_t j = i;
        while (j < groups[g].last && pieces[j].how == How::Parse) ++j;
        if (!list) {
          for (size_t k = 0; k < n; ++k) order_.push_back(base + roots[r++]);
        } else if (n != 1 || !items(base + roots[r++], j - i)) {
          return false;
        }
        i = j;
      }
    }
    return true;
  }

  // A list: the prefix's `items:` becomes the sequence of the elements
  // (`elements` must have been called after begin), and the suffix's keys
  // follow it in the root map.
  bool begin(Document& prefix) {
    if (prefix.roots().size() != 1 || !prefix.isMap(prefix.roots()[0])) return false;
    auto pairs = prefix.pairs(prefix.roots()[0]);
    if (pairs.empty() || prefix.value(pairs.back().first) != "items" ||
        prefix.kind(pairs.back().second) != NodeKind::Null)
      return false;
    NodeId root = prefix.roots()[0], items = pairs.back().second;
    for (auto& [k, v] : pairs)
      if (prefix.isScalar(k)) prefix_keys_.emplace(prefix.value(k));
    NodeId base = DocumentInternal::Adopt(out_, prefix);  // the prefix first: its root keeps the lowest id
    root_ = base + root;
    items_ = base + items;
    return true;
  }

  std::optional<PartialParse> list(Document& suffix, size_t first_entry) {
    // Only a document with nothing in it is no root: a null written after
    // the items (`null`, `~`) is read as a key of the list's map, with the
    // text before it (found by fuzzing).
    std::vector<NodeId> suffix_roots;
    for (NodeId r : suffix.roots())
      if (!suffix.isNull(r) || !suffix.node(r).implicit) suffix_roots.push_back(r);
    if (suffix_roots.size() > 1 || (suffix_roots.size() == 1 && (!suffix.isMap(suffix_roots[0]) ||
                                                                 suffix.node(suffix_roots[0]).style != Style::Block)))
      return std::nullopt;
    if (order_.empty()) return std::nullopt;
    // A key after the items that one before them has (`items` included) is
    // a duplicate key of the list's map: the whole parse reports it.
    // A key that is not a plain scalar (a null key, `: x`) is placed there
    // as the whole parse places it only when read with the text before it.
    if (!suffix_roots.empty())
      for (auto& [k, v] : suffix.pairs(suffix_roots[0]))
        if (!suffix.isScalar(k) || prefix_keys_.count(std::string(suffix.value(k)))) return std::nullopt;
    Node& seq = at(items_);
    seq = Node();
    seq.kind = NodeKind::Seq;
    seq.style = Style::Block;
    seq.begin = static_cast<uint32_t>(first_entry);
    seq.first = order_.front();
    for (size_t i = 0; i + 1 < order_.size(); ++i) at(order_[i]).next = order_[i + 1];
    at(items_).end = at(order_.back()).end;
    at(root_).end = at(items_).end;
    if (!suffix_roots.empty()) {
      NodeId first = suffix.node(suffix_roots[0]).first;
      uint32_t end = suffix.node(suffix_roots[0]).end;
      NodeId base = DocumentInternal::Adopt(out_, suffix);
      for (NodeId r : suffix_roots) forget(base + r);
      if (first != kNoNode) {
        at(items_).next = first + base;
        at(root_).end = end;
      }
    }
    DocumentInternal::Roots(out_).push_back(root_);
    return finish();
  }

  // A stream: the elements are the roots.
  std::optional<PartialParse> stream() {
    DocumentInternal::Roots(out_) = order_;
    return finish();
  }

 private:
  // Checks that `seq` (a run's root) is a block sequence of `n` items, and
  // puts its items in its place.
  bool items(NodeId seq, size_t n) {
    if (at(seq).kind != NodeKind::Seq || at(seq).style != Style::Block) return false;
    size_t count = 0;
    NodeId first = at(seq).first;
    // An empty item ("- # comment") is an implicit null that the indexer
    // places where the item before it ends: where the run starts, that item
    // was in another part. So are the empty items right after it, which the
    // run placed where it placed the first (found by fuzzing).
    auto empty = [&](NodeId c) { return at(c).kind == NodeKind::Null && at(c).implicit && at(c).content_off == 0; };
    if (first != kNoNode && !order_.empty() && empty(first)) {
      uint32_t was = at(first).begin, to = at(order_.back()).end;
      for (NodeId c = first; c != kNoNode && empty(c) && at(c).begin == was; c = at(c).next)
        at(c).begin = at(c).end = to;
    }
    for (NodeId c = first; c != kNoNode; c = at(c).next, ++count) order_.push_back(c);
    forget(seq);
    return count == n;
  }

  std::optional<PartialParse> finish() {
    DocumentInternal::Arena(out_).shrink_to_fit();
    DocumentInternal::ArenaValues(out_).shrink_to_fit();
    return PartialParse{std::move(out_), std::move(opaque_), std::nullopt};
  }

  // A part's own root (a run's sequence, the suffix's map) has no place in
  // the joined tree; code that scans every node (Editor::indentStep) must
  // not meet it either, so it becomes a placeholder like the block padding.
  void forget(NodeId id) { at(id) = Node(); }
  Node& at(NodeId id) { return DocumentInternal::Mutable(out_, id); }

  Document out_;
  NodeId root_ = kNoNode, items_ = kNoNode;  // a list's root map and its items
  std::vector<NodeId> order_;
  std::set<std::string> prefix_keys_;  // the keys of the list's map before the items
  std::vector<Item> opaque_;
};

// What the scan read, as the Item a selector judges.
Item ScannedItem(const ItemScan& s) {
  Item it;
  it.api_version = s.api_version;
  it.kind = s.kind;
  it.name = s.name;
  it.ns = s.ns;
  it.path = s.path;
  it.has_path = s.has_path;
  try {
    it.index = s.index.empty() ? 0 : std::stol(s.index);
  } catch (...) {
    it.index = 0;
  }
  return it;
}

// Decides how each piece of [first, last) is indexed: passed over when the
// scan vouches for it and `select` (when given) declines it, indexed by the
// scan when it can, else parsed.
void ClassifyRange(const std::string& text, std::vector<Piece>& pieces, size_t first, size_t last, long column,
                   const ItemSelector& select) {
  for (size_t i = first; i < last; ++i) {
    Piece& p = pieces[i];
    ItemScan s = ScanItem(text, p.begin, p.end, column);
    if (!s.simple) continue;
    bool list = s.kind == "List" && s.api_version == "v1";
    p.item = ScannedItem(s);
    if (select && !list && !select(p.item, std::string_view(text).substr(p.begin, p.end - p.begin))) {
      p.how = How::Opaque;
      p.item.opaque = true;
      p.content = s.content;
      p.content_end = s.end;
    } else if (s.indexable) {
      p.how = How::Scan;
    }
  }
}

// True when any piece is not left to yaml-cpp.
bool Classify(const std::string& text, std::vector<Piece>& pieces, long column, const ItemSelector& select,
              unsigned threads) {
  // A large text is scanned on every core, in ranges of about equal bytes.
  size_t n = text.size() < (size_t{1} << 20) ? 1 : std::min<size_t>(std::max(1u, threads), pieces.size());
  std::vector<size_t> cut{0};
  size_t total = pieces.empty() ? 0 : pieces.back().end - pieces.front().begin;
  for (size_t i = 1; i < pieces.size() && cut.size() < n; ++i)
    if (pieces[i].begin - pieces.front().begin >= total * cut.size() / n) cut.push_back(i);
  cut.push_back(pieces.size());
  RunOnThreads(cut.size() - 1, [&](size_t k) { ClassifyRange(text, pieces, cut[k], cut[k + 1], column, select); });
  for (const Piece& p : pieces)
    if (p.how != How::Parse) return true;
  return false;
}

std::vector<Piece> ListPieces(const ItemSplit& split) {
  std::vector<Piece> pieces;
  for (size_t i = 0; i < split.starts.size(); ++i) {
    Piece p;
    p.begin = split.starts[i];
    p.end = i + 1 < split.starts.size() ? split.starts[i + 1] : split.end;
    pieces.push_back(std::move(p));
  }
  return pieces;
}

std::optional<PartialParse> JoinList(const std::string& text, const ItemSplit& split, const std::vector<Piece>& pieces,
                                     Document& prefix, Document& suffix, unsigned threads) {
  std::vector<Group> groups = Groups(pieces, std::max(1u, threads));
  long column = static_cast<long>(split.column);
  std::optional<std::vector<GroupIndex>> index = IndexGroups(text, pieces, groups, column);
  if (!index) return std::nullopt;
  Joiner joiner(text);
  if (!joiner.begin(prefix) || !joiner.elements(pieces, groups, *index, true)) return std::nullopt;
  return joiner.list(suffix, split.starts.front() + split.column);
}

// The prefix (to `items:`) and suffix (after the items) of a split list.
bool Ends(const std::string& text, const ItemSplit& split, std::optional<Document>& prefix,
          std::optional<Document>& suffix) {
  try {
    prefix = Document::ParseYamlRange(text, 0, split.prefix_end);
    suffix = Document::ParseYamlRange(text, split.end, text.size());
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

// The starts of a stream's documents: 0 and each "---" line. Nothing for
// a stream with directives or "..." lines.
std::optional<std::vector<size_t>> StreamStarts(const std::string& t) {
  if (LoneCarriageReturn(t, 0, t.size())) return std::nullopt;
  std::vector<size_t> starts{0};
  for (size_t p = 0; p < t.size();) {
    if (t[p] == '%' || MarkerAt(t, p, "...")) return std::nullopt;
    if (MarkerAt(t, p, "---") && p > 0) starts.push_back(p);
    size_t nl = t.find('\n', p);
    p = nl == std::string::npos ? t.size() : nl + 1;
  }
  return starts;
}

}  // namespace

Document ParseYamlConcurrently(const std::string& text, unsigned threads, size_t min_bytes, bool* joined_out) {
  if (joined_out) *joined_out = false;
  std::optional<ItemSplit> split = SplitBlockItems(text, threads);
  if (!split) {
    // Not a list: a stream of documents, which the pre-scan may still index.
    std::optional<PartialParse> docs = ParseStreamSelectively(text, {}, threads);
    if (joined_out) *joined_out = docs.has_value();
    return docs ? std::move(docs->doc) : Document::ParseYaml(text);
  }
  std::vector<Piece> pieces = ListPieces(*split);
  bool scanned =
      GetReadMode() == ReadMode::Fast && Classify(text, pieces, static_cast<long>(split->column), {}, threads);
  bool parallel = threads >= 2 && text.size() >= min_bytes && split->starts.size() >= 2;
  if (!scanned && !parallel) return Document::ParseYaml(text);
  std::optional<Document> prefix, suffix;
  if (Ends(text, *split, prefix, suffix)) {
    std::optional<PartialParse> joined = JoinList(text, *split, pieces, *prefix, *suffix, parallel ? threads : 1);
    if (joined) {
      if (joined_out) *joined_out = true;
      return std::move(joined->doc);
    }
  }
  return Document::ParseYaml(text);
}

void SetReadMode(ReadMode mode) { g_read_mode = mode; }
ReadMode GetReadMode() { return g_read_mode; }

std::optional<PartialParse> ParseListSelectively(const std::string& text, const SelectorFactory& factory,
                                                 unsigned threads) {
  if (!factory || GetReadMode() == ReadMode::Full) return std::nullopt;
  std::optional<ItemSplit> split = SplitBlockItems(text, threads);
  if (!split) return std::nullopt;
  std::optional<Document> prefix, suffix;
  if (!Ends(text, *split, prefix, suffix)) return std::nullopt;
  // The functionConfig sits before or after the items.
  const Document* cfg_doc = &*prefix;
  NodeId cfg = kNoNode;
  for (const Document* d : {&*prefix, &*suffix}) {
    for (NodeId r : d->roots()) {
      NodeId fc = d->get(r, "functionConfig");
      if (fc != kNoNode && cfg == kNoNode) {
        cfg_doc = d;
        cfg = d->isNull(fc) ? kNoNode : fc;
      }
    }
  }
  ItemSelector select = factory(*cfg_doc, cfg);
  if (!select) return std::nullopt;
  std::vector<Piece> pieces = ListPieces(*split);
  if (!Classify(text, pieces, static_cast<long>(split->column), select, threads)) return std::nullopt;
  std::optional<PartialParse> joined = JoinList(text, *split, pieces, *prefix, *suffix, threads);
  if (joined) joined->split = std::move(split);
  return joined;
}

std::optional<PartialParse> ParseStreamSelectively(const std::string& text, const ItemSelector& select,
                                                   unsigned threads) {
  if (GetReadMode() == ReadMode::Full) return std::nullopt;
  std::optional<std::vector<size_t>> starts = StreamStarts(text);
  if (!starts) return std::nullopt;
  std::vector<Piece> pieces;
  for (size_t i = 0; i < starts->size(); ++i) {
    Piece p;
    p.begin = (*starts)[i];
    p.end = i + 1 < starts->size() ? (*starts)[i + 1] : text.size();
    pieces.push_back(std::move(p));
  }
  if (!Classify(text, pieces, -1, select, threads)) return std::nullopt;
  std::vector<Group> groups = Groups(pieces, std::max(1u, threads));
  std::optional<std::vector<GroupIndex>> index = IndexGroups(text, pieces, groups, -1);
  if (!index) return std::nullopt;
  Joiner joiner(text);
  if (!joiner.elements(pieces, groups, *index, false)) return std::nullopt;
  std::optional<PartialParse> out = joiner.stream();
  if (out) out->split = ItemSplit{0, std::move(*starts), text.size(), 0};
  return out;
}

}  // namespace krm
