#include "krm/ignore_internal.h"

namespace krm {
namespace {

// A '[...]' class at glob[i] ('[' itself); sets `end` past the ']'.
bool ClassMatch(const std::string& glob, size_t i, char c, size_t& end) {
  size_t j = i + 1;
  bool negate = j < glob.size() && (glob[j] == '!' || glob[j] == '^');
  if (negate) ++j;
  bool hit = false;
  bool first = true;
  for (; j < glob.size() && (first || glob[j] != ']'); first = false) {
    char lo = glob[j];
    if (lo == '\\' && j + 1 < glob.size()) lo = glob[++j];
    char hi = lo;
    if (j + 2 < glob.size() && glob[j + 1] == '-' && glob[j + 2] != ']') {
      hi = glob[j + 2];
      j += 2;
    }
    if (c >= lo && c <= hi) hit = true;
    ++j;
  }
  if (j >= glob.size()) {  // no closing ']': a literal '['
    end = i + 1;
    return c == '[';
  }
  end = j + 1;
  return hit != negate && c != '/';
}

bool Match(const std::string& g, size_t gi, const std::string& p, size_t pi) {
  while (gi < g.size()) {
    char c = g[gi];
    if (c == '*' && gi + 1 < g.size() && g[gi + 1] == '*') {
      size_t after = gi + 2;
      if (after == g.size()) return true;  // trailing '**': everything below
      if (g[after] == '/') {
        // '**/': zero or more whole directories.
        for (size_t k = pi;; ++k) {
          if ((k == pi || p[k - 1] == '/') && Match(g, after + 1, p, k)) return true;
          if (k >= p.size()) return false;
        }
      }
      // '**' inside a name: like '*'.
      c = '*';
      ++gi;
    }
    if (c == '*') {
      for (size_t k = pi;; ++k) {
        if (Match(g, gi + 1, p, k)) return true;
        if (k >= p.size() || p[k] == '/') return false;
      }
    }
    if (pi >= p.size()) return false;
    if (c == '?') {
      if (p[pi] == '/') return false;
      ++gi;
      ++pi;
      continue;
    }
    if (c == '[') {
      size_t end = gi;
      if (!ClassMatch(g, gi, p[pi], end)) return false;
      gi = end;
      ++pi;
      continue;
    }
    if (c == '\\' && gi + 1 < g.size()) c = g[++gi];
    if (c != p[pi]) return false;
    ++gi;
    ++pi;
  }
  return pi == p.size();
}

std::string TrimTrailingSpaces(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    if (s.back() == ' ' && s.size() >= 2 && s[s.size() - 2] == '\\') {
      s.erase(s.size() - 2, 1);  // "\ " keeps its space
      break;
    }
    s.pop_back();
  }
  return s;
}

}  // namespace

bool GlobPathMatch(const std::string& glob, const std::string& path) { return Match(glob, 0, path, 0); }

IgnoreRules IgnoreRules::Parse(const std::string& text) {
  IgnoreRules rules;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = TrimTrailingSpaces(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    start = nl == std::string::npos ? text.size() + 1 : nl + 1;
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    if (line[0] == '!') {
      p.negate = true;
      line.erase(0, 1);
    } else if (line[0] == '\\' && line.size() > 1 && (line[1] == '!' || line[1] == '#')) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dir_only = true;
      line.pop_back();
    }
    if (!line.empty() && line[0] == '/') {
      p.anchored = true;
      line.erase(0, 1);
    }
    if (line.find('/') != std::string::npos) p.anchored = true;
    if (line.empty()) continue;
    p.glob = line;
    rules.patterns_.push_back(std::move(p));
  }
  return rules;
}

bool IgnoreRules::ignored(const std::string& relative, bool is_dir) const {
  std::string base = relative.substr(relative.rfind('/') == std::string::npos ? 0 : relative.rfind('/') + 1);
  bool out = false;
  for (const Pattern& p : patterns_) {
    if (p.dir_only && !is_dir) continue;
    bool hit = p.anchored ? GlobPathMatch(p.glob, relative) : GlobPathMatch(p.glob, base);
    if (hit) out = !p.negate;
  }
  return out;
}

}  // namespace krm
