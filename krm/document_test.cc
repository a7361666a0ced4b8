#include "krm/document.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "krm/document_internal.h"

using namespace krm;

TEST_CASE("YAML nodes carry the spans of what was written") {
  std::string t =
      "a: 1\n"
      "b:\n"
      "  - name: x\n"
      "    image: \"q:1\"  # c\n"
      "  - {k: v, e: }\n"
      "c: |\n  hello\n"
      "d: 's'\n"
      "f:\n"
      "# c\n"
      "g: ~\n"
      "h: &x [1, 2]\n"
      "i: *x\n";
  Document d = Document::ParseYaml(t);
  NodeId root = d.roots().at(0);
  CHECK(d.raw(d.get(root, "a")) == "1");
  NodeId b = d.get(root, "b");
  REQUIRE(d.isSeq(b));
  auto items = d.items(b);
  REQUIRE(items.size() == 2);
  CHECK(d.raw(d.get(items[0], "image")) == "\"q:1\"");
  CHECK(d.node(d.get(items[0], "image")).style == Style::DoubleQuoted);
  CHECK(d.raw(items[1]) == "{k: v, e: }");
  CHECK(d.isNull(d.get(items[1], "e")));
  CHECK(d.raw(d.get(root, "c")) == "|\n  hello\n");
  CHECK(d.value(d.get(root, "c")) == "hello\n");
  CHECK(d.raw(d.get(root, "d")) == "'s'");
  NodeId f = d.get(root, "f");
  CHECK(d.isNull(f));
  CHECK(d.node(f).implicit);
  NodeId g = d.get(root, "g");
  CHECK(!d.node(g).implicit);
  CHECK(d.raw(g) == "~");
  NodeId h = d.get(root, "h");
  CHECK(d.raw(h) == "&x [1, 2]");
  CHECK(d.kind(d.get(root, "i")) == NodeKind::Alias);
  CHECK(d.column(d.get(items[0], "image")) == 11);
  CHECK(d.at(root, "b") == b);
}

TEST_CASE("byte offsets hold with multi-byte UTF-8 and CRLF") {
  std::string t = "x: \"h\xC3\xA9llo\"\r\ny: v\r\n";
  Document d = Document::ParseYaml(t);
  NodeId root = d.roots().at(0);
  CHECK(d.raw(d.get(root, "y")) == "v");
  CHECK(d.raw(d.get(root, "x")) == "\"h\xC3\xA9llo\"");
}

TEST_CASE("multi-document streams give one root each") {
  std::string t = "a: 1\n---\nb: 2\n";
  Document d = Document::ParseYaml(t);
  REQUIRE(d.roots().size() == 2);
  CHECK(d.raw(d.get(d.roots()[1], "b")) == "2");
}

TEST_CASE("JSON nodes carry spans too") {
  std::string t = "{\"a\": [1, \"x\\\"y\", true, null], \"b\": {\"c\": \"d\"}}";
  Document d = Document::ParseJson(t);
  NodeId root = d.roots().at(0);
  auto a = d.items(d.get(root, "a"));
  REQUIRE(a.size() == 4);
  CHECK(d.raw(a[0]) == "1");
  CHECK(d.raw(a[1]) == "\"x\\\"y\"");
  CHECK(d.value(a[1]) == "x\"y");
  CHECK(d.raw(a[2]) == "true");
  CHECK(d.isNull(a[3]));
  CHECK(d.raw(d.get(root, "b")) == "{\"c\": \"d\"}");
}

namespace {
// The offset and message of the ParseError `parse` throws.
template <typename F>
std::pair<size_t, std::string> ErrorOf(F parse) {
  try {
    parse();
  } catch (const ParseError& e) {
    return {e.offset(), e.what()};
  }
  return {SIZE_MAX, "no error"};
}
}  // namespace

TEST_CASE("parse errors carry the offending offset") {
  std::string t = "a: 1\nb: [1, 2\n";
  CHECK(ErrorOf([&] { Document::ParseYaml(t); }) ==
        std::make_pair(size_t{14}, std::string("end of sequence flow not found")));
  std::string bad_json = "{\"a\": }";
  CHECK(ErrorOf([&] { Document::ParseJson(bad_json); }) == std::make_pair(size_t{6}, std::string("Invalid value.")));
  // content_off holds 13 bits: a longer anchor is refused, never clamped.
  std::string anchor = "a: &" + std::string(9000, 'x') + " 1\n";
  CHECK(ErrorOf([&] { Document::ParseYaml(anchor); }) ==
        std::make_pair(size_t{3}, std::string("an anchor and tag longer than 8191 bytes")));
  std::string fits = "a: &" + std::string(8000, 'x') + " 1\n";
  Document d = Document::ParseYaml(fits);
  CHECK(d.str(d.roots()[0], "a") == "1");
}

TEST_CASE("items() reads sequences only; values() a map's values") {
  std::string t = "s: [a, b]\nm: {x: 1, y: 2}\n";
  Document d = Document::ParseYaml(t);
  NodeId root = d.roots()[0];
  CHECK(d.items(d.get(root, "s")).size() == 2);
  CHECK(d.items(d.get(root, "m")).empty());
  std::vector<NodeId> v = d.values(d.get(root, "m"));
  REQUIRE(v.size() == 2);
  CHECK(d.value(v[1]) == "2");
  CHECK(d.values(d.get(root, "s")).empty());
}

namespace krm {

TEST_CASE("a stray ',' (or ']', '}') ends the parse instead of looping (jbeder/yaml-cpp#1040)") {
  struct Case {
    std::string text;
    size_t offset;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {",", 0, "unexpected ',' outside a flow collection"},
           {"a: 1\n---\n]\n", 9, "illegal flow end"},  // yaml-cpp's own word
           {"a: 1\n---\n}", 9, "illegal flow end"},
           {"a: 1\n---\n,\n", 9, "unexpected ',' outside a flow collection"},
       }) {
    CAPTURE(c.text);
    try {
      Document::ParseYaml(c.text);
      FAIL("no error");
    } catch (const ParseError& e) {
      CHECK(e.offset() == c.offset);
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("nesting deeper than kMaxNesting is an error in both parsers, at the collection past the limit") {
  auto nested = [](size_t depth, char open, char close) {
    return std::string(depth, open) + std::string(depth, close);
  };
  std::string ok_json = nested(kMaxNesting, '[', ']');
  std::string deep_json = nested(kMaxNesting + 1, '[', ']');
  CHECK(Document::ParseJson(ok_json).nodeCount() == kMaxNesting);
  CHECK(Document::ParseYaml(ok_json).nodeCount() == kMaxNesting);
  for (int yaml = 0; yaml < 2; ++yaml) {
    CAPTURE(yaml);
    try {
      yaml ? Document::ParseYaml(deep_json) : Document::ParseJson(deep_json);
      FAIL("no error");
    } catch (const ParseError& e) {
      CHECK(e.offset() == kMaxNesting);
      CHECK(std::string(e.what()) == "nesting deeper than 256 levels");
    }
  }
  // 70,000 levels used to overflow rapidjson's recursion (SIGSEGV).
  std::string very_deep = nested(70000, '[', ']');
  CHECK_THROWS_AS(Document::ParseJson(very_deep), ParseError);
  // Block nesting past yaml-cpp's own guard says the same.
  std::string block = "a:\n";
  for (size_t i = 1; i < 3000; ++i) block += std::string(i, ' ') + "-\n";
  CHECK_THROWS_WITH_AS(Document::ParseYaml(block), "nesting deeper than 256 levels", ParseError);
}

}  // namespace krm

TEST_CASE("tailOffset: before a '...' that ends the last document, else the end of the text") {
  std::string plain = "a: 1\n# trailing\n";
  CHECK(Document::ParseYaml(plain).tailOffset() == plain.size());
  std::string marked = "a: 1\n...\n# after\n";
  CHECK(Document::ParseYaml(marked).tailOffset() == 5);
  std::string block = "a: |\n  x\n...\n";
  CHECK(Document::ParseYaml(block).tailOffset() == block.find("..."));
}

TEST_CASE("a tag ends before a '\"', as yaml-cpp ends it: the quoted scalar after it is checked as one") {
  // yaml-cpp reads `!t"abc"` as the tag !t and the scalar "abc". Taken as
  // one tag, a scalar never closed went unnoticed, and ran differently
  // through a whole text and through its parts (found by fuzzing).
  std::string t = "a: !t\"abc\"\nb: !t'x'\n";
  Document d = Document::ParseYaml(t);
  NodeId a = d.get(d.roots()[0], "a");
  CHECK(d.value(a) == "abc");
  CHECK(d.node(a).style == Style::DoubleQuoted);
  CHECK(d.raw(a) == "!t\"abc\"");
  // A "'" is a tag character to yaml-cpp: `!t'x'` is a tag on an empty scalar.
  CHECK(d.value(d.get(d.roots()[0], "b")) == "");
  std::string open = "- a:\n    - !t\"abc\n- b: 1\n";
  try {
    Document::ParseYaml(open);
    FAIL("a quoted scalar never closed was read");
  } catch (const ParseError& e) {
    CHECK(std::string(e.what()) == "a quoted string that is never closed");
    CHECK(e.offset() == open.find('"'));
  }
}

TEST_CASE("the escapes \\N and \\_ decode to UTF-8 (yaml-cpp gives the bytes 0x85 and 0xA0)") {
  // Found by fuzzing: an image config holding "\N" was re-encoded with a
  // lone 0x85 byte, output that no reader accepts. A character of its own
  // that holds such a byte is kept whole.
  std::string t = "a: \"x\\Ny\\_z\"\nb: \"\xC3\x85\\N\"\nc: \"\\L\\P\"\n";
  Document d = Document::ParseYaml(t);
  NodeId r = d.roots()[0];
  CHECK(d.str(r, "a") == "x\xC2\x85y\xC2\xA0z");
  CHECK(d.str(r, "b") == "\xC3\x85\xC2\x85");
  CHECK(d.str(r, "c") == "\xE2\x80\xA8\xE2\x80\xA9");
}

TEST_CASE("Adopt appends every node right after the receiver's own, across blocks, ids shifted") {
  // 40,001 nodes: more than a block (2^15), so the move down crosses blocks.
  std::string many = "[";
  for (int i = 0; i < 40000; ++i) many += i ? ",1" : "1";
  many += "]\n";
  for (std::string head : {std::string("a: {b: c}\n"), std::string()}) {
    Document to = Document::ParseYaml(head);
    Document from = Document::ParseYaml(many);
    size_t before = to.nodeCount(), n = from.nodeCount();
    std::vector<Node> saved;
    for (size_t i = 0; i < n; ++i) saved.push_back(from.node(static_cast<NodeId>(i)));
    NodeId base = DocumentInternal::Adopt(to, from);
    CHECK(base == before);  // no gap to a block boundary
    REQUIRE(to.nodeCount() == before + n);
    CHECK(from.nodeCount() == 0);
    bool same = true;
    for (size_t i = 0; i < n && same; ++i) {
      const Node& a = to.node(static_cast<NodeId>(base + i));
      const Node& b = saved[i];
      same = a.begin == b.begin && a.end == b.end && a.kind == b.kind &&
             a.first == (b.first == kNoNode ? kNoNode : b.first + base) &&
             a.next == (b.next == kNoNode ? kNoNode : b.next + base);
      CHECK_MESSAGE(same, "node " << i);
    }
    // The receiver keeps growing after it.
    std::string tail = head + "x: y\n";
    Document more = Document::ParseYaml(tail);
    size_t m = more.nodeCount();
    CHECK(DocumentInternal::Adopt(to, more) == before + n);
    CHECK(to.nodeCount() == before + n + m);
  }
}
