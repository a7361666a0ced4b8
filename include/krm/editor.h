// krm/editor.h: the edits a function makes, expressed on nodes. Each one
// becomes a byte-range edit in a Patch; nothing is re-serialized.
#ifndef KRM_EDITOR_H_
#define KRM_EDITOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "krm/document.h"
#include "krm/patch.h"
#include "krm/value.h"

namespace krm {

class Editor {
 public:
  // Edits of `doc` go to `patch`; new lines end with `eol`.
  Editor(const Document& doc, Patch& patch, std::string eol = "\n");
  // The document and patch are borrowed: temporaries would dangle.
  Editor(Document&&, Patch&, std::string = "\n") = delete;
  Editor(const Document&, Patch&&, std::string = "\n") = delete;
  Editor(const Editor&) = delete;
  Editor& operator=(const Editor&) = delete;

  const Document& doc() const { return doc_; }
  // See EditGroup.
  Patch::Mark mark() const { return patch_.mark(); }
  void rollback(Patch::Mark m) { patch_.rollback(m); }

  // Replaces a scalar's value, keeping its quoting style where the value
  // allows it (see RenderScalar). Returns false, and edits nothing, when
  // the node is not a single-line scalar whose extent is known.
  [[nodiscard]] bool setScalar(NodeId scalar, std::string_view value);

  // Adds `key: value` to a map: first (front) or last. In a block map the
  // new line takes the column of the existing keys, a string value is quoted
  // the way the map's scalar values already are (see siblingStyle), and map
  // and list values are written in block style, indented by the document's
  // own step (see indentStep) and sequence style (see seqIndent). A key added
  // last to a document's root map goes at the end of the document, after
  // trailing comments. In a flow map (or JSON object) it joins the entries.
  // Returns false when `map` is not a map.
  [[nodiscard]] bool addKey(NodeId map, std::string_view key, const Value& value, bool front = false);

  // Gives a null value (implicit, as in `key:`, or explicit `~`/`null`)
  // the value `value`. `key` is the key node whose value `null_value` is.
  // A map under an implicit null in block context is written in block style.
  [[nodiscard]] bool fillNull(NodeId key, NodeId null_value, const Value& value);

  // Sets `key` in `map` to `value`: replaces a scalar, fills a null, or adds
  // the key. A map that is itself null is filled through its `parent_key`.
  [[nodiscard]] bool setKey(NodeId map, std::string_view key, const Value& value, bool front = false);

  // Sets the value at a path of keys below `map`, creating the missing maps
  // on the way as one new flow value (`a: {b: {c: v}}`). A null on the way
  // is filled. Returns false when something on the path is not a map.
  [[nodiscard]] bool setPath(NodeId map, const std::vector<std::string>& keys, const Value& value);

  // Several setPath calls at once. Edits that share a missing parent are
  // merged into one new value, so the parent is written once.
  [[nodiscard]] bool setPaths(NodeId map, const std::vector<std::pair<std::vector<std::string>, Value>>& edits);

  // Appends an item to a sequence (block or flow); in a block sequence a map
  // item is written in block style.
  [[nodiscard]] bool append(NodeId seq, const Value& value);

  // The indentation step the document uses for nested block maps (the
  // first one found), or 2.
  size_t indentStep() const;

  // The quoting style every scalar value of a block map shares (single or
  // double quotes) when there are two or more, or Plain.
  Style siblingStyle(NodeId map) const;

  // How far the document indents a block sequence's "- " past the key that
  // holds it: 0 ("compact", the kpt default) or the step ("wide"), as the
  // first such sequence below a document's top level shows.
  size_t seqIndent() const;

  // Inserts whole lines (each ending with the document's line ending) at
  // `at`, a line start or the end of the text; `depth` orders them among
  // other insertions there (Patch::insert). At the end of a text without a
  // final line break, they start with one, a block scalar that ended the
  // text keeps its value (see keepFinalBlock), and with `end_like_input`
  // the last line gets no line break either.
  void insertLines(size_t at, std::string lines, size_t depth = 0, bool end_like_input = true);

  // Removes a key and its value from a block map, whole lines, comments on
  // those lines included. Returns false for a flow map. `replaced`: the
  // caller writes the key again elsewhere (so the output check does not
  // expect it gone).
  [[nodiscard]] bool removeKey(NodeId map, NodeId key, bool replaced = false);

 private:
  size_t lineEndAfter(size_t pos) const;
  // Before a line break is added at the end of a text that lacks one: a
  // block scalar that ends the text gets strip chomping, so its value keeps
  // no final line break.
  void keepFinalBlock();
  std::string renderKey(std::string_view key, bool in_flow) const;
  // `key: value` for a block map at column `col`; map values in block style.
  std::string blockEntry(std::string_view key, const Value& value, size_t col) const;
  // What follows `key:` for `value` at column `col`.
  std::string blockValue(const Value& value, size_t col) const;
  // A block sequence item whose "- " sits at column `dash`, without the
  // indentation of its first line.
  std::string blockItem(const Value& value, size_t dash) const;

  const Document& doc_;
  Patch& patch_;
  std::string eol_;
  mutable size_t step_ = 0;
  mutable size_t seq_indent_ = SIZE_MAX;
};

// Edits that stand or fall together: each step's result goes through
// step(); commit() keeps them when every step succeeded, and otherwise
// drops every one of them (nothing half-written reaches the output). A
// group that is neither committed nor dropped rolls back when destroyed.
//
//   krm::EditGroup g(ed);
//   g.step(ed.setKey(map, "registry", reg));
//   g.step(ed.setKey(map, "repository", repo));
//   if (!g.commit()) report("not changed: ...");
class EditGroup {
 public:
  explicit EditGroup(Editor& editor) : editor_(editor), mark_(editor.mark()) {}
  EditGroup(const EditGroup&) = delete;
  EditGroup& operator=(const EditGroup&) = delete;
  ~EditGroup() {
    if (!done_) editor_.rollback(mark_);
  }
  // Records one step's result; returns it.
  bool step(bool ok) {
    ok_ = ok_ && ok;
    return ok;
  }
  bool ok() const { return ok_; }
  // Keeps the edits when every step succeeded; otherwise drops them all.
  [[nodiscard]] bool commit() {
    done_ = true;
    if (!ok_) editor_.rollback(mark_);
    return ok_;
  }

 private:
  Editor& editor_;
  Patch::Mark mark_;
  bool ok_ = true;
  bool done_ = false;
};

}  // namespace krm

#endif  // KRM_EDITOR_H_
