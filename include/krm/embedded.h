// krm/embedded.h: a document stored as a string value (for example a
// ConfigMap key holding YAML), edited with the same splice discipline.
#ifndef KRM_EMBEDDED_H_
#define KRM_EMBEDDED_H_

#include <string>

#include "krm/document.h"
#include "krm/patch.h"

namespace krm {

class Embedded {
 public:
  // Takes the decoded value of `scalar` in `outer` as the inner text.
  Embedded(const Document& outer, NodeId scalar);
  // The outer document is borrowed: a temporary would dangle.
  Embedded(Document&&, NodeId) = delete;
  Embedded(const Embedded&) = delete;
  Embedded& operator=(const Embedded&) = delete;

  // The inner text: what a reader of the string sees.
  const std::string& text() const { return text_; }

  // Carries the inner edits into `outer_patch`. A literal block (`|`, `|-`,
  // `|+`, with or without an indentation indicator) is edited line by line,
  // new lines taking the block's indentation, so every untouched byte stays.
  // Any other style is re-encoded whole: double-quoted stays double-quoted
  // (JSON too); single-quoted and plain become double-quoted; folded becomes
  // a literal block with the same chomping. Returns false when the scalar
  // cannot be rewritten (its extent is unknown).
  bool commit(const Patch& inner, Patch& outer_patch, const std::string& eol) const;

  // True when the inner text holds a carriage return that no line feed
  // follows: YAML readers break the line there, where edits placed by lines
  // (an Editor's) would not, so the inner document is not to be edited.
  bool loneCarriageReturn() const;

 private:
  struct Line {
    size_t inner;  // offset of the line in text_
    size_t outer;  // offset of the line start in the outer text
    bool blank;    // written with fewer than `indent_` spaces
  };
  size_t mapOffset(size_t inner) const;
  // commit() for a literal block: each inner edit mapped onto its lines.
  void commitInPlace(const Patch& inner, Patch& outer_patch, const std::string& eol) const;
  std::string mapText(const std::string& text, bool at_line_start, const std::string& eol) const;

  const Document& outer_;
  NodeId node_;
  std::string text_;
  bool in_place_ = false;
  size_t indent_ = 0;
  std::vector<Line> lines_;
};

// "" when `patch`, edits of the text `doc` indexes, reads back as its edits
// intend (every expectation holds, every scalar no edit replaced keeps its
// value); else why not. ResourceList::check does this for a run's output;
// this is for a document of its own, such as the one inside a string,
// whose edits must read back before they are carried into the outer text.
std::string CheckEdits(const Document& doc, const Patch& patch);

}  // namespace krm

#endif  // KRM_EMBEDDED_H_
