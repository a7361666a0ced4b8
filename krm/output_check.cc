#include <algorithm>
#include <atomic>
#include <deque>

#include "krm/concurrent_parse_internal.h"
#include "krm/output_check_internal.h"
#include "krm/parallel.h"

namespace krm {
namespace {

struct Step {
  bool index = false;
  size_t i = 0;
  std::string key;
};
using Path = std::vector<Step>;

// The path from `from` down to `target`, by keys and indexes.
bool PathTo(const Document& d, NodeId from, NodeId target, Path& path) {
  if (from == target) return true;
  if (d.isMap(from)) {
    for (auto& [k, v] : d.pairs(from)) {
      path.push_back({false, 0, std::string(d.value(k))});
      if (PathTo(d, v, target, path)) return true;
      path.pop_back();
    }
  } else if (d.isSeq(from)) {
    size_t i = 0;
    for (NodeId c : d.items(from)) {
      path.push_back({true, i++, ""});
      if (PathTo(d, c, target, path)) return true;
      path.pop_back();
    }
  }
  return false;
}

NodeId Follow(const Document& d, NodeId from, const Path& path) {
  NodeId n = from;
  for (const Step& s : path) {
    if (n == kNoNode) return kNoNode;
    if (s.index) {
      std::vector<NodeId> items = d.items(n);
      n = s.i < items.size() ? items[s.i] : kNoNode;
    } else {
      n = d.get(n, s.key);
    }
  }
  return n;
}

bool Matches(const Document& d, NodeId n, const Value& v) {
  switch (v.type) {
    case Value::Type::String:
      return d.isScalar(n) && d.value(n) == v.str;
    case Value::Type::Map:
      if (!d.isMap(n)) return false;
      for (const auto& [k, sub] : v.map)
        if (!Matches(d, d.get(n, k), sub)) return false;
      return true;
    case Value::Type::List: {
      if (!d.isSeq(n)) return false;
      std::vector<NodeId> items = d.items(n);
      if (items.size() != v.list.size()) return false;
      for (size_t i = 0; i < items.size(); ++i)
        if (!Matches(d, items[i], v.list[i])) return false;
      return true;
    }
  }
  return false;
}

// The value in map `b` of `now` of the key `key` of map `a` of `old`: by
// the key's value for a scalar key; for another key (a null key, `: x`, or
// a collection), which no edit adds, by its place among such keys.
NodeId Counterpart(const Document& old, NodeId a, NodeId key, const Document& now, NodeId b) {
  if (old.isScalar(key)) return now.get(b, old.value(key));
  size_t n = 0;
  for (auto& [k, v] : old.pairs(a)) {
    if (k == key) break;
    if (!old.isScalar(k)) ++n;
  }
  if (!now.isMap(b)) return kNoNode;
  for (auto& [k, v] : now.pairs(b))
    if (!now.isScalar(k) && n-- == 0) return v;
  return kNoNode;
}

// The key whose value is `value` in map `map`.
NodeId KeyOfValue(const Document& d, NodeId map, NodeId value) {
  for (auto& [k, v] : d.pairs(map))
    if (v == value) return k;
  return kNoNode;
}

class Checker {
 public:
  // `sorted`: the patch's edits in text order (Patch::sorted); none for a
  // text that must read back as it was.
  Checker(const Document& old, const Patch& patch, const std::vector<const Edit*>& sorted) : old_(old), patch_(patch) {
    for (const Edit* e : sorted) {
      if (e->end > e->begin) replaced_.emplace_back(e->begin, e->end);
      if (e->anchor != SIZE_MAX) anchors_.push_back(e->anchor);
    }
    std::sort(anchors_.begin(), anchors_.end());
  }

  // Every scalar of `a` (old) that no edit replaced reads the same in `b`.
  bool preserved(NodeId a, const Document& now, NodeId b, std::string& why) const {
    const Node& n = old_.node(a);
    // A replaced scalar holds what its edit meant (checked as expected);
    // a container is walked unless an edit replaced all of it.
    if (n.kind == NodeKind::Scalar ? touched(n.begin, std::max(n.end, n.begin + 1)) : covered(n.begin, n.end))
      return true;
    switch (n.kind) {
      case NodeKind::Scalar:
        // A scalar an edit was made for (its expectation says what it
        // holds now), or one that reads the same.
        if (std::binary_search(anchors_.begin(), anchors_.end(), size_t{n.begin})) return true;
        if (now.isScalar(b) && now.value(b) == old_.value(a)) return true;
        why = "the value '" + std::string(old_.value(a)) + "' did not read back";
        return false;
      case NodeKind::Map:
        for (auto& [k, v] : old_.pairs(a)) {
          if (touched(old_.node(k).begin, old_.node(k).end)) continue;
          NodeId nv = Counterpart(old_, a, k, now, b);
          if (!old_.isScalar(k) && nv != kNoNode && !preserved(k, now, KeyOfValue(now, b, nv), why)) return false;
          if (nv == kNoNode) {
            why = now.isMap(b) ? "the key '" + std::string(old_.value(k)) + "' is missing"
                               : "a map did not read back as a map";
            return false;
          }
          if (!preserved(v, now, nv, why)) return false;
        }
        return true;
      case NodeKind::Seq: {
        std::vector<NodeId> was = old_.items(a), is = now.items(b);
        if (is.size() < was.size()) {
          why = "a list lost items";
          return false;
        }
        for (size_t i = 0; i < was.size(); ++i)
          if (!preserved(was[i], now, is[i], why)) return false;
        return true;
      }
      default:
        return true;
    }
  }

  // Every expectation of `list` on a node under `old_root` holds under
  // `new_root`.
  bool expected(const Expectation* const* from, const Expectation* const* to, NodeId old_root, const Document& now,
                NodeId new_root, std::string& why) const {
    for (const Expectation* const* it = from; it != to; ++it) {
      const Expectation& e = **it;
      Path path;
      if (!PathTo(old_, old_root, e.node(), path)) continue;
      NodeId n = Follow(now, new_root, path);
      bool ok = false;
      switch (e.kind()) {
        case Expectation::Kind::Value:
          ok = holds(now, n, e);
          break;
        case Expectation::Kind::Key:
          ok = holds(now, now.get(n, e.key()), e);
          break;
        case Expectation::Kind::Item:
          for (NodeId c : now.items(n)) ok = ok || holds(now, c, e);
          break;
        case Expectation::Kind::NoKey:
          ok = now.isMap(n) && now.keyOf(n, e.key()) == kNoNode;
          break;
      }
      if (!ok) {
        why = "an edit" + (e.key().empty() ? std::string() : " of '" + std::string(e.key()) + "'") +
              " did not read back where it was made";
        return false;
      }
    }
    return true;
  }

 private:
  // Node `n` of `now` holds the value `e` expects.
  bool holds(const Document& now, NodeId n, const Expectation& e) const {
    if (const Value* v = e.tree()) return Matches(now, n, *v);
    return now.isScalar(n) && now.value(n) == patch_.expectedString(e);
  }

  // True when one edit replaces all of [begin, end).
  bool covered(size_t begin, size_t end) const {
    auto it = std::upper_bound(replaced_.begin(), replaced_.end(), begin,
                               [](size_t v, const std::pair<size_t, size_t>& r) { return v < r.second; });
    return it != replaced_.end() && it->first <= begin && it->second >= end;
  }

  // True when an edit replaces bytes of [begin, end). The replaced ranges
  // do not overlap (a patch with conflicts never gets here), so their ends
  // are sorted as their starts are.
  bool touched(size_t begin, size_t end) const {
    auto it = std::upper_bound(replaced_.begin(), replaced_.end(), begin,
                               [](size_t v, const std::pair<size_t, size_t>& r) { return v < r.second; });
    return it != replaced_.end() && it->first < end;
  }

  const Document& old_;
  const Patch& patch_;
  std::vector<std::pair<size_t, size_t>> replaced_;
  std::vector<size_t> anchors_;
};

size_t LineStart(const std::string& t, size_t pos) {
  size_t nl = pos == 0 ? std::string::npos : t.rfind('\n', pos - 1);
  return nl == std::string::npos ? 0 : nl + 1;
}

// The start of the line after the one that holds `end` (a node's end; a
// block scalar's end is already a line start).
size_t LineAfter(const std::string& t, size_t end) {
  if (end > 0 && t[end - 1] == '\n') return end;
  size_t nl = t.find('\n', end);
  return nl == std::string::npos ? t.size() : nl + 1;
}

// The text of [a, b) with the edits in `edits` (all inside [a, b]) applied.
std::string Apply(const std::string& t, size_t a, size_t b, const std::vector<const Edit*>& edits) {
  std::string out;
  Patch::ApplyRange(t, a, b, edits, out);
  return out;
}

// The index of `text`, which it borrows (keep `text` alive with it).
std::unique_ptr<Document> Parse(const std::string& text, std::string& why, unsigned threads = HardwareThreads()) {
  try {
    return std::make_unique<Document>(ParseYamlConcurrently(text, threads));
  } catch (const ParseError& e) {
    why = std::string("it does not parse: ") + e.what();
    return nullptr;
  }
}

// The whole output, parsed once.
std::string CheckWhole(const Document& old, const Patch& patch, size_t results) {
  std::string text = patch.apply(old.text());
  std::string why;
  std::unique_ptr<Document> now;
  try {
    now = std::make_unique<Document>(old.json() ? Document::ParseJson(text)
                                                : ParseYamlConcurrently(text, HardwareThreads()));
  } catch (const ParseError& e) {
    return std::string("it does not parse: ") + e.what();
  }
  std::vector<NodeId> was, is;
  for (NodeId r : old.roots())
    if (!old.isNull(r)) was.push_back(r);
  for (NodeId r : now->roots())
    if (!now->isNull(r)) is.push_back(r);
  if (was.size() != is.size())
    return "it holds " + std::to_string(is.size()) + " documents, not " + std::to_string(was.size());
  Checker c(old, patch, patch.sorted());
  std::vector<const Expectation*> all;
  for (const Expectation& e : patch.expectations()) all.push_back(&e);
  for (size_t i = 0; i < was.size(); ++i) {
    if (!c.preserved(was[i], *now, is[i], why) ||
        !c.expected(all.data(), all.data() + all.size(), was[i], *now, is[i], why))
      return why;
  }
  if (results > 0 && was.size() == 1 && now->items(now->get(is[0], "results")).size() != results)
    return "the results did not read back";
  return "";
}

}  // namespace

namespace {

// The units [i, j) and their edits, read back from their region of the output.
std::string CheckRegion(const Document& doc, const Checker& checker, const std::vector<NodeId>& units, bool list,
                        size_t a, size_t b, const std::vector<const Edit*>& edits,
                        const ByUnit<const Expectation*>& expected, size_t i, size_t j, size_t appended) {
  const std::string& t = doc.text();
  std::string region = Apply(t, a, b, edits);
  if (b < t.size() && b > 0 && t[b - 1] == '\n' && (region.empty() || region.back() != '\n'))
    return "an edit runs into the line that follows it";
  if (list) region.insert(0, "items:\n");
  std::string why;
  std::unique_ptr<Document> now = Parse(region, why, 1);  // borrows `region`; regions run on every core
  if (!now) return why;
  std::vector<NodeId> is;
  if (list) {
    is = now->roots().size() == 1 ? now->items(now->get(now->roots()[0], "items")) : std::vector<NodeId>{};
  } else {
    for (NodeId r : now->roots())
      if (!now->isNull(r)) is.push_back(r);
  }
  // Items appended to the list read back after the last one.
  size_t want = j - i + (list && j == units.size() ? appended : 0);
  if (is.size() != want)
    return "the edited items read back as " + std::to_string(is.size()) + " items, not " + std::to_string(want);
  for (size_t k = i; k < j; ++k) {
    if (!checker.preserved(units[k], *now, is[k - i], why) ||
        !checker.expected(expected.begin(k), expected.end(k), units[k], *now, is[k - i], why))
      return why;
  }
  return "";
}

// The keys after the items, with the results: one map, old keys kept,
// `results` entries. "whole" asks for a check of the whole output.
std::string CheckTail(const Document& doc, size_t tail, const std::vector<const Edit*>& edits, size_t results) {
  const std::string& t = doc.text();
  std::string was_text = t.substr(tail);
  std::string now_text = Apply(t, tail, t.size(), edits);
  std::string why;
  std::unique_ptr<Document> was = Parse(was_text, why);
  std::unique_ptr<Document> now = Parse(now_text, why);
  if (!was) return "whole";
  if (!now) return "the keys after the items " + why;
  // One document: the tail of the ResourceList's own map.
  const std::vector<NodeId>& roots = now->roots();
  bool empty = roots.empty() || (roots.size() == 1 && now->isNull(roots[0]));
  if (empty && results == 0) return "";
  if (roots.size() != 1 || !now->isMap(roots[0])) return "the keys after the items do not read back as one map";
  if (now->items(now->get(roots[0], "results")).size() != results) return "the results did not read back";
  // Every old key but the results reads back whole: no edit was made in them.
  Patch none;
  Checker unchanged(*was, none, {});
  for (NodeId r : was->roots()) {
    if (!was->isMap(r)) continue;
    for (auto& [k, v] : was->pairs(r)) {
      if (was->isScalar(k) && was->value(k) == "results") continue;
      NodeId nv = Counterpart(*was, r, k, *now, roots[0]);
      if (nv == kNoNode) return "the key '" + std::string(was->value(k)) + "' after the items is missing";
      if (!unchanged.preserved(v, *now, nv, why)) return "after the items, " + why;
    }
  }
  return "";
}

// The regions read back on every core; the first to fail, in text order, says why.
std::string CheckRegions(const Document& doc, const Checker& checker, const std::vector<NodeId>& units, bool list,
                         const std::vector<size_t>& starts, const std::vector<Region>& regions,
                         const ByUnit<const Expectation*>& expected, size_t appended) {
  std::vector<std::string> why_not(regions.size());
  std::atomic<size_t> next{0};
  RunOnThreads(std::min<size_t>(HardwareThreads(), regions.size()), [&](size_t) {
    for (size_t r; (r = next++) < regions.size();) {
      const Region& g = regions[r];
      why_not[r] =
          CheckRegion(doc, checker, units, list, starts[g.i], starts[g.j], g.edits, expected, g.i, g.j, appended);
    }
  });
  for (const std::string& why : why_not)
    if (!why.empty()) return why;
  return "";
}

}  // namespace

bool CutRegions(const ByUnit<uint32_t>& by_unit, const std::vector<size_t>& starts,
                const std::vector<const Edit*>& sorted, std::vector<Region>& regions) {
  size_t n = by_unit.units();
  for (size_t i = 0, j = 0; i < n; i = std::max(i + 1, j)) {
    if (by_unit.empty(i)) continue;
    std::vector<uint32_t> at;
    for (j = i; j < n && !by_unit.empty(j) && (j == i || starts[j] - starts[i] < kRegionBytes); ++j)
      at.insert(at.end(), by_unit.begin(j), by_unit.end(j));
    std::sort(at.begin(), at.end());  // text order
    std::vector<const Edit*> edits;
    for (size_t k : at) edits.push_back(sorted[k]);
    for (const Edit* e : edits)
      if (e->begin < starts[i] || e->end > starts[j]) return false;
    regions.push_back({i, j, std::move(edits)});
  }
  return true;
}

std::string CheckOutput(const Document& doc, const Patch& patch, const std::vector<NodeId>& units, bool list,
                        size_t first, size_t tail, size_t results, size_t appended) {
  if (patch.empty()) return "";
  const std::string& t = doc.text();
  bool flow = doc.json();
  for (NodeId u : units) flow = flow || doc.node(u).in_flow || doc.node(u).style == Style::Flow;
  if (flow || units.empty()) return CheckWhole(doc, patch, results);
  // Unit i spans [starts[i], starts[i + 1]): from the line after the one
  // where unit i - 1 ends (comments, "- " or "---" included); the first
  // from its own first line, the last to `tail`.
  std::vector<size_t> starts{LineStart(t, first)};
  for (size_t i = 1; i < units.size(); ++i) starts.push_back(LineAfter(t, doc.node(units[i - 1]).end));
  starts.push_back(tail);
  auto unit_of = [&](size_t anchor) -> long {
    if (anchor == SIZE_MAX || anchor < starts.front() || anchor >= tail) return -1;
    return static_cast<long>(std::upper_bound(starts.begin(), starts.end(), anchor) - starts.begin()) - 1;
  };
  std::vector<const Edit*> tail_edits;
  std::vector<const Edit*> sorted = patch.sorted();
  for (const Edit* e : sorted) {
    if (unit_of(e->anchor) >= 0) continue;
    if (e->begin < tail) return CheckWhole(doc, patch, results);  // before the units or between them
    tail_edits.push_back(e);
  }
  auto by_unit = GroupByUnit<uint32_t>(
      units.size(), sorted.size(), [&](size_t k) { return unit_of(sorted[k]->anchor); },
      [](size_t k) { return static_cast<uint32_t>(k); });  // indices into `sorted`
  const std::deque<Expectation>& all = patch.expectations();
  auto expected = GroupByUnit<const Expectation*>(
      units.size(), all.size(), [&](size_t k) { return unit_of(doc.node(all[k].node()).begin); },
      [&](size_t k) { return &all[k]; });
  std::vector<Region> regions;
  if (!CutRegions(by_unit, starts, sorted, regions)) return CheckWhole(doc, patch, results);
  std::string why = CheckRegions(doc, Checker(doc, patch, sorted), units, list, starts, regions, expected, appended);
  if (!why.empty()) return why;
  if (tail_edits.empty() && results == 0) return "";
  why = CheckTail(doc, tail, tail_edits, results);
  return why == "whole" ? CheckWhole(doc, patch, results) : why;
}

}  // namespace krm
