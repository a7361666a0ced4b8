#include <cstdio>

#include "krm/scalar_internal.h"
#include "krm/text_check_internal.h"

namespace krm {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsBreak(char c) { return c == '\n' || c == '\r'; }
bool IsFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// End of the plain-scalar segment on one line starting at `i`.
size_t PlainSegmentEnd(std::string_view t, size_t i, bool in_flow) {
  size_t n = t.size();
  size_t last = i;  // one past the last non-blank character
  while (i < n && !IsBreak(t[i])) {
    char c = t[i];
    if (c == '#' && i > 0 && IsBlank(t[i - 1])) break;
    if (c == ':') {
      char d = i + 1 < n ? t[i + 1] : '\n';
      if (IsBlank(d) || IsBreak(d) || (in_flow && IsFlowIndicator(d))) break;
    }
    if (in_flow && IsFlowIndicator(c)) break;
    if (!IsBlank(c)) last = i + 1;
    ++i;
  }
  return last;
}

size_t LineIndent(std::string_view t, size_t line_start) {
  size_t i = line_start;
  while (i < t.size() && t[i] == ' ') ++i;
  return i - line_start;
}

size_t BlockScalarEnd(std::string_view t, size_t begin, size_t parent_indent) {
  size_t n = t.size();
  size_t i = begin + 1;
  int indicator = 0;
  while (i < n && !IsBreak(t[i]) && t[i] != '#') {
    if (t[i] >= '1' && t[i] <= '9') indicator = t[i] - '0';
    ++i;
  }
  size_t nl = t.find('\n', i);
  if (nl == std::string::npos) return n;
  size_t line = nl + 1;
  size_t end = line;
  size_t content_indent = indicator ? parent_indent + static_cast<size_t>(indicator) : 0;
  while (line < n) {
    size_t ind = LineIndent(t, line);
    size_t eol = t.find('\n', line);
    size_t next = eol == std::string::npos ? n : eol + 1;
    size_t k = line + ind;
    bool blank = k >= n || IsBreak(t[k]);
    if (!blank) {
      if (content_indent == 0) {
        if (ind <= parent_indent) break;
        content_indent = ind;
      }
      if (ind < content_indent) break;
      end = next;
    }
    line = next;
  }
  return end;
}

// One past the closing quote of a quoted scalar opening at `begin`.
size_t QuotedEnd(std::string_view t, size_t begin, char quote) {
  size_t n = t.size();
  for (size_t i = begin + 1; i < n; ++i) {
    if (quote == '"' && t[i] == '\\') {
      ++i;
    } else if (t[i] == quote) {
      if (quote == '\'' && i + 1 < n && t[i + 1] == '\'') {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return std::string::npos;
}

// A plain scalar: one line, or folded over several until the lines read
// back as `value`.
size_t PlainEnd(std::string_view t, size_t begin, bool in_flow, std::string_view value) {
  size_t n = t.size();
  size_t end = PlainSegmentEnd(t, begin, in_flow);
  std::string acc(t.substr(begin, end - begin));
  if (acc == value) return end;
  size_t pos = end;
  size_t breaks = 0;
  while (acc.size() < value.size() && pos < n) {
    size_t nl = t.find('\n', pos);
    if (nl == std::string::npos) break;
    size_t s = nl + 1;
    while (s < n && IsBlank(t[s])) ++s;
    if (s >= n) break;
    if (IsBreak(t[s])) {
      ++breaks;
      pos = s;
      continue;
    }
    if (t[s] == '#') break;
    size_t e = PlainSegmentEnd(t, s, in_flow);
    if (e == s) break;
    acc += breaks ? std::string(breaks, '\n') : std::string(" ");
    acc.append(t.substr(s, e - s));
    breaks = 0;
    pos = e;
    if (acc == value) return e;
  }
  return std::string::npos;
}

}  // namespace

size_t ScalarEnd(std::string_view t, size_t begin, Style style, bool in_flow, std::string_view value,
                 size_t parent_indent) {
  if (begin >= t.size()) return value.empty() ? begin : std::string::npos;
  switch (style) {
    case Style::DoubleQuoted:
      return QuotedEnd(t, begin, '"');
    case Style::SingleQuoted:
      return QuotedEnd(t, begin, '\'');
    case Style::Literal:
    case Style::Folded:
      return BlockScalarEnd(t, begin, parent_indent);
    default:
      return PlainEnd(t, begin, in_flow, value);
  }
}

namespace {

bool IsSpecialWord(std::string_view v) {
  static const char* const kWords[] = {"~",   "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
                                       "yes", "Yes",  "YES",  "no",   "No",   "NO",   "on",   "On",    "ON",    "off",
                                       "Off", "OFF",  "y",    "Y",    "n",    "N",    "=",    "<<"};
  for (const char* w : kWords) {
    if (v == w) return true;
  }
  return false;
}

// Conservative: anything a YAML 1.1 or 1.2 resolver might read as a number,
// a date or a sexagesimal value. Quoting too often is harmless; too rarely is not.
bool LooksNumeric(std::string_view v) {
  size_t i = 0;
  if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
  std::string_view s = v.substr(i);
  if (s.empty()) return false;
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
    for (size_t k = 2; k < s.size(); ++k) {
      char c = s[k];
      bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != '_') return false;
    }
    return true;
  }
  if (!((s[0] >= '0' && s[0] <= '9') || s[0] == '.')) return false;
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
      continue;
    }
    if (c == '.' || c == '_' || c == ':' || c == 'e' || c == 'E' || c == '+' || c == '-' || c == 'T' || c == 't' ||
        c == ' ' || c == 'Z' || c == 'z')
      continue;
    return false;
  }
  return digit;
}

}  // namespace

bool PlainSafe(std::string_view v, bool in_flow) {
  if (v.empty()) return false;
  static const std::string_view kLeading = "-?:,[]{}#&*!|>'\"%@`";
  if (kLeading.find(v.front()) != std::string_view::npos) return false;
  if (IsBlank(v.front()) || IsBlank(v.back())) return false;
  if (v.back() == ':') return false;
  for (size_t i = 0; i < v.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (v[i] == ':' && i + 1 < v.size() && IsBlank(v[i + 1])) return false;
    if (v[i] == '#' && i > 0 && IsBlank(v[i - 1])) return false;
    if (in_flow && (IsFlowIndicator(v[i]) || v[i] == ':')) return false;
  }
  if (IsSpecialWord(v)) return false;
  if (LooksNumeric(v)) return false;
  return true;
}

std::string DoubleQuoted(std::string_view v) {
  std::string out;
  out.reserve(v.size() + 2);
  out += '"';
  for (size_t i = 0; i < v.size(); ++i) {
    char ch = v[i];
    unsigned char c = static_cast<unsigned char>(ch);
    // The Unicode line breaks (NEL, LS, PS) are escaped: a reader may break
    // a line at them, and fold it into a space (\u, valid in JSON too).
    if (size_t n = c >= 0x80 ? UnicodeLineBreak(v, i) : 0) {
      out += n == 2 ? "\\u0085" : v[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += n - 1;
      continue;
    }
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string SingleQuoted(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string RenderScalar(std::string_view value, Style style, bool in_flow, bool json) {
  if (json) return DoubleQuoted(value);
  bool controls = false;
  for (char ch : value) {
    if (static_cast<unsigned char>(ch) < 0x20) controls = true;
  }
  switch (style) {
    case Style::SingleQuoted:
      return controls ? DoubleQuoted(value) : SingleQuoted(value);
    case Style::Plain:
      return PlainSafe(value, in_flow) ? std::string(value) : DoubleQuoted(value);
    default:
      return DoubleQuoted(value);
  }
}

}  // namespace krm
