#include <doctest/doctest.h>

#include "krm/scalar_internal.h"

using namespace krm;

TEST_CASE("PlainSafe refuses values that would read back as another type") {
  for (const char* v : {"1.36", "on", "ON",  "yes",  "no",   "off",        "0755", "5751458", "010", "true",
                        "null", "~",  "1e3", ".inf", "0x1F", "2001-12-14", "1:20", "-1",      "+1",  ""})
    CHECK_MESSAGE(!PlainSafe(v, false), v);
}

TEST_CASE("PlainSafe refuses values that would break the syntax") {
  for (const char* v : {"a: b", "a #b", "a:", "- x", "&a", "*a", "!t", "|x",   ">x",   "'q", "\"q",
                        "@x",   "`x",   "%x", "{x",  "[x", " x", "x ", "a\nb", "a\tb", "#x"})
    CHECK_MESSAGE(!PlainSafe(v, false), v);
  CHECK(!PlainSafe("a,b", true));
  CHECK(!PlainSafe("reg:5000/x", true));
  CHECK(PlainSafe("a,b", false));
}

TEST_CASE("PlainSafe accepts ordinary image references") {
  for (const char* v : {"docker.io/k8ssandra/medusa:0.29.1", "reg.example:5000/x/y:v1", "busybox", "k8ssandra",
                        "v1.32.0", "IfNotPresent", "regcred", "sha256:abc", "localhost/x"})
    CHECK_MESSAGE(PlainSafe(v, false), v);
}

TEST_CASE("RenderScalar keeps the replaced style where it can") {
  CHECK(RenderScalar("a/b:1", Style::Plain, false, false) == "a/b:1");
  CHECK(RenderScalar("a/b:1", Style::DoubleQuoted, false, false) == "\"a/b:1\"");
  CHECK(RenderScalar("a/b:1", Style::SingleQuoted, false, false) == "'a/b:1'");
  CHECK(RenderScalar("it's", Style::SingleQuoted, false, false) == "'it''s'");
  CHECK(RenderScalar("0755", Style::Plain, false, false) == "\"0755\"");
  CHECK(RenderScalar("x", Style::Plain, false, true) == "\"x\"");
  CHECK(RenderScalar("a\"b\\c\nd", Style::DoubleQuoted, false, false) == "\"a\\\"b\\\\c\\nd\"");
}

TEST_CASE("ScalarEnd finds the extent of each style") {
  std::string t = "a: \"x\\\"y\" # c\nb: 'it''s'\nc: plain value # c\nd: [p, q]\n";
  CHECK(ScalarEnd(t, 3, Style::DoubleQuoted, false, "x\"y", 0) == 9);
  size_t b = t.find("'it");
  CHECK(t.substr(b, ScalarEnd(t, b, Style::SingleQuoted, false, "it's", 0) - b) == "'it''s'");
  size_t p = t.find("plain");
  CHECK(t.substr(p, ScalarEnd(t, p, Style::Plain, false, "plain value", 0) - p) == "plain value");
  size_t q = t.find("p,");
  CHECK(ScalarEnd(t, q, Style::Plain, true, "p", 0) == q + 1);
}

TEST_CASE("ScalarEnd follows a plain scalar folded over lines") {
  std::string t = "k: one\n  two\n\n  three\nn: 1\n";
  size_t b = 3;
  size_t e = ScalarEnd(t, b, Style::Plain, false, "one two\nthree", 0);
  REQUIRE(e != std::string::npos);
  CHECK(t.substr(b, e - b) == "one\n  two\n\n  three");
}

TEST_CASE("ScalarEnd of a block scalar stops at the first less-indented line") {
  std::string t = "k: |\n  a\n\n    b\nn: 1\n";
  CHECK(ScalarEnd(t, 3, Style::Literal, false, "a\n\n  b\n", 0) == t.find("n: 1"));
  std::string t2 = "k: |2-\n   a\n  b\nn: 1\n";
  CHECK(ScalarEnd(t2, 3, Style::Literal, false, " a\nb", 0) == t2.find("n: 1"));
}

TEST_CASE("DoubleQuoted escapes the Unicode line breaks a reader may break a line at") {
  CHECK(DoubleQuoted("a\xC2\x85"
                     "b\xE2\x80\xA8"
                     "c\xE2\x80\xA9"
                     "d") == "\"a\\u0085b\\u2028c\\u2029d\"");
  // Other characters with those bytes stay as they are.
  CHECK(DoubleQuoted("\xC3\x85\xE2\x80\xA6") == "\"\xC3\x85\xE2\x80\xA6\"");
}
