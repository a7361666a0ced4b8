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

TEST_CASE("expectations: a key and a string value share one buffer; a plain scalar's is its edit's text; trees apart") {
  Patch p;
  p.expect(Expectation::Kind::Key, 3, "image", Value::String("r.example/a:1"));
  p.replace(10, 12, "r.example/b:2");
  p.expectLastEditText(4);
  Value tree = Value::Map({{"k", Value::String("v")}});
  p.expect(Expectation::Kind::Item, 5, "", tree);
  const auto& all = p.expectations();
  REQUIRE(all.size() == 3);
  CHECK(all[0].kind() == Expectation::Kind::Key);
  CHECK(all[0].node() == 3);
  CHECK(all[0].key() == "image");
  CHECK(p.expectedString(all[0]) == "r.example/a:1");
  CHECK(all[0].tree() == nullptr);
  CHECK(all[1].kind() == Expectation::Kind::Value);
  CHECK(all[1].key().empty());
  CHECK(p.expectedString(all[1]) == "r.example/b:2");
  REQUIRE(all[2].tree() != nullptr);
  CHECK(all[2].tree()->map.at(0).second.str == "v");
  // Rolled back together: what is left still reads its own edit's text.
  Patch::Mark m = p.mark();
  p.replace(20, 21, "x");
  p.expectLastEditText(6);
  p.rollback(m);
  CHECK(p.expectations().size() == 3);
  CHECK(p.expectedString(p.expectations()[1]) == "r.example/b:2");
}

TEST_CASE("an expectation of the last edit's text needs an edit") {
  Patch p;
  CHECK_THROWS_AS(p.expectLastEditText(1), std::logic_error);
}
