#include "krm/embedded.h"

#include <doctest/doctest.h>

#include "krm/editor.h"

using namespace krm;

namespace {
// Sets inner key `key` (a top-level scalar) and adds `extra: x` to `images`.
std::string Rewrite(const std::string& outer_text, const char* key, const char* value) {
  Document outer = Document::ParseYaml(outer_text);
  NodeId s = outer.at(outer.roots()[0], "data.cfg");
  Embedded e(outer, s);
  Document inner = Document::ParseYaml(e.text());
  Patch ip;
  Editor ied(inner, ip);
  NodeId root = inner.roots()[0];
  CHECK(ied.setScalar(inner.get(root, key), value));
  CHECK(ied.addKey(inner.get(root, "images"), "extra", Value::String("x")));
  Patch op;
  REQUIRE(e.commit(ip, op, "\n"));
  return op.apply(outer_text);
}
}  // namespace

TEST_CASE("a literal block is edited in place, comments and indentation kept") {
  std::string t =
      "data:\n"
      "  cfg: |\n"
      "    # a comment\n"
      "    reg: \"old\"   # keep\n"
      "\n"
      "    images:\n"
      "        a: 1\n"
      "  other: y\n";
  CHECK(Rewrite(t, "reg", "new") ==
        "data:\n"
        "  cfg: |\n"
        "    # a comment\n"
        "    reg: \"new\"   # keep\n"
        "\n"
        "    images:\n"
        "        a: 1\n"
        "        extra: x\n"
        "  other: y\n");
}

TEST_CASE("literal block with chomping and an indentation indicator") {
  std::string t = "data:\n  cfg: |2-\n    reg: old\n    images:\n      a: 1";
  CHECK(Rewrite(t, "reg", "new") == "data:\n  cfg: |2-\n    reg: new\n    images:\n      a: 1\n      extra: x");
}

TEST_CASE("a double-quoted embedded document is re-encoded whole") {
  std::string t = "data:\n  cfg: \"reg: old\\nimages:\\n  a: 1\\n\"\n";
  CHECK(Rewrite(t, "reg", "new") == "data:\n  cfg: \"reg: new\\nimages:\\n  a: 1\\n  extra: x\\n\"\n");
}

TEST_CASE("a folded block becomes a literal block with the same chomping") {
  std::string t = "data:\n  cfg: >-\n    reg: old\n\n    images:\n      a: 1\n";
  CHECK(Rewrite(t, "reg", "new") == "data:\n  cfg: |-\n    reg: new\n    images:\n      a: 1\n      extra: x\n");
}

TEST_CASE("lines added to a strip-chomped block (|-) keep the next key on its own line") {
  std::string t = "data:\n  cfg: |-\n    reg: old\n    images:\n      a: 1\nnext: y\n";
  std::string out = Rewrite(t, "reg", "new");
  CHECK(out == "data:\n  cfg: |-\n    reg: new\n    images:\n      a: 1\n      extra: x\nnext: y\n");
  // The value reads back as the inner text with the edits applied.
  Document d = Document::ParseYaml(out);
  CHECK(d.value(d.at(d.roots()[0], "data.cfg")) == "reg: new\nimages:\n  a: 1\n  extra: x");
}

TEST_CASE("CheckEdits: the edits of a document of its own read back as meant, or it says why not") {
  std::string t = "a: 1\nb:\n  c: x\n";
  Document d = Document::ParseYaml(t);
  NodeId root = d.roots()[0];
  {
    Patch p;
    Editor ed(d, p);
    REQUIRE(ed.setScalar(d.at(root, "b.c"), "y"));
    CHECK(CheckEdits(d, p).empty());
  }
  {
    // An edit that unsettles what follows it: a quote never closed
    // swallows the next lines.
    Patch p;
    p.replace(t.find("1"), t.find("1") + 1, "'open");
    CHECK(CheckEdits(d, p).find("does not parse") != std::string::npos);
    // A key pushed under another's value.
    Patch q;
    q.insert(t.find("b:"), "  ");
    CHECK_FALSE(CheckEdits(d, q).empty());
  }
  {
    // An edit whose value does not read back as the one expected.
    Patch p;
    p.replace(t.find("x"), t.find("x") + 1, "'y'");
    p.expect(Expectation::Kind::Value, d.at(root, "b.c"), "", Value::String("z"));
    CHECK(CheckEdits(d, p).find("did not read back") != std::string::npos);
  }
}

TEST_CASE("an embedded text with a carriage return that no line feed follows says so") {
  std::string t = "k: \"a: 1\\rb: 2\"\nl: \"a: 1\\r\\nb: 2\"\n";
  Document d = Document::ParseYaml(t);
  CHECK(Embedded(d, d.get(d.roots()[0], "k")).loneCarriageReturn());
  CHECK_FALSE(Embedded(d, d.get(d.roots()[0], "l")).loneCarriageReturn());
}
