// krm/item_split_internal.h: where the items of a block-style ResourceList begin, found
// by reading lines, so that groups of items can be indexed independently.
#ifndef KRM_ITEM_SPLIT_INTERNAL_H_
#define KRM_ITEM_SPLIT_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace krm {

// A ResourceList text cut into three ranges that each read as YAML on their
// own: [0, prefix_end) ends with the `items:` line; the items are the lines
// from starts[0] to end, each item starting at starts[i] with "- " at
// `column`; [end, size) holds the keys after the items (possibly none).
// Blank and comment lines between `items:` and the first item are in none.
struct ItemSplit {
  size_t prefix_end = 0;
  std::vector<size_t> starts;
  size_t end = 0;
  size_t column = 0;
};

// Finds the split when the text has the shape kpt and kustomize write: a
// top-level `items:` line (optionally with a comment) followed by a block
// sequence whose entries are "- " lines at one column, ended by a top-level
// key or the end of the text. Returns nothing for any other shape (flow
// items, a bare "-" line, a line after the items that is not a plain
// top-level key, a document marker, a lone carriage return). The cut is a
// guess that only a parse can confirm: a
// caller must fall back to indexing the whole text when a range fails.
// A text of kParallelSplitBytes or more after its first item is read on
// `threads` cores, with the same result.
std::optional<ItemSplit> SplitBlockItems(const std::string& text, unsigned threads = 1);
constexpr size_t kParallelSplitBytes = size_t{1} << 20;

// [from, text.size()) cut into `n` ranges of about equal bytes at line
// starts (a range may be empty): from, the n - 1 cuts, text.size().
std::vector<size_t> LineCuts(const std::string& text, size_t from, size_t n);

// True when a document marker `marker` ("---" or "...") stands at p: the
// three characters, then YAML's white space (a space, a tab, a line break)
// or the end of the text. Not isspace's: after a vertical tab or form feed
// they start a plain word (found by fuzzing).
bool MarkerAt(const std::string& text, size_t p, const char* marker);

// True when text[begin, end) holds a carriage return that no line feed
// follows. yaml-cpp breaks a line there, where the cuts by line feeds do
// not, so a text that has one is not cut (found by fuzzing).
bool LoneCarriageReturn(const std::string& text, size_t begin, size_t end);

}  // namespace krm

#endif  // KRM_ITEM_SPLIT_INTERNAL_H_
