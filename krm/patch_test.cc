#include "krm/patch.h"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace krm;

TEST_CASE("edits splice into the original bytes") {
  Patch p;
  p.replace(2, 4, "XY");
  p.insert(0, "<");
  p.insert(6, ">");
  p.insert(6, "!");
  CHECK(p.apply("abcdef") == "<abXYef>!");
}

TEST_CASE("identical replacements count once; overlapping ones are a bug") {
  Patch p;
  p.replace(1, 3, "z");
  p.replace(1, 3, "z");
  CHECK(p.apply("abcd") == "azd");
  Patch q;
  q.replace(0, 3, "x");
  q.replace(2, 4, "y");
  CHECK(q.conflicts());
  CHECK_THROWS_AS(q.apply("abcd"), std::logic_error);
}

TEST_CASE("sorted: the patch's own edits in text order, insertions first at one offset, duplicates once") {
  Patch p;
  p.replace(4, 5, "r");
  p.insert(4, "shallow");
  p.insert(4, "deep", 6);
  p.replace(0, 1, "x");
  p.replace(0, 1, "x");
  std::vector<const Edit*> s = p.sorted();
  REQUIRE(s.size() == 4);
  CHECK(s[0]->text == "x");
  CHECK(s[1]->text == "deep");
  CHECK(s[2]->text == "shallow");
  CHECK(s[3]->text == "r");
  // Pointers into the patch, not copies of the edits: the same each time.
  CHECK(p.sorted() == s);
  Patch q = p;
  CHECK(q.sorted()[3] != s[3]);
  CHECK(q.sorted()[3]->text == "r");
}
