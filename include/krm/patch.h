// krm/patch.h: byte-range edits applied to the original text in one pass.
#ifndef KRM_PATCH_H_
#define KRM_PATCH_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <ostream>
#include <string>
#include <vector>

#include "krm/value.h"

namespace krm {

// Replace bytes [begin, end) of the original text with `text`.
// An insertion has begin == end.
struct Edit {
  size_t begin = 0;
  size_t end = 0;
  std::string text;
  size_t order = 0;          // insertions at one offset keep the order they were made in...
  size_t depth = 0;          // ...after the deeper ones: a line added to a nested block
                             // goes before one added to the block around it
  size_t anchor = SIZE_MAX;  // the input offset of the node it changes (SIZE_MAX: none)
};

// What an edit means, for reading the output back (krm/output_check): the
// node `node` of the edited document (a scalar, map or sequence) must read
// back as described.
struct Expectation {
  enum class Kind {
    Value,  // the node itself holds `value`
    Key,    // the map holds `key` with `value`
    Item,   // the sequence holds an item equal to `value`
    NoKey,  // the map no longer holds `key`
  };
  Kind kind = Kind::Value;
  uint32_t node = UINT32_MAX;
  std::string key;
  Value value;
};

// A set of edits against one text. Everything outside the edits is copied
// through byte for byte.
class Patch {
 public:
  void replace(size_t begin, size_t end, std::string text);
  // Inserts `text` at `at`. Of several insertions at one offset, those of a
  // greater `depth` (the column of the block they add a line to) come first,
  // then the others in the order they were made.
  void insert(size_t at, std::string text, size_t depth = 0);
  bool empty() const { return edits_.empty(); }

  // Edits made while an Anchor lives belong to the node at input offset
  // `at` (the node's first byte): the output check reads back the item
  // that holds it.
  class Anchor {
   public:
    Anchor(Patch& patch, size_t at) : patch_(patch), saved_(patch.anchor_) { patch.anchor_ = at; }
    ~Anchor() { patch_.anchor_ = saved_; }
    Anchor(const Anchor&) = delete;
    Anchor& operator=(const Anchor&) = delete;

   private:
    Patch& patch_;
    size_t saved_;
  };
  // A point the patch can return to: the edits and expectations made after
  // it are dropped together (krm::EditGroup).
  struct Mark {
    size_t edits = 0;
    size_t expectations = 0;
  };
  Mark mark() const { return {edits_.size(), expectations_.size()}; }
  void rollback(Mark m) {
    if (m.edits < edits_.size()) edits_.resize(m.edits);
    if (m.expectations < expectations_.size()) expectations_.resize(m.expectations);
  }
  // Records what an edit means.
  void expect(Expectation e) { expectations_.push_back(std::move(e)); }
  const std::deque<Expectation>& expectations() const { return expectations_; }
  // The edits, sorted by position (stable for equal positions), pointing
  // into the patch: valid until it changes.
  std::vector<const Edit*> sorted() const;
  // True when two edits replace overlapping ranges (a bug in a caller).
  bool conflicts(std::string* why = nullptr) const;
  // The text with every edit applied. Identical replacements of the same
  // range count once. Throws std::logic_error on a conflict.
  std::string apply(const std::string& text) const;
  // The same, written to a stream in pieces.
  void write(const std::string& text, std::ostream& out) const;
  // Appends to `out` the bytes [a, b) of `text` with `edits` applied:
  // edits in text order (as Patch::sorted gives them), all inside [a, b].
  static void ApplyRange(const std::string& text, size_t a, size_t b, const std::vector<const Edit*>& edits,
                         std::string& out);

 private:
  // Deques: a large run makes tens of thousands of each, and a vector
  // would hold up to twice their size (and both sizes while it grows).
  // Edits also stay where they are, for sorted()'s pointers.
  std::deque<Edit> edits_;
  std::deque<Expectation> expectations_;
  size_t anchor_ = SIZE_MAX;
};

}  // namespace krm

#endif  // KRM_PATCH_H_
