#include <doctest/doctest.h>

#include "krm/ignore_internal.h"

namespace krm {

TEST_CASE("glob paths: '*' and '?' stop at '/', '**' crosses directories") {
  CHECK(GlobPathMatch("*.yaml", "a.yaml"));
  CHECK_FALSE(GlobPathMatch("*.yaml", "d/a.yaml"));
  CHECK(GlobPathMatch("d/?.yaml", "d/a.yaml"));
  CHECK_FALSE(GlobPathMatch("d?a.yaml", "d/a.yaml"));
  CHECK(GlobPathMatch("**/a.yaml", "a.yaml"));
  CHECK(GlobPathMatch("**/a.yaml", "x/y/a.yaml"));
  CHECK(GlobPathMatch("x/**", "x/y/z"));
  CHECK(GlobPathMatch("a/**/b", "a/b"));
  CHECK(GlobPathMatch("a/**/b", "a/x/y/b"));
  CHECK_FALSE(GlobPathMatch("a/**/b", "a/x/yb"));
  CHECK(GlobPathMatch("[a-c]x", "bx"));
  CHECK_FALSE(GlobPathMatch("[!a-c]x", "bx"));
  CHECK(GlobPathMatch("\\*x", "*x"));
  CHECK_FALSE(GlobPathMatch("\\*x", "ax"));
  CHECK(GlobPathMatch("[x", "[x"));
}

TEST_CASE(".krmignore: names at any depth, anchored paths, directories, negation") {
  IgnoreRules r = IgnoreRules::Parse(
      "# the harness files\n"
      ".expected\n"
      "\n"
      "/top.yaml\n"
      "build/\n"
      "*.bak.yaml\n"
      "!keep.bak.yaml\n"
      "deep/**/x.yaml   \n");
  CHECK(r.ignored(".expected", true));
  CHECK(r.ignored("sub/.expected", true));
  CHECK(r.ignored("top.yaml", false));
  CHECK_FALSE(r.ignored("sub/top.yaml", false));
  CHECK(r.ignored("build", true));
  CHECK_FALSE(r.ignored("build", false));  // a file named build is not a directory
  CHECK(r.ignored("a/b.bak.yaml", false));
  CHECK_FALSE(r.ignored("a/keep.bak.yaml", false));
  CHECK(r.ignored("deep/x.yaml", false));
  CHECK(r.ignored("deep/1/2/x.yaml", false));
  CHECK_FALSE(r.ignored("x.yaml", false));
  CHECK(IgnoreRules::Parse("# only a comment\n\n").empty());
}

}  // namespace krm
