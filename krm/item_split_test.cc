#include <doctest/doctest.h>

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
}
