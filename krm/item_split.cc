#include <algorithm>
#include <cctype>
#include <cstring>

#include "krm/item_split_internal.h"
#include "krm/parallel.h"

namespace krm {
namespace {

struct Line {
  size_t begin;           // first byte
  size_t next;            // first byte of the next line
  size_t indent;          // leading spaces
  std::string_view body;  // after the indentation, without the line end
};

// The first byte of the line after the one `pos` is in.
size_t NextLine(const std::string& t, size_t pos) {
  const void* nl = std::memchr(t.data() + pos, '\n', t.size() - pos);
  return nl ? static_cast<size_t>(static_cast<const char*>(nl) - t.data()) + 1 : t.size();
}

Line ReadLine(const std::string& t, size_t pos) {
  Line l;
  l.begin = pos;
  l.next = NextLine(t, pos);
  size_t stop = l.next > pos && t[l.next - 1] == '\n' ? l.next - 1 : l.next;
  size_t i = pos;
  while (i < stop && t[i] == ' ') ++i;
  l.indent = i - pos;
  size_t e = stop;
  if (e > i && t[e - 1] == '\r') --e;
  l.body = std::string_view(t).substr(i, e - i);
  return l;
}

bool Blank(const Line& l) { return l.body.empty() || l.body.front() == '#'; }
bool Marker(const Line& l) { return l.indent == 0 && (l.body.substr(0, 3) == "---" || l.body.substr(0, 3) == "..."); }

// `items:` alone on its line, at column 0, optionally followed by a comment.
bool ItemsKey(const Line& l) {
  if (l.indent != 0 || l.body.substr(0, 6) != "items:") return false;
  std::string_view rest = l.body.substr(6);
  size_t i = 0;
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
  return i == rest.size() || (i > 0 && rest[i] == '#');
}

// A letter, digit or '_': how the keys kpt and kustomize write after the
// items begin. A quoted key, or one with an anchor or tag, is left to one parse.
bool PlainKeyStart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool Entry(const Line& l) { return l.body.size() >= 2 && l.body[0] == '-' && l.body[1] == ' '; }
bool BareDash(const Line& l) { return l.body == "-"; }

// The first line from `pos` (a line start) before `stop` that Blank() does
// not skip and that is indented at most `column`: the only lines that start
// an item or end the items. `stop` when there is none. It reads no more of
// a line than its indentation, its first byte and where it ends.
size_t NextCandidate(const std::string& t, size_t pos, size_t stop, size_t column) {
  while (pos < stop) {
    size_t lim = std::min(pos + column + 1, t.size());
    size_t i = pos;
    while (i < lim && t[i] == ' ') ++i;
    if (i < lim) {
      char c = t[i];
      bool blank = c == '\n' || c == '#' || (c == '\r' && (i + 1 == t.size() || t[i + 1] == '\n'));
      if (!blank) return pos;
    }
    pos = NextLine(t, i);
  }
  return stop;
}

}  // namespace

std::vector<size_t> LineCuts(const std::string& t, size_t from, size_t n) {
  std::vector<size_t> cut{from};
  for (size_t k = 1; k < n; ++k) {
    size_t at = from + (t.size() - from) * k / n;
    cut.push_back(std::max(cut.back(), at == 0 ? 0 : NextLine(t, at - 1)));
  }
  cut.push_back(t.size());
  return cut;
}

bool MarkerAt(const std::string& t, size_t p, const char* marker) {
  if (t.compare(p, 3, marker) != 0) return false;
  char c = p + 3 < t.size() ? t[p + 3] : '\n';
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool LoneCarriageReturn(const std::string& t, size_t begin, size_t end) {
  for (size_t p = begin; p < end;) {
    const void* cr = std::memchr(t.data() + p, '\r', end - p);
    if (!cr) return false;
    size_t i = static_cast<size_t>(static_cast<const char*>(cr) - t.data());
    if (i + 1 >= t.size() || t[i + 1] != '\n') return true;
    p = i + 2;
  }
  return false;
}

namespace {

// How a walk over some of the items' lines ended.
enum class Walked { On, Ended, Refused };

// The item starts in the lines [pos, stop) (both line starts), into `starts`;
// at the first line that ends the items, Ended with `end` set, or Refused
// for a shape SplitBlockItems does not take.
Walked Walk(const std::string& t, size_t pos, size_t stop, size_t column, std::vector<size_t>& starts, size_t& end) {
  for (pos = NextCandidate(t, pos, stop, column); pos < stop; pos = NextCandidate(t, pos, stop, column)) {
    Line l = ReadLine(t, pos);
    if (l.indent == column && Entry(l)) {
      starts.push_back(l.begin);
    } else if (l.indent == column && BareDash(l)) {
      return Walked::Refused;
    } else {
      // The end of the items: only a top-level key may follow, and only a
      // plain one is taken (found by fuzzing: a `%` line is a directive,
      // which yaml-cpp reads even inside a document; `&a:` an anchor, read
      // one way after the items and another alone).
      if (l.indent != 0 || Marker(l) || !PlainKeyStart(l.body.front())) return Walked::Refused;
      end = l.begin;
      return Walked::Ended;
    }
    pos = l.next;
  }
  return Walked::On;
}

// Walk over [from, text.size()) in `threads` ranges cut at line starts, each
// on a core of its own; joined in order, the same as one walk.
bool WalkAll(const std::string& t, size_t from, unsigned threads, ItemSplit& s) {
  size_t n = t.size() - from < kParallelSplitBytes ? 1 : std::max(1u, threads);
  std::vector<size_t> cut = LineCuts(t, from, n);
  struct Part {
    std::vector<size_t> starts;
    size_t end = 0;
    Walked walked = Walked::On;
    bool lone = false;  // a lone carriage return: no range is taken
  };
  std::vector<Part> parts(n);
  RunOnThreads(n, [&](size_t k) {
    Part& p = parts[k];
    p.lone = LoneCarriageReturn(t, cut[k], cut[k + 1]);
    p.walked = Walk(t, cut[k], cut[k + 1], s.column, p.starts, p.end);
  });
  for (const Part& p : parts)
    if (p.lone) return false;
  s.end = t.size();
  for (Part& p : parts) {
    s.starts.insert(s.starts.end(), p.starts.begin(), p.starts.end());
    if (p.walked == Walked::Refused) return false;
    if (p.walked == Walked::Ended) {
      s.end = p.end;
      break;
    }
  }
  return true;
}

}  // namespace

std::optional<ItemSplit> SplitBlockItems(const std::string& text, unsigned threads) {
  ItemSplit s;
  size_t pos = 0;
  // The `items:` line.
  for (;;) {
    if (pos >= text.size()) return std::nullopt;
    Line l = ReadLine(text, pos);
    pos = l.next;
    if (ItemsKey(l)) break;
  }
  s.prefix_end = pos;
  // The first entry fixes the column.
  for (;;) {
    if (pos >= text.size()) return std::nullopt;
    Line l = ReadLine(text, pos);
    if (Blank(l)) {
      pos = l.next;
      continue;
    }
    if (!Entry(l)) return std::nullopt;
    s.column = l.indent;
    s.starts.push_back(l.begin);
    pos = l.next;
    break;
  }
  if (LoneCarriageReturn(text, 0, pos) || !WalkAll(text, pos, threads, s)) return std::nullopt;
  return s;
}

}  // namespace krm
