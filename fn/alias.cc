#include "fn/alias.h"

namespace fn {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  size_t b = s.find_first_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b);
}

// The one-line scalar that follows an anchor, unquoted; "" for a
// collection, a block scalar or a comment-only rest.
std::string ValueAfter(const std::string& rest) {
  std::string v = Trim(rest);
  size_t comment = v.find(" #");
  if (comment != std::string::npos) v = Trim(v.substr(0, comment));
  if (v.empty() || v[0] == '{' || v[0] == '[' || v[0] == '|' || v[0] == '>' || v[0] == '#') return "";
  if (v.size() >= 2 && (v[0] == '"' || v[0] == '\'') && v.back() == v[0]) return v.substr(1, v.size() - 2);
  return v;
}

// The key a line holds before `at` ("  - image: &a" -> "image").
std::string KeyBefore(const std::string& head) {
  size_t colon = head.rfind(':');
  if (colon == std::string::npos) return "";
  std::string key = head.substr(0, colon);
  while (!key.empty() && (key.back() == ' ' || key.back() == '"' || key.back() == '\'')) key.pop_back();
  size_t start = key.find_last_of(" -\"'{,");
  return start == std::string::npos ? key : key.substr(start + 1);
}

}  // namespace

std::optional<Anchor> FindAnchor(const krm::Document& doc, krm::NodeId alias) {
  std::string_view a = doc.raw(alias);
  if (a.size() < 2 || a[0] != '*') return std::nullopt;
  std::string anchor = "&" + std::string(a.substr(1));
  const std::string& text = doc.text();
  size_t at = doc.node(alias).begin;
  while (at > 0) {
    size_t found = text.rfind(anchor, at - 1);
    if (found == std::string::npos) return std::nullopt;
    size_t after = found + anchor.size();
    if (after < text.size() && text[after] != ' ' && text[after] != '\n' && text[after] != '\r') {
      at = found;  // &name2, not &name
      continue;
    }
    size_t line = text.rfind('\n', found);
    size_t begin = line == std::string::npos ? 0 : line + 1;
    size_t end = text.find('\n', after);
    Anchor out;
    out.key = KeyBefore(text.substr(begin, found - begin));
    out.value = ValueAfter(text.substr(after, end == std::string::npos ? std::string::npos : end - after));
    return out;
  }
  return std::nullopt;
}

}  // namespace fn
