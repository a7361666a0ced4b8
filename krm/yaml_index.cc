// Builds a Document from yaml-cpp's event parser. Only marks and decoded
// values are taken from yaml-cpp; spans are measured on the text itself.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>

#include "krm/document.h"
#include "krm/document_internal.h"
#include "krm/scalar_internal.h"

namespace krm {
namespace {

// An istream over borrowed memory: no copy of the input.
class MemoryBuffer : public std::streambuf {
 public:
  MemoryBuffer(const char* data, size_t size) {
    char* p = const_cast<char*>(data);
    setg(p, p, p + size);
  }
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Indexer : public YAML::EventHandler {
 public:
  // Indexes the stream in bytes [base, end) of `text`.
  // Indexes the range [base, end) of `text` into `b`.
  Indexer(const std::string& text, size_t base, size_t end, DocumentBuilder& b)
      : t_(text), range_(std::string_view(text).substr(0, end)), b_(b), base_(base) {}

  // yaml-cpp 0.7 reports a document at a stray ',', ']' or '}' outside a
  // flow collection without consuming it, and would do so forever
  // (jbeder/yaml-cpp#1040): a document that starts where the previous one
  // started is that loop.
  void OnDocumentStart(const YAML::Mark& mark) override {
    uint32_t pos = Pos(mark);
    if (has_doc_ && pos == last_doc_) {
      char c = pos < t_.size() ? t_[pos] : ' ';
      throw ParseError(pos, std::string("unexpected '") + c + "' outside a flow collection");
    }
    has_doc_ = true;
    last_doc_ = pos;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    uint32_t pos = Pos(mark);
    uint32_t content = SkipProperties(pos);
    uint32_t end = ExplicitNullEnd(content);
    if (end != 0) {
      if (b_.atBlockKey()) RequireColon(content, end);  // a last line `null`, as any other word
      b_.leaf(NodeKind::Null, Style::Plain, pos, content, end, {}, false);
      return;
    }
    // Nothing written: anchor the empty span just after the previous sibling.
    NodeId prev = b_.lastChild();
    uint32_t at = prev == kNoNode ? pos : b_.doc().node(prev).end;
    if (content != pos) at = content;  // "key: &a" keeps its properties
    b_.leaf(NodeKind::Null, Style::Plain, at, at, at, {}, true);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    uint32_t pos = Pos(mark);
    uint32_t end = pos + 1;
    while (end < t_.size() && !IsSpace(t_[end]) && t_[end] != ',' && t_[end] != ']' && t_[end] != '}') ++end;
    b_.leaf(NodeKind::Alias, Style::Plain, pos, pos, end, {}, false);
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    uint32_t pos = Pos(mark);
    uint32_t content = SkipProperties(pos);
    Style style = Style::Plain;
    if (content < t_.size()) {
      switch (t_[content]) {
        case '"':
          style = Style::DoubleQuoted;
          break;
        case '\'':
          style = Style::SingleQuoted;
          break;
        case '|':
          style = Style::Literal;
          break;
        case '>':
          style = Style::Folded;
          break;
        default:
          break;
      }
    }
    // Within the range: a quoted string that runs past its end is not
    // closed here, whatever follows (the parallel parse relies on it).
    size_t end = ScalarEnd(range_, content, style, b_.inFlow(), value, LineIndent(content));
    if (end == std::string::npos && (style == Style::DoubleQuoted || style == Style::SingleQuoted))
      throw ParseError(content, "a quoted string that is never closed");
    if (end == std::string::npos) end = content;  // extent unknown: never edited
    if (b_.atBlockKey()) RequireColon(content, end);
    std::string repaired;
    bool escapes = style == Style::DoubleQuoted && RepairEscapes(value, repaired);
    b_.leaf(NodeKind::Scalar, style, pos, content, static_cast<uint32_t>(end), escapes ? repaired : value, false);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    Open(NodeKind::Seq, mark, style);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    Open(NodeKind::Map, mark, style);
  }
  void OnMapEnd() override { Close(); }

 private:
  uint32_t Pos(const YAML::Mark& m) const {
    return static_cast<uint32_t>(base_ + static_cast<size_t>(m.pos < 0 ? 0 : m.pos));
  }

  // yaml-cpp 0.7 decodes the escapes \N (U+0085) and \_ (U+00A0) of a
  // double-quoted scalar to the single bytes 0x85 and 0xA0, which are not
  // UTF-8; written back (an image config re-encoded), they made output no
  // reader accepts (found by fuzzing). The text was checked to be UTF-8, and
  // every other escape decodes to whole UTF-8 characters, so a 0x85 or 0xA0
  // that no lead byte claims came from one of these two. False when the
  // value has none (the common case: nothing is copied).
  static bool RepairEscapes(const std::string& value, std::string& out) {
    if (value.find_first_of("\x85\xA0") == std::string::npos) return false;
    bool repaired = false;
    out.clear();
    for (size_t i = 0; i < value.size();) {
      unsigned char c = static_cast<unsigned char>(value[i]);
      size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
      if (n == 0) {  // a continuation byte no lead claims
        out += '\xC2';
        out += static_cast<char>(c);
        repaired = true;
        ++i;
        continue;
      }
      out.append(value, i, n);
      i += n;
    }
    return repaired;
  }

  // yaml-cpp 0.7 takes a last line without ':' in a block map as a key
  // with no value; YAML has no such key. A key (not after '?') must be
  // followed by ':' on its line.
  void RequireColon(uint32_t content, size_t end) const {
    if (end <= content) return;
    size_t back = content;
    while (back > 0 && (t_[back - 1] == ' ' || t_[back - 1] == '\t')) --back;
    if (back > 0 && t_[back - 1] == '?') return;  // an explicit key
    size_t p = end;
    while (p < range_.size() && (t_[p] == ' ' || t_[p] == '\t')) ++p;
    if (p < range_.size() && t_[p] == ':') return;
    throw ParseError(content, "a mapping key without ':'");
  }

  // Skips an anchor (&a) and a tag (!x) before the node proper.
  // A tag ends where yaml-cpp ends it before a '"' (which starts a
  // double-quoted scalar there: found by fuzzing, when such a scalar ran
  // past the end of a part of the parallel parse unnoticed).
  uint32_t SkipProperties(uint32_t p) const {
    while (p < t_.size() && (t_[p] == '&' || t_[p] == '!')) {
      bool tag = t_[p] == '!';
      while (p < t_.size() && !IsSpace(t_[p]) && !(tag && t_[p] == '"')) ++p;
      while (p < t_.size() && IsSpace(t_[p])) ++p;
    }
    return p;
  }

  // One past an explicit null (~, null, Null, NULL) at p, or 0.
  uint32_t ExplicitNullEnd(uint32_t p) const {
    static const char* const kNulls[] = {"~", "null", "Null", "NULL"};
    for (const char* w : kNulls) {
      size_t n = std::char_traits<char>::length(w);
      if (t_.compare(p, n, w) == 0) {
        size_t e = p + n;
        if (e >= t_.size() || IsSpace(t_[e]) || t_[e] == ',' || t_[e] == '}' || t_[e] == ']' || t_[e] == '#')
          return static_cast<uint32_t>(e);
      }
    }
    return 0;
  }

  size_t LineIndent(size_t pos) const {
    size_t start = t_.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = (start == std::string::npos || pos == 0) ? 0 : start + 1;
    size_t i = start;
    while (i < t_.size() && t_[i] == ' ') ++i;
    return i - start;
  }

  void Open(NodeKind kind, const YAML::Mark& mark, YAML::EmitterStyle::value style) {
    uint32_t pos = Pos(mark);
    if (open_.size() >= kMaxNesting) throw NestingError(pos);
    uint32_t content = SkipProperties(pos);
    Style s = style == YAML::EmitterStyle::Flow ? Style::Flow : Style::Block;
    // A block collection's mark may sit on its anchor; a block sequence's on
    // its first "-", a block map's on its first key.
    b_.open(kind, s, pos, content);
    open_.push_back({s == Style::Flow, content});
  }

  void Close() {
    OpenFrame frame = open_.back();
    open_.pop_back();
    bool flow = frame.flow;
    NodeId last = b_.lastChild();
    const Document& d = b_.doc();
    uint32_t end;
    if (flow) {
      // Find the closing bracket after the last child (or the opening one).
      size_t i = last == kNoNode ? size_t{frame.content} + 1 : d.node(last).end;
      while (i < t_.size() && t_[i] != ']' && t_[i] != '}') {
        if (t_[i] == '#') {
          while (i < t_.size() && t_[i] != '\n') ++i;
        } else {
          ++i;
        }
      }
      end = static_cast<uint32_t>(i < t_.size() ? i + 1 : i);
    } else {
      end = last == kNoNode ? frame.content : d.node(last).end;
    }
    b_.close(end);
  }

  struct OpenFrame {
    bool flow;
    uint32_t content;
  };

  const std::string& t_;
  std::string_view range_;  // the text up to the end of the indexed range
  DocumentBuilder& b_;
  size_t base_;
  std::vector<OpenFrame> open_;
  bool has_doc_ = false;
  uint32_t last_doc_ = 0;
};

}  // namespace

namespace {

// yaml-cpp's message, with the cause where it is a YAML limit it does not
// name: an implicit key is at most 1024 characters (YAML 1.2, 7.4.2), and
// past that yaml-cpp only says "illegal map value" at the ':'.
std::string Explain(const std::string& text, size_t at, const std::string& msg) {
  constexpr size_t kMaxImplicitKey = 1024;
  if (msg == std::string(YAML::ErrorMsg::MAP_VALUE) && at <= text.size()) {
    size_t line = text.rfind('\n', at == 0 ? 0 : at - 1);
    line = line == std::string::npos ? 0 : line + 1;
    while (line < at && (text[line] == ' ' || text[line] == '-')) ++line;
    if (at - line > kMaxImplicitKey)
      return "a key longer than " + std::to_string(kMaxImplicitKey) +
             " characters (YAML's limit for an implicit key): shorten it, or write it as an explicit key ('? key')";
  }
  return msg;
}

}  // namespace

Document Document::ParseYaml(const std::string& text) { return ParseYamlRange(text, 0, text.size()); }

void DocumentInternal::IndexYamlRange(const std::string& text, size_t begin, size_t end, DocumentBuilder& into) {
  Indexer indexer(text, begin, end, into);
  MemoryBuffer buf(text.data() + begin, end - begin);
  std::istream in(&buf);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(indexer)) {
    }
  } catch (const YAML::DeepRecursion& e) {
    throw NestingError(begin + (e.mark.pos < 0 ? 0 : static_cast<size_t>(e.mark.pos)));
  } catch (const YAML::Exception& e) {
    size_t off = begin + (e.mark.pos < 0 ? 0 : static_cast<size_t>(e.mark.pos));
    throw ParseError(off, Explain(text, off, e.msg));
  }
}

Document Document::ParseYamlRange(const std::string& text, size_t begin, size_t end) {
  DocumentInternal::RequireAddressable(text);
  DocumentBuilder b(text, false);
  DocumentInternal::IndexYamlRange(text, begin, end, b);
  return b.finish();
}

}  // namespace krm
