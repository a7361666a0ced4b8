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
