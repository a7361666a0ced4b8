#include <cstring>
#include <vector>

#include "krm/document_internal.h"
#include "krm/item_scan_internal.h"
#include "krm/resource_list.h"
#include "krm/scalar_internal.h"
#include "krm/text_check_internal.h"

namespace krm {
namespace {

// Which captured fields a map's keys may hold.
enum class Slot : unsigned char { None, Root, Metadata, Annotations };

struct Frame {
  long indent;
  bool seq;
  Slot slot;
  size_t pos;                          // its first key or "-": where its node begins
  bool emitted;                        // a node was opened for it
  std::vector<std::string_view> keys;  // a map's keys so far (raw, unquoted)
};

// What the previous line left open.
enum class Open : unsigned char {
  None,
  Value,   // "key:" or "-" with nothing after: a block may follow, deeper
  Plain,   // a plain scalar that deeper lines continue
  Quoted,  // a quoted scalar not closed yet
  Block,   // a literal or folded block scalar
};

constexpr long kMaxDepth = 200;
constexpr size_t kMaxKey = 1024;

bool Indicator(char c) { return c != '\0' && std::strchr("-?:,[]{}#&*!|>'\"%@`", c) != nullptr; }
bool FlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }
bool Hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
// The first byte of [i, e) of `t` that is not a space, or e.
size_t SkipSpaces(std::string_view t, size_t i, size_t e) {
  while (i + 8 <= e && WordAt(t.data() + i) == 0x20 * kByteOnes) i += 8;
  while (i < e && t[i] == ' ') ++i;
  return i;
}

// True when the eight bytes are all printable ASCII (0x20-0x7E): no high
// bit, no control character, no DEL (a zero byte once 0x7F is xored out).
bool PrintableWord(uint64_t w) {
  return (w & kByteHighs) == 0 && !AnyByteBelow(w, 0x20) && !AnyByteBelow(w ^ (0x7f * kByteOnes), 1);
}

// The plain scalars yaml-cpp reports as nulls.
bool NullWord(std::string_view v) { return v == "~" || v == "null" || v == "Null" || v == "NULL"; }

class Scanner {
 public:
  Scanner(std::string_view t, size_t begin, size_t end, long column, DocumentBuilder* b)
      : t_(t), range_(t.substr(0, end)), begin_(begin), end_(end), b_(b) {
    if (column >= 0) {
      stack_.push_back({column, true, Slot::None, begin, false, {}});
    } else {
      open_ = Open::Value;
      open_indent_ = -1;
      open_slot_ = Slot::Root;
    }
    stream_ = column < 0;
  }

  ItemScan run() {
    size_t pos = begin_;
    bool first = true;
    while (pos < end_ && ok_) {
      const char* nl = static_cast<const char*>(std::memchr(t_.data() + pos, '\n', end_ - pos));
      size_t stop = nl ? static_cast<size_t>(nl - t_.data()) : end_;
      size_t next = nl ? stop + 1 : end_;
      size_t e = stop > pos && t_[stop - 1] == '\r' ? stop - 1 : stop;
      if (first && stream_ && Marker(pos, e)) {
        first = false;
        pos = next;
        continue;
      }
      first = false;
      line(pos, e, next);
      pos = next;
    }
    if (ok_) {
      if (open_ == Open::Block) endBlock();
      if (open_ == Open::Value) endValue();
    }
    while (ok_ && !stack_.empty() && (stream_ || stack_.size() > 1)) pop();
    if (open_ == Open::Quoted || !root_) ok_ = false;
    out_.simple = ok_;
    out_.indexable = ok_ && indexable_;
    out_.end = last_end_;
    return out_;
  }

 private:
  bool fail() { return ok_ = false; }
  // Within the subset, but not for the indexer.
  void notIndexable() { indexable_ = false; }

  // A "---" line alone (a comment may follow) opening a stream document.
  bool Marker(size_t b, size_t e) const {
    if (e - b < 3 || t_.compare(b, 3, "---") != 0) return false;
    size_t i = b + 3;
    while (i < e && t_[i] == ' ') ++i;
    return i == e || (i > b + 3 && t_[i] == '#');
  }

  // Control characters anywhere, tabs outside block scalars, and the
  // Unicode line breaks (NEL, LS, PS) a YAML reader may break lines at.
  bool cleanChars(size_t b, size_t e, bool tabs) const {
    while (b + 8 <= e && PrintableWord(WordAt(t_.data() + b))) b += 8;
    for (size_t i = b; i < e; ++i) {
      unsigned char c = static_cast<unsigned char>(t_[i]);
      if (c >= 0x20 && c < 0x7f) continue;
      if (c == '\t' && tabs) continue;
      if (c < 0x80) return false;
      size_t n = Utf8Length(t_.substr(0, e), i);
      if (n == 0) return false;  // not UTF-8: yaml-cpp decodes it its own way
      if (UnicodeLineBreak(t_.substr(0, e), i) > 0) return false;
      if (c == 0xEF && static_cast<unsigned char>(t_[i + 1]) == 0xBB && static_cast<unsigned char>(t_[i + 2]) == 0xBF)
        return false;  // a byte-order mark
      i += n - 1;
    }
    return true;
  }

  // --- nodes, when indexing ---

  size_t lineIndent(size_t pos) const {
    size_t start = pos;
    while (start > 0 && t_[start - 1] != '\n') --start;
    size_t i = start;
    while (i < t_.size() && t_[i] == ' ') ++i;
    return i - start;
  }

  void scalar(Style style, size_t content, std::string_view value, bool in_flow) {
    if (!b_) return;
    size_t end = ScalarEnd(range_, content, style, in_flow, value, lineIndent(content));
    if (end == std::string::npos) end = content;
    b_->leaf(NodeKind::Scalar, style, static_cast<uint32_t>(content), static_cast<uint32_t>(content),
             static_cast<uint32_t>(end), value, false);
  }

  void explicitNull(size_t v, size_t size) {
    if (!b_) return;
    auto at = static_cast<uint32_t>(v);
    b_->leaf(NodeKind::Null, Style::Plain, at, at, static_cast<uint32_t>(v + size), {}, false);
  }

  void openNode(NodeKind kind, Style style, size_t pos) {
    if (b_) b_->open(kind, style, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos));
  }

  void closeNode(size_t empty_end) {
    if (!b_) return;
    NodeId last = b_->lastChild();
    b_->close(static_cast<uint32_t>(last == kNoNode ? empty_end : b_->doc().node(last).end));
  }

  void push(long indent, bool seq, Slot slot, size_t pos) {
    bool emit = stream_ || !stack_.empty();  // an item's own "- " list is not a node
    stack_.push_back({indent, seq, slot, pos, emit, {}});
    if (emit) openNode(seq ? NodeKind::Seq : NodeKind::Map, Style::Block, pos);
  }

  void pop() {
    if (stack_.back().emitted) closeNode(stack_.back().pos);
    stack_.pop_back();
  }

  // A "key:" or "-" that nothing deeper followed: a null value. `next` is
  // where the next line's text starts (npos at the end): yaml-cpp marks the
  // null there, and its indexer takes a null word written there (`NULL
  // name: x`) for the null itself, which is left to it.
  void endValue(size_t next = std::string_view::npos) {
    open_ = Open::None;
    if (!open_from_key_) {
      notIndexable();  // an empty list entry
      return;
    }
    if (next != std::string_view::npos) {
      size_t w = next;
      while (w < end_ && t_[w] != ' ' && t_[w] != '\n' && t_[w] != '\r' && t_[w] != ',' && t_[w] != '#' &&
             t_[w] != ']' && t_[w] != '}')
        ++w;
      if (NullWord(t_.substr(next, w - next))) notIndexable();
    }
    if (!b_) return;
    NodeId prev = b_->lastChild();
    auto at = static_cast<uint32_t>(prev == kNoNode ? last_end_ : b_->doc().node(prev).end);
    b_->leaf(NodeKind::Null, Style::Plain, at, at, at, {}, true);
  }

  // --- lines ---

  // A line of an open block scalar: true when it was one (blank, or
  // indented past the scalar's parent).
  bool blockLine(size_t b, size_t i, size_t e, long indent, size_t next) {
    if (i == e) {                 // blank
      if (i > b) notIndexable();  // spaces a literal may keep
      return true;
    }
    if (indent <= open_indent_) return false;
    if (block_indent_ < 0) block_indent_ = indent;
    if (indent < block_indent_ || !cleanChars(i, e, true)) fail();
    last_end_ = next;
    return true;
  }

  // A "key:" or "-" left open: the line at `indent` opens the block that is
  // its value, or the value was null. False when the scan fails.
  bool settleValue(size_t i, long indent, bool dash) {
    if (indent > open_indent_ || (indent == open_indent_ && dash && open_from_key_)) {
      open_ = Open::None;
      if (static_cast<long>(stack_.size()) >= kMaxDepth || (open_slot_ == Slot::Root && dash))
        return fail();  // too deep, or the item or document is a list, not an object
      push(indent, dash, open_slot_, i);
    } else {
      endValue(i);
    }
    return true;
  }

  void line(size_t b, size_t e, size_t next) {
    if (open_ == Open::Quoted) {
      continueQuoted(b, e);
      return;
    }
    size_t i = SkipSpaces(t_, b, e);
    long indent = static_cast<long>(i - b);
    if (open_ == Open::Block) {
      if (blockLine(b, i, e, indent, next)) return;
      endBlock();
    }
    if (!cleanChars(i, e, false)) {  // the indentation is spaces
      fail();
      return;
    }
    if (i == e) return;  // blank
    if (t_[i] == '#') {
      if (open_ == Open::Plain) open_ = Open::None;  // a comment ends a plain scalar
      return;
    }
    if (open_ == Open::Plain) {
      if (indent > open_indent_) {
        continuePlain(i, e);
        return;
      }
      open_ = Open::None;
    }
    bool dash = t_[i] == '-' && (i + 1 == e || t_[i + 1] == ' ');
    if (open_ == Open::Value && !settleValue(i, indent, dash)) return;
    while (!stack_.empty() && stack_.back().indent > indent) pop();
    if (stack_.empty() || stack_.back().indent != indent) {
      fail();
      return;
    }
    if (stack_.back().seq && !dash && stack_.size() >= 2 && !stack_[stack_.size() - 2].seq &&
        stack_[stack_.size() - 2].indent == indent)
      pop();  // the end of a list written at its key's column
    if (stack_.back().seq != dash) {
      fail();
      return;
    }
    if (dash)
      dashLine(i, e, indent);
    else
      keyLine(i, e, stack_.size() - 1);
  }

  void dashLine(size_t i, size_t e, long indent) {
    bool root = stack_.size() == 1 && !stream_;
    size_t j = i + 1;
    while (j < e && t_[j] == ' ') ++j;
    if (j == e || t_[j] == '#') {
      openValue(indent, root ? Slot::Root : Slot::None, false);
      last_end_ = i + 1;
      return;
    }
    if (t_[j] == '-' && (j + 1 == e || t_[j + 1] == ' ')) {
      fail();  // "- - x"
      return;
    }
    if (keyEnd(j, e) != std::string_view::npos) {
      if (static_cast<long>(stack_.size()) >= kMaxDepth) {
        fail();
        return;
      }
      push(static_cast<long>(j - lineStart(j)), false, root ? Slot::Root : Slot::None, j);
      keyLine(j, e, stack_.size() - 1);
      return;
    }
    if (root) {
      fail();  // an item that is not an object
      return;
    }
    value(j, e, indent, nullptr);
  }

  size_t lineStart(size_t p) const {
    while (p > begin_ && t_[p - 1] != '\n') --p;
    return p;
  }

  void openValue(long indent, Slot slot, bool from_key) {
    open_ = Open::Value;
    open_indent_ = indent;
    open_slot_ = slot;
    open_from_key_ = from_key;
  }

  // Where a key at i ends (its ':' follows), or npos when the line does not
  // start with a key this scanner reads.
  size_t keyEnd(size_t i, size_t e) const {
    char c = t_[i];
    if (c == '"' || c == '\'') {
      for (size_t k = i + 1; k < e; ++k) {
        if (c == '"' && t_[k] == '\\') return std::string_view::npos;
        if (t_[k] != c) continue;
        if (c == '\'' && k + 1 < e && t_[k + 1] == '\'') {
          ++k;
          continue;
        }
        size_t after = k + 1;
        bool colon = after < e && t_[after] == ':' && (after + 1 == e || t_[after + 1] == ' ');
        return colon ? after : std::string_view::npos;
      }
      return std::string_view::npos;
    }
    if (Indicator(c)) return std::string_view::npos;
    for (size_t k = i; k < e; ++k) {
      char d = t_[k];
      if (d == ':' && (k + 1 == e || t_[k + 1] == ' ')) return t_[k - 1] == ' ' ? std::string_view::npos : k;
      if (FlowIndicator(d) || (d == '#' && t_[k - 1] == ' ')) return std::string_view::npos;
    }
    return std::string_view::npos;
  }

  static Slot ChildSlot(Slot s, std::string_view key) {
    if (s == Slot::Root && key == "metadata") return Slot::Metadata;
    if (s == Slot::Metadata && key == "annotations") return Slot::Annotations;
    return Slot::None;
  }

  std::string* captureFor(Slot s, std::string_view key) {
    if (s == Slot::Root) {
      if (key == "apiVersion") return &out_.api_version;
      if (key == "kind") return &out_.kind;
    } else if (s == Slot::Metadata) {
      if (key == "name") return &out_.name;
      if (key == "namespace") return &out_.ns;
    } else if (s == Slot::Annotations) {
      if (key == annotations::kPath || (key == annotations::kLegacyPath && !internal_path_)) {
        internal_path_ = internal_path_ || key == annotations::kPath;
        out_.has_path = true;
        return &out_.path;
      }
      if (key == annotations::kIndex || (key == annotations::kLegacyIndex && !internal_index_)) {
        internal_index_ = internal_index_ || key == annotations::kIndex;
        return &out_.index;
      }
      if (key == annotations::kLocalConfig) return &out_.local_config;
    }
    return nullptr;
  }

  void keyLine(size_t i, size_t e, size_t frame) {
    size_t k = keyEnd(i, e);
    if (k == std::string_view::npos || k - i > kMaxKey) {
      fail();
      return;
    }
    std::string_view key = t_.substr(i, k - i);
    Style style = Style::Plain;
    if (key.front() == '"' || key.front() == '\'') {
      style = key.front() == '"' ? Style::DoubleQuoted : Style::SingleQuoted;
      key = key.substr(1, key.size() - 2);
    }
    if (key.find("''") != std::string_view::npos) {
      fail();
      return;
    }
    if (style == Style::Plain && NullWord(key)) notIndexable();
    Frame& f = stack_[frame];
    for (std::string_view seen : f.keys) {
      if (seen == key) {
        fail();  // a duplicate key: the parser reports it
        return;
      }
    }
    f.keys.push_back(key);
    if (f.slot == Slot::Root && !root_) {
      root_ = true;
      out_.content = i;
    }
    if (b_) scalar(style, i, key, false);
    last_end_ = k;
    long indent = f.indent;
    Slot child = ChildSlot(f.slot, key);
    size_t v = k + 1;
    while (v < e && t_[v] == ' ') ++v;
    if (v == e || t_[v] == '#') {
      openValue(indent, child, true);
      return;
    }
    if (child != Slot::None) {
      fail();  // metadata or annotations written inline: not read here
      return;
    }
    value(v, e, indent, captureFor(f.slot, key));
  }

  void value(size_t v, size_t e, long parent, std::string* capture) {
    char c = t_[v];
    if (c == '|' || c == '>') {
      blockHeader(v, e, parent, capture);
    } else if (c == '"' || c == '\'') {
      quoted(v, e, parent, capture);
    } else if (c == '[' || c == '{') {
      size_t p = v;
      if (capture || !flow(p, e, 0) || !restIsComment(p, e)) {
        fail();
        return;
      }
      last_end_ = p;
    } else if (Indicator(c) && !((c == '-' || c == ':') && v + 1 < e && t_[v + 1] != ' ')) {
      fail();
    } else {
      size_t r = plainEnd(v, e);
      if (r == std::string_view::npos) {
        fail();
        return;
      }
      std::string_view text = t_.substr(v, r - v);
      if (capture) *capture = NullWord(text) ? std::string() : std::string(text);  // as a parser reads it
      if (NullWord(text))
        explicitNull(v, text.size());
      else
        scalar(Style::Plain, v, text, false);
      last_end_ = r;
      open_ = Open::Plain;
      open_indent_ = parent;
    }
  }

  // The end of a plain scalar's text on [v, e): before a comment and
  // trailing spaces; npos at ": ", a ':' at the end, or a tab.
  size_t plainEnd(size_t v, size_t e) const {
    size_t r = v;
    for (size_t k = v; k < e; ++k) {
      char d = t_[k];
      if (d == ':' && (k + 1 == e || t_[k + 1] == ' ')) return std::string_view::npos;
      if (d == '#' && k > v && t_[k - 1] == ' ') break;
      if (d != ' ') r = k + 1;
    }
    return r;
  }

  void continuePlain(size_t i, size_t e) {
    notIndexable();  // a value over several lines
    char c = t_[i];
    if (Indicator(c) && !((c == '-' || c == ':') && i + 1 < e && t_[i + 1] != ' ')) {
      fail();
      return;
    }
    size_t r = plainEnd(i, e);
    if (r == std::string_view::npos) {
      fail();
      return;
    }
    last_end_ = r;
    if (r < e && t_.substr(r, e - r).find('#') != std::string_view::npos) open_ = Open::None;  // a comment ends it
  }

  bool restIsComment(size_t p, size_t e) const {
    size_t q = p;
    while (q < e && t_[q] == ' ') ++q;
    return q == e || (q > p && t_[q] == '#');
  }

  void blockHeader(size_t v, size_t e, long parent, std::string* capture) {
    size_t p = v + 1;
    block_strip_ = p < e && t_[p] == '-';
    if (block_strip_) ++p;
    if (capture || !restIsComment(p, e)) {
      fail();  // keep chomping, an indentation indicator, a captured field
      return;
    }
    if (t_[v] == '>') notIndexable();  // folding is left to yaml-cpp
    open_ = Open::Block;
    open_indent_ = parent;
    block_indent_ = -1;
    block_at_ = v;
    last_end_ = e;
  }

  // A literal block scalar's value: its lines without their indentation,
  // each ending in a line break; blank lines at the end dropped, then one
  // line break kept (clip) or none (strip).
  void endBlock() {
    open_ = Open::None;
    if (!b_) return;
    std::string value;
    size_t pending = 0;  // line breaks of blank lines not yet known to be inside
    size_t p = t_.find('\n', block_at_);
    p = p == std::string_view::npos || p >= end_ ? end_ : p + 1;
    while (p < end_) {
      size_t nl = t_.find('\n', p);
      size_t stop = nl == std::string_view::npos || nl >= end_ ? end_ : nl;
      size_t e = stop > p && t_[stop - 1] == '\r' ? stop - 1 : stop;
      size_t i = SkipSpaces(t_, p, e);
      if (i == e) {
        ++pending;
      } else if (static_cast<long>(i - p) > open_indent_) {
        value.append(pending, '\n');
        pending = 0;
        value.append(t_.substr(p + static_cast<size_t>(block_indent_), e - p - static_cast<size_t>(block_indent_)));
        if (stop < end_) value += '\n';  // the last line of the text may have no line break
      } else {
        break;
      }
      p = stop < end_ ? stop + 1 : end_;
    }
    // Strip chomping takes off the final line break; the last line of the
    // text may have none to take (found by fuzzing: it took a character).
    if (block_strip_ && !value.empty() && value.back() == '\n') value.pop_back();
    scalar(Style::Literal, block_at_, value, false);
  }

  // Scans a quoted scalar from its content at p to its closing quote on
  // [p, e); returns one past the quote, or npos when the line ends first.
  // Sets `escaped` when a double-quoted scalar holds an escape.
  size_t closeQuote(size_t p, size_t e, char q, bool& escaped) {
    for (size_t k = p; k < e; ++k) {
      char d = t_[k];
      if (q == '"' && d == '\\') {
        escaped = true;
        if (k + 1 == e) return std::string_view::npos;  // a line continuation
        size_t n = escape(k + 1, e);
        if (n == 0) {
          fail();
          return std::string_view::npos;
        }
        k += n;
        continue;
      }
      if (d != q) continue;
      if (q == '\'' && k + 1 < e && t_[k + 1] == '\'') {
        escaped = true;
        ++k;
        continue;
      }
      return k + 1;
    }
    return std::string_view::npos;
  }

  // The length of a valid escape after a backslash at k - 1, or 0.
  size_t escape(size_t k, size_t e) const {
    char c = t_[k];
    size_t hex = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (hex) {
      if (k + hex >= e) return 0;
      for (size_t h = 1; h <= hex; ++h)
        if (!Hex(t_[k + h])) return 0;
      return hex + 1;
    }
    return c != '\0' && std::strchr("0abt\tnvfre \"/\\N_LP", c) != nullptr ? 1 : 0;
  }

  // A quoted scalar on one line at [v, close): its node, its value.
  std::string quotedValue(size_t v, size_t close, bool escaped, bool in_flow) {
    char q = t_[v];
    std::string_view inner = t_.substr(v + 1, close - v - 2);
    std::string value;
    if (!escaped) {
      value = std::string(inner);
    } else if (q == '\'') {
      for (size_t k = 0; k < inner.size(); ++k) {
        value += inner[k];
        if (inner[k] == '\'') ++k;
      }
    } else {
      // The escapes a serializer writes most; the others are left to yaml-cpp.
      for (size_t k = 0; k < inner.size(); ++k) {
        if (inner[k] != '\\') {
          value += inner[k];
          continue;
        }
        char c = inner[++k];
        const char* plain = std::strchr("\"\\/", c);
        if (c != '\0' && plain) {
          value += c;
        } else if (c == 'n' || c == 't') {
          value += c == 'n' ? '\n' : '\t';
        } else {
          notIndexable();
          return value;
        }
      }
    }
    scalar(q == '"' ? Style::DoubleQuoted : Style::SingleQuoted, v, value, in_flow);
    return value;
  }

  void quoted(size_t v, size_t e, long parent, std::string* capture) {
    bool escaped = false;
    char q = t_[v];
    size_t close = closeQuote(v + 1, e, q, escaped);
    if (!ok_) return;
    if (close == std::string_view::npos) {
      if (capture) {
        fail();
        return;
      }
      notIndexable();  // a value over several lines
      open_ = Open::Quoted;
      open_indent_ = parent;
      quote_ = q;
      return;
    }
    if (!restIsComment(close, e) || (capture && escaped && q == '"')) {
      fail();
      return;
    }
    std::string value = quotedValue(v, close, escaped, false);
    if (capture) *capture = value;
    last_end_ = close;
  }

  void continueQuoted(size_t b, size_t e) {
    size_t i = SkipSpaces(t_, b, e);
    if (i < e && static_cast<long>(i - b) <= open_indent_) {
      fail();  // a continuation line must be indented
      return;
    }
    if (!cleanChars(i, e, true)) {
      fail();
      return;
    }
    bool escaped = false;
    size_t close = closeQuote(i, e, quote_, escaped);
    if (!ok_ || close == std::string_view::npos) return;
    if (!restIsComment(close, e)) {
      fail();
      return;
    }
    open_ = Open::None;
    last_end_ = close;
  }

  // A flow collection closed on its line, of scalars and flow collections:
  // advances p past it. False for anything else.
  bool flow(size_t& p, size_t e, int depth) {
    if (depth > 50) return false;
    char open = t_[p], close = open == '[' ? ']' : '}';
    openNode(open == '[' ? NodeKind::Seq : NodeKind::Map, Style::Flow, p);
    ++p;
    skipSpaces(p, e);
    if (p < e && t_[p] == close) {
      ++p;
      if (b_) b_->close(static_cast<uint32_t>(p));
      return true;
    }
    for (;;) {
      if (!flowNode(p, e, depth)) return false;
      skipSpaces(p, e);
      if (open == '{') {
        if (p >= e || t_[p] != ':') return false;
        ++p;
        skipSpaces(p, e);
        if (!flowNode(p, e, depth)) return false;
        skipSpaces(p, e);
      }
      if (p >= e) return false;
      if (t_[p] == close) {
        ++p;
        if (b_) b_->close(static_cast<uint32_t>(p));
        return true;
      }
      if (t_[p] != ',') return false;
      ++p;
      skipSpaces(p, e);
    }
  }

  void skipSpaces(size_t& p, size_t e) const {
    while (p < e && t_[p] == ' ') ++p;
  }

  bool flowNode(size_t& p, size_t e, int depth) {
    if (p >= e) return false;
    char c = t_[p];
    if (c == '[' || c == '{') return flow(p, e, depth + 1);
    if (c == '"' || c == '\'') {
      bool escaped = false;
      size_t close = closeQuote(p + 1, e, c, escaped);
      if (!ok_ || close == std::string_view::npos) return false;
      quotedValue(p, close, escaped, true);
      p = close;
      return true;
    }
    if (Indicator(c)) return false;
    size_t start = p, last = p;
    while (p < e) {
      char d = t_[p];
      if (FlowIndicator(d) || d == ':' || (d == '#' && t_[p - 1] == ' ')) break;
      if (d == '?') return false;  // yaml-cpp may take it for a key indicator (`{b? c: d}`: found by fuzzing)
      if (d != ' ') last = p + 1;
      ++p;
    }
    if (p < e && t_[p] == ':' && p + 1 < e && t_[p + 1] != ' ' && !FlowIndicator(t_[p + 1])) return false;
    if (p == start) return false;
    std::string_view text = t_.substr(start, last - start);
    if (NullWord(text))
      explicitNull(start, text.size());
    else
      scalar(Style::Plain, start, text, true);
    return true;
  }

  std::string_view t_;
  std::string_view range_;  // the text up to the end of the scanned range
  size_t begin_, end_;
  DocumentBuilder* b_;
  bool stream_ = false;
  std::vector<Frame> stack_;
  Open open_ = Open::None;
  long open_indent_ = 0;
  Slot open_slot_ = Slot::None;
  bool open_from_key_ = false;
  long block_indent_ = -1;
  size_t block_at_ = 0;
  bool block_strip_ = false;
  char quote_ = '"';
  bool ok_ = true;
  bool indexable_ = true;
  bool root_ = false;
  bool internal_path_ = false, internal_index_ = false;
  size_t last_end_ = 0;
  ItemScan out_;
};

}  // namespace

ItemScan ScanItem(std::string_view text, size_t begin, size_t end, long column, DocumentBuilder* into) {
  return Scanner(text, begin, end, column, into).run();
}

}  // namespace krm
