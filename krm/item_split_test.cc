#include <doctest/doctest.h>

#include <cctype>
#include <iterator>

#include "krm/item_split_internal.h"

using namespace krm;

TEST_CASE("kpt's shape: items at column 0, keys after them") {
  std::string t =
      "apiVersion: config.kubernetes.io/v1\n"
      "kind: ResourceList\n"
      "items: # the resources\n"
      "- apiVersion: v1\n"
      "  kind: ConfigMap\n"
      "  data:\n"
      "    x: |\n"
      "      - not an item\n"
      "# a comment between items\n"
      "- # head comment\n"
      "  kind: Pod\n"
      "\n"
      "- kind: Service\n"
      "functionConfig:\n"
      "  data: {}\n";
  auto s = SplitBlockItems(t);
  REQUIRE(s);
  CHECK(t.substr(0, s->prefix_end).find("items: # the resources\n") != std::string::npos);
  REQUIRE(s->starts.size() == 3);
  CHECK(t.compare(s->starts[0], 16, "- apiVersion: v1") == 0);
  CHECK(t.compare(s->starts[1], 16, "- # head comment") == 0);
  CHECK(t.compare(s->starts[2], 15, "- kind: Service") == 0);
  CHECK(t.substr(s->end) == "functionConfig:\n  data: {}\n");
  CHECK(s->column == 0);
}

TEST_CASE("indented items, CRLF, items last") {
  std::string t = "kind: ResourceList\r\nitems:\r\n\r\n  - a: 1\r\n    b: 2\r\n  - c: 3\r\n";
  auto s = SplitBlockItems(t);
  REQUIRE(s);
  CHECK(s->column == 2);
  REQUIRE(s->starts.size() == 2);
  CHECK(t.compare(s->starts[1], 8, "  - c: 3") == 0);
  CHECK(s->end == t.size());
}

TEST_CASE("any other shape is refused") {
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems: []\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems: [{a: 1}]\n"));
  CHECK_FALSE(SplitBlockItems("{\"kind\": \"ResourceList\", \"items\": []}"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n-\n  a: 1\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n- a: 1\n---\nkind: X\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n  - a: 1\n x: 2\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n  - a: 1\n- b: 2\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n  a: 1\n"));
  // After the items, only a plain key (found by fuzzing: yaml-cpp reads a
  // directive line inside the last item, and an anchored key otherwise
  // than alone).
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n- a:\n%    b: 1\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n- a: 1\n&x:\n    b: 1\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n- a: 1\n\"quoted\": 1\n"));
  CHECK(SplitBlockItems("kind: ResourceList\nitems:\n- a: 1\n_x: 1\n9: 2\n"));
  // A carriage return alone breaks a line for yaml-cpp (found by fuzzing).
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\nitems:\n- a: 1\rb: 2\n"));
  CHECK_FALSE(SplitBlockItems("kind: ResourceList\r\nitems:\r\n- a: 1\r"));
  CHECK(SplitBlockItems("kind: ResourceList\r\nitems:\r\n- a: 1\r\n"));
  std::string big = "items:\n";
  while (big.size() < 2 * kParallelSplitBytes) big += "- a: 1\n";
  CHECK(SplitBlockItems(big, 2));
  big += "- b: 1\rc: 2\n";
  CHECK_FALSE(SplitBlockItems(big, 2));
}

namespace {

// The split as a plain line-by-line reading of SplitBlockItems' contract,
// to hold the real one to: the items' lines from the first entry on.
std::optional<ItemSplit> Reference(const std::string& t) {
  std::vector<std::string_view> lines;
  std::vector<size_t> at;
  for (size_t p = 0; p < t.size();) {
    size_t nl = t.find('\n', p);
    size_t next = nl == std::string::npos ? t.size() : nl + 1;
    std::string_view line(t.data() + p, (nl == std::string::npos ? t.size() : nl) - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    at.push_back(p);
    p = next;
  }
  auto indent = [](std::string_view l) {
    return l.find_first_not_of(' ') == std::string_view::npos ? l.size() : l.find_first_not_of(' ');
  };
  auto body = [&](std::string_view l) { return l.substr(indent(l)); };
  auto blank = [&](std::string_view l) { return body(l).empty() || body(l)[0] == '#'; };
  auto entry = [&](std::string_view l) { return body(l).size() >= 2 && body(l)[0] == '-' && body(l)[1] == ' '; };
  ItemSplit s;
  size_t i = 0;
  for (; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if (l.substr(0, 6) == "items:" &&
        (l.size() == 6 || l.substr(6).find_first_not_of(" \t") == std::string_view::npos ||
         (l[6] == ' ' && l.substr(6).find_first_not_of(" \t") != std::string_view::npos &&
          l[l.find_first_not_of(" \t", 6)] == '#')))
      break;
  }
  if (i == lines.size()) return std::nullopt;
  s.prefix_end = i + 1 < lines.size() ? at[i + 1] : t.size();
  for (++i; i < lines.size() && blank(lines[i]); ++i) {
  }
  if (i == lines.size() || !entry(lines[i])) return std::nullopt;
  s.column = indent(lines[i]);
  s.starts.push_back(at[i]);
  s.end = t.size();
  for (++i; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if (blank(l) || indent(l) > s.column) continue;
    if (indent(l) == s.column && entry(l)) {
      s.starts.push_back(at[i]);
      continue;
    }
    if (indent(l) == s.column && body(l) == "-") return std::nullopt;
    if (indent(l) != 0 || l.substr(0, 3) == "---" || l.substr(0, 3) == "..." ||
        !(std::isalnum(static_cast<unsigned char>(body(l)[0])) || body(l)[0] == '_'))
      return std::nullopt;
    s.end = at[i];
    break;
  }
  return s;
}

void RequireSame(const std::optional<ItemSplit>& a, const std::optional<ItemSplit>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  CHECK(a->prefix_end == b->prefix_end);
  CHECK(a->column == b->column);
  CHECK(a->end == b->end);
  CHECK(a->starts == b->starts);
}

}  // namespace

TEST_CASE("a large list is split on several cores exactly as line by line") {
  // Texts past kParallelSplitBytes, so that they are cut into ranges, made
  // of lines that start items, continue them, are blank or comments, or
  // end or break the list, with the line that ends it early, in the middle
  // or late (and so in any range), or none.
  const char* inner[] = {"  kind: X", "  spec:", "    - a",  "    b: |", "      - not an item", "", "   ", "# c",
                         "  # c",     "\r",      "  x: 1\r", "    #",    "  - deeper"};
  const char* breaks[] = {
      "functionConfig: {}", "-", "---", "...", " bad: 1", "- x: 1", "#end", "  -", "\t- x", "%YAML", "&a: 1",
      "results: []"};
  uint32_t seed = 12345;
  auto rnd = [&](uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  int long_lists = 0;
  for (int round = 0; round < 32; ++round) {
    size_t column = round % 3 == 0 ? 2 : 0;
    std::string pad(column, ' ');
    std::string t = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" + pad + "- name: first\n";
    size_t size = kParallelSplitBytes + kParallelSplitBytes / 2;
    size_t breakAt = round % 4 == 3 ? SIZE_MAX : rnd(static_cast<uint32_t>(size));
    bool broke = false;
    while (t.size() < size) {
      if (!broke && t.size() >= breakAt) {
        t += std::string(breaks[rnd(std::size(breaks))]) + "\n";
        broke = true;
      } else if (rnd(6) == 0) {
        t += pad + "- name: item" + std::to_string(t.size()) + (rnd(2) ? "\r\n" : "\n");
      } else {
        t += pad + inner[rnd(std::size(inner))] + "\n";
      }
    }
    if (rnd(2)) t += "functionConfig:\n  a: 1";
    CAPTURE(round);
    std::optional<ItemSplit> want = Reference(t);
    if (want && want->end > t.size() / 2) ++long_lists;
    RequireSame(SplitBlockItems(t, 1), want);
    RequireSame(SplitBlockItems(t, 2), want);
    RequireSame(SplitBlockItems(t, 3), want);
    RequireSame(SplitBlockItems(t, 8), want);
  }
  CHECK(long_lists >= 12);  // rounds whose items reach into the second half
}

TEST_CASE("a cut between ranges may fall on any line: an item start, its last line, the line that ends the items") {
  std::string items;
  while (items.size() < 2 * kParallelSplitBytes) items += "- a: 1\n  b: 2\n";
  std::string t = "items:\n" + items + "rest: 1\n";
  std::optional<ItemSplit> want = Reference(t);
  REQUIRE(want);
  CHECK(want->end == t.size() - 8);
  for (unsigned threads = 1; threads <= 8; ++threads) RequireSame(SplitBlockItems(t, threads), want);
}

TEST_CASE("MarkerAt: a marker before YAML's white space or the end, never before \\v or \\f") {
  for (const char* t : {"---", "--- a", "---\tb", "---\n", "---\r\n", "... #"}) {
    CAPTURE(t);
    CHECK(MarkerAt(t, 0, std::string(t).compare(0, 3, "...") == 0 ? "..." : "---"));
  }
  for (const char* t : {"---\va", "---\fa", "----", "---a", "--", "x---"}) {
    CAPTURE(t);
    CHECK_FALSE(MarkerAt(t, 0, "---"));
  }
  CHECK(MarkerAt("a\n--- b", 2, "---"));
}
