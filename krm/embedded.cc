#include "krm/embedded.h"

#include <algorithm>

#include "krm/item_split_internal.h"
#include "krm/output_check_internal.h"
#include "krm/scalar_internal.h"

namespace krm {

Embedded::Embedded(const Document& outer, NodeId scalar) : outer_(outer), node_(scalar), text_(outer.value(scalar)) {
  const Node& n = outer.node(scalar);
  if (n.style != Style::Literal || n.end <= n.content()) return;
  const std::string& t = outer.text();
  size_t header_end = t.find('\n', n.content());
  if (header_end == std::string::npos) return;
  // Content indentation: the first non-blank line's, or the indicator's.
  size_t pos = header_end + 1;
  size_t indent = 0;
  for (size_t p = pos; p < n.end;) {
    size_t e = t.find('\n', p);
    if (e == std::string::npos) e = n.end;
    size_t k = p;
    while (k < e && t[k] == ' ') ++k;
    if (k < e && t[k] != '\r') {
      indent = k - p;
      break;
    }
    p = e + 1;
  }
  if (indent == 0) return;
  indent_ = indent;
  // Rebuild the value from the lines; it must equal the decoded value (up
  // to the chomped tail) or in-place editing is not safe.
  std::string rebuilt;
  for (size_t p = pos; p < n.end;) {
    size_t e = t.find('\n', p);
    size_t stop = e == std::string::npos ? n.end : std::min(e, size_t{n.end});
    size_t k = p;
    while (k < stop && t[k] == ' ') ++k;
    bool blank = (k - p) < indent;
    if (blank && k < stop && t[k] != '\r') return;  // under-indented content
    lines_.push_back({rebuilt.size(), p, blank});
    size_t from = blank ? stop : p + indent;
    size_t to = stop;
    if (to > from && t[to - 1] == '\r') --to;  // CRLF: the value has "\n"
    rebuilt.append(t, from, to - from);
    rebuilt += '\n';
    if (e == std::string::npos || e + 1 >= n.end) break;
    p = e + 1;
  }
  std::string want = text_;
  // Compare ignoring trailing newlines (chomping).
  auto trim = [](std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  };
  if (trim(rebuilt) != trim(want)) return;
  in_place_ = true;
}

size_t Embedded::mapOffset(size_t inner) const {
  // The line holding `inner`.
  auto it = std::upper_bound(lines_.begin(), lines_.end(), inner, [](size_t v, const Line& l) { return v < l.inner; });
  if (it == lines_.begin()) return lines_.front().outer;
  --it;
  if (inner == it->inner) return it->outer;
  size_t col = inner - it->inner;
  // Past the end of the last line: the end of the scalar.
  const Node& n = outer_.node(node_);
  if (it + 1 == lines_.end()) {
    size_t line_len = text_.size() - it->inner;
    if (col >= line_len && !text_.empty() && text_.back() == '\n') return n.end;
  }
  return it->outer + indent_ + col;
}

std::string Embedded::mapText(const std::string& text, bool at_line_start, const std::string& eol) const {
  std::string out;
  std::string pad(indent_, ' ');
  size_t start = 0;
  bool line_start = at_line_start;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string seg = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!seg.empty() && line_start) out += pad;
    out += seg;
    if (nl == std::string::npos) break;
    out += eol;
    start = nl + 1;
    line_start = true;
  }
  return out;
}

bool Embedded::commit(const Patch& inner, Patch& outer_patch, const std::string& eol) const {
  if (inner.empty()) return true;
  const Node& n = outer_.node(node_);
  if (n.end <= n.content()) return false;
  // The string must read back as the inner text with the edits applied.
  Patch::Anchor anchor(outer_patch, n.begin);
  outer_patch.expect(Expectation::Kind::Value, node_, "", Value::String(inner.apply(text_)));
  if (in_place_) {
    commitInPlace(inner, outer_patch, eol);
    return true;
  }
  std::string value = inner.apply(text_);
  std::string rendered;
  if (n.style == Style::Folded || n.style == Style::Literal) {
    // A literal block with the same chomping, at the same indentation.
    const std::string& t = outer_.text();
    size_t header_end = t.find('\n', n.content());
    std::string header(t, n.content(), header_end - n.content());
    char chomp = 0;
    for (char c : header) {
      if (c == '-' || c == '+') chomp = c;
    }
    size_t line = t.rfind('\n', n.content());
    line = line == std::string::npos ? 0 : line + 1;
    size_t ind = 2;
    while (line < t.size() && t[line] == ' ') ++line, ++ind;
    std::string pad(ind, ' ');
    rendered = "|";
    if (chomp) rendered += chomp;
    std::string body = value;
    while (!body.empty() && body.back() == '\n') body.pop_back();
    size_t start = 0;
    while (start <= body.size()) {
      size_t nl = body.find('\n', start);
      std::string seg = body.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      rendered += eol;
      if (!seg.empty()) rendered += pad + seg;
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    rendered += eol;
  } else {
    rendered = DoubleQuoted(value);
  }
  outer_patch.replace(n.content(), n.end, rendered);
  return true;
}

void Embedded::commitInPlace(const Patch& inner, Patch& outer_patch, const std::string& eol) const {
  const Node& n = outer_.node(node_);
  for (const Edit* ep : inner.sorted()) {
    const Edit& e = *ep;
    bool at_line_start = e.begin == 0 || text_[e.begin - 1] == '\n';
    size_t b = mapOffset(e.begin);
    size_t en = e.end == e.begin ? b : mapOffset(e.end);
    std::string text = e.text;
    bool new_lines = false;
    if (e.begin == text_.size()) {
      // Lines added after the last one go after the block's last line,
      // which ends with a line break in the outer text even when the
      // value does not (strip chomping, `|-`): the break that starts the
      // inner text becomes the break that ends the outer lines.
      b = en = n.end;
      bool outer_break = n.end > 0 && outer_.text()[n.end - 1] == '\n';
      if (outer_break && !at_line_start && !text.empty() && text.front() == '\n') {
        text.erase(0, 1);
        at_line_start = new_lines = true;
      }
    }
    std::string mapped = mapText(text, at_line_start, eol);
    if (new_lines && (mapped.size() < eol.size() || mapped.compare(mapped.size() - eol.size(), eol.size(), eol) != 0))
      mapped += eol;
    outer_patch.replace(b, en, mapped);
  }
}

bool Embedded::loneCarriageReturn() const { return LoneCarriageReturn(text_, 0, text_.size()); }

std::string CheckEdits(const Document& doc, const Patch& patch) {
  return CheckOutput(doc, patch, {}, false, 0, doc.text().size(), 0);
}

}  // namespace krm
