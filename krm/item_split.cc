#include "krm/item_split_internal.h"

namespace krm {
namespace {

struct Line {
  size_t begin;           // first byte
  size_t next;            // first byte of the next line
  size_t indent;          // leading spaces
  std::string_view body;  // after the indentation, without the line end
};

Line ReadLine(const std::string& t, size_t pos) {
  Line l;
  l.begin = pos;
  size_t nl = t.find('\n', pos);
  size_t stop = nl == std::string::npos ? t.size() : nl;
  l.next = nl == std::string::npos ? t.size() : nl + 1;
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

bool Entry(const Line& l) { return l.body.size() >= 2 && l.body[0] == '-' && l.body[1] == ' '; }
bool BareDash(const Line& l) { return l.body == "-"; }

}  // namespace

std::optional<ItemSplit> SplitBlockItems(const std::string& text) {
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
  s.end = text.size();
  while (pos < text.size()) {
    Line l = ReadLine(text, pos);
    if (Blank(l) || l.indent > s.column) {
      pos = l.next;
      continue;
    }
    if (l.indent == s.column && Entry(l)) {
      s.starts.push_back(l.begin);
    } else if (l.indent == s.column && BareDash(l)) {
      return std::nullopt;
    } else {
      // The end of the items: only a top-level key may follow.
      if (l.indent != 0 || Marker(l) || l.body.front() == '-') return std::nullopt;
      s.end = l.begin;
      break;
    }
    pos = l.next;
  }
  return s;
}

}  // namespace krm
