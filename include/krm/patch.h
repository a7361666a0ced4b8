// krm/patch.h: byte-range edits applied to the original text in one pass.
#ifndef KRM_PATCH_H_
#define KRM_PATCH_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "krm/value.h"

namespace krm {

// Replace bytes [begin, end) of the original text with `text`.
// An insertion has begin == end.
struct Edit {
  size_t begin = 0;
  size_t end = 0;
  std::string text;
  uint32_t order = 0;        // insertions at one offset keep the order they were made in...
  uint32_t depth = 0;        // ...after the deeper ones: a line added to a nested block
                             // goes before one added to the block around it (its column)
  size_t anchor = SIZE_MAX;  // the input offset of the node it changes (SIZE_MAX: none)
};

// What an edit means, for reading the output back (krm/output_check): the
// node `node()` of the edited document (a scalar, map or sequence) must
// read back as described. Made by Patch::expect, which keeps it compact (a
// large run makes one for nearly every edit): a string value shares one
// buffer with the key, or is the text of the edit that wrote it, and only
// a map or list value is kept as a Value.
class Expectation {
 public:
  enum class Kind : uint8_t {
    Value,  // the node itself holds the value
    Key,    // the map holds `key()` with the value
    Item,   // the sequence holds an item equal to the value
    NoKey,  // the map no longer holds `key()`
  };
  Kind kind() const { return kind_; }
  uint32_t node() const { return node_; }
  std::string_view key() const { return std::string_view(text_).substr(0, key_size_); }
  // A map or list value; null for a string (Patch::expectedString).
  const Value* tree() const { return tree_.get(); }

 private:
  friend class Patch;
  Kind kind_ = Kind::Value;
  uint32_t node_ = UINT32_MAX;
  uint32_t key_size_ = 0;
  uint32_t edit_ = UINT32_MAX;  // the string value is this edit's text
  std::string text_;            // the key, then the string value
  std::shared_ptr<const Value> tree_;
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
  // Records what an edit means: node `node` (with `key`, for Kind::Key and
  // NoKey) reads back as `value`.
  void expect(Expectation::Kind kind, uint32_t node, std::string_view key, const Value& value);
  // Records that scalar `node` reads back as the text the last edit wrote
  // (a plain scalar's value is its text): the text is not copied.
  void expectLastEditText(uint32_t node);
  const std::deque<Expectation>& expectations() const { return expectations_; }
  // The string value `e` expects (when e.tree() is null).
  std::string_view expectedString(const Expectation& e) const;
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
