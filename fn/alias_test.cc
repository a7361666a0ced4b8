#include "fn/alias.h"

#include <doctest/doctest.h>

using namespace fn;

namespace {
// The alias node at key `key` of the first document's root map.
std::optional<Anchor> At(const std::string& text, const char* key) {
  krm::Document d = krm::Document::ParseYaml(text);
  krm::NodeId n = d.get(d.roots().at(0), key);
  REQUIRE(d.kind(n) == krm::NodeKind::Alias);
  return FindAnchor(d, n);
}
}  // namespace

TEST_CASE("FindAnchor: the last definition before the alias, its key and one-line value") {
  auto a = At("name: &n nginx\nimage: *n\n", "image");
  REQUIRE(a);
  CHECK(a->key == "name");
  CHECK(a->value == "nginx");
  a = At("x:\n- image: &img \"busybox:1.36\"  # pinned\ny: *img\n", "y");
  REQUIRE(a);
  CHECK(a->key == "image");
  CHECK(a->value == "busybox:1.36");
  // &n2 is another anchor; the later &n is the one an alias after it means.
  a = At("a: &n2 other\nb: &n first\nc: &n second\nd: *n\n", "d");
  REQUIRE(a);
  CHECK(a->key == "c");
  CHECK(a->value == "second");
  // A collection has no one-line value.
  a = At("m: &m {a: 1}\nn: *m\n", "n");
  REQUIRE(a);
  CHECK(a->value.empty());
}
