// krm/output_check_internal.h: the last line of defence before the output
// is written. The parts of the output that edits touched are read back and
// compared with what the edits meant; untouched parts need no second parse.
#ifndef KRM_OUTPUT_CHECK_INTERNAL_H_
#define KRM_OUTPUT_CHECK_INTERNAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "krm/document.h"
#include "krm/patch.h"

namespace krm {

// Checks `patch` against `doc`, whose top-level units (the items of a
// block ResourceList, or the documents of a stream) are `units`, in text
// order; `tail` is where the text after the last unit starts (the keys
// after `items`), or the text's size. Returns "" when the output reads
// back as intended, else why not:
// - each run of units holding an edit (by Edit::anchor) is re-parsed from
//   its first line to the next unit's: as many units, each with the same
//   apiVersion, kind, name and namespace; every scalar no edit replaced
//   keeps its path and value; every Expectation of the patch holds; the
//   region still ends with a line break;
// - edits with no anchor (the results, `items: []`) are read back with the
//   tail: one document, every old key kept, `results` (when `results` > 0)
//   a list of that many entries;
// - a flow or JSON document, or an edit outside every unit and the tail,
//   is checked by parsing the whole output once.
// `list`: the units are the items of a block sequence (else documents);
// `first` is where the first unit's lines start (its "- " line);
// `appended`: how many items the patch appends to the list (they read back
// after the last unit, in its region).
std::string CheckOutput(const Document& doc, const Patch& patch, const std::vector<NodeId>& units, bool list,
                        size_t first, size_t tail, size_t results, size_t appended = 0);

// Values grouped by unit in one array: unit i's are at[first[i], first[i + 1]),
// in the order they came. A large run edits tens of thousands of items, and
// a vector per unit would cost more than the few values each holds.
template <typename T>
struct ByUnit {
  std::vector<uint32_t> first;  // units + 1 offsets
  std::vector<T> at;
  size_t units() const { return first.empty() ? 0 : first.size() - 1; }
  const T* begin(size_t i) const { return at.data() + first[i]; }
  const T* end(size_t i) const { return at.data() + first[i + 1]; }
  bool empty(size_t i) const { return first[i] == first[i + 1]; }
};

// Groups value(k) for k < n by unit_of(k) (a unit below `units`, or
// negative to leave it out).
template <typename T, typename UnitOf, typename ValueOf>
ByUnit<T> GroupByUnit(size_t units, size_t n, UnitOf unit_of, ValueOf value) {
  ByUnit<T> g;
  g.first.assign(units + 1, 0);
  for (size_t k = 0; k < n; ++k) {
    long u = unit_of(k);
    if (u >= 0) ++g.first[static_cast<size_t>(u) + 1];
  }
  for (size_t i = 0; i < units; ++i) g.first[i + 1] += g.first[i];
  g.at.resize(g.first[units]);
  std::vector<uint32_t> next(g.first.begin(), g.first.end() - 1);
  for (size_t k = 0; k < n; ++k) {
    long u = unit_of(k);
    if (u >= 0) g.at[next[static_cast<size_t>(u)]++] = value(k);
  }
  return g;
}

// The size past which a run of edited units is read back in more than one region.
constexpr size_t kRegionBytes = size_t{1} << 20;

// A run of edited units [i, j) and their edits in text order.
struct Region {
  size_t i, j;
  std::vector<const Edit*> edits;
};

// The runs of edited units (`by_unit`: each unit's edits, as indices into
// `sorted`, in text order; unit i starts at starts[i], starts has one more), each at most
// about kRegionBytes long: a longer run is cut between units, so that a
// region's text and index stay small. False when an edit reaches out of
// its region (the whole output is then checked).
bool CutRegions(const ByUnit<uint32_t>& by_unit, const std::vector<size_t>& starts,
                const std::vector<const Edit*>& sorted, std::vector<Region>& regions);

}  // namespace krm

#endif  // KRM_OUTPUT_CHECK_INTERNAL_H_
