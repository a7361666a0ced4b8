#include <doctest/doctest.h>

#include "krm/document_internal.h"
#include "krm/item_scan_internal.h"
#include "tests/same_document.h"

using namespace krm;

namespace {

ItemScan Item(const std::string& t, long column = 0) { return ScanItem(t, 0, t.size(), column); }
bool Simple(const std::string& t, long column = 0) { return Item(t, column).simple; }

}  // namespace

TEST_CASE("a kpt item: its header fields, where its map starts and its last value ends") {
  std::string t =
      "- # rendered from somewhere\n"
      "  apiVersion: apiextensions.k8s.io/v1\n"
      "  kind: CustomResourceDefinition # a comment\n"
      "  metadata:\n"
      "    annotations:\n"
      "      controller-gen.kubebuilder.io/version: v0.19.0\n"
      "      config.kubernetes.io/path: 'legacy.yaml'\n"
      "      internal.config.kubernetes.io/path: 'crds/x.yaml'\n"
      "      internal.config.kubernetes.io/index: '3'\n"
      "    name: \"x.example.com\"\n"
      "  spec:\n"
      "    versions:\n"
      "    - name: v1\n"
      "      schema:\n"
      "        openAPIV3Schema:\n"
      "          description: 'A long text that goes on\n"
      "            over lines: with colons, and it''s quoted'\n"
      "          properties:\n"
      "            image:\n"
      "              description: Image is the image: a plain text\n"
      "                that continues\n"
      "              type: string\n"
      "            notes:\n"
      "              description: |-\n"
      "                a: block\n"
      "\n"
      "                  - with anything: [ in it\n"
      "              default: {}\n"
      "              enum: [a, \"b\", {c: d}]\n"
      "      served: true\n"
      "# a comment at the end\n";
  // The description "Image is the image: a plain text" holds ': ', so the
  // scanner is unsure of that item; without it the item is vouched for.
  CHECK_FALSE(Item(t).simple);
  std::string ok = t;
  ok.replace(ok.find("image: a plain"), 6, "image, a");
  ItemScan s = Item(ok);
  REQUIRE(s.simple);
  CHECK(s.api_version == "apiextensions.k8s.io/v1");
  CHECK(s.kind == "CustomResourceDefinition");
  CHECK(s.name == "x.example.com");
  CHECK(s.path == "crds/x.yaml");
  CHECK(s.has_path);
  CHECK(s.index == "3");
  CHECK(ok.compare(s.content, 11, "apiVersion:") == 0);
  CHECK(ok.compare(s.end - 4, 4, "true") == 0);
}

TEST_CASE("a stream document, with or without its marker") {
  std::string t =
      "---\n# c\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: n\nspec:\n  ports:\n  - port: 80\n";
  ItemScan s = Item(t, -1);
  REQUIRE(s.simple);
  CHECK(s.kind == "Service");
  CHECK(s.ns == "n");
  CHECK(t.compare(s.content, 10, "apiVersion") == 0);
  CHECK(Simple("kind: A\nlist:\n- a\n- b\nnext: 1\n", -1));
  CHECK_FALSE(Simple("--- !tag\nkind: A\n", -1));
  CHECK_FALSE(Simple("- a\n- b\n", -1));
  CHECK_FALSE(Simple("just a scalar\n", -1));
  CHECK_FALSE(Simple("# only a comment\n", -1));
  CHECK_FALSE(Simple("kind: A\n...\n", -1));
}

TEST_CASE("what the scanner is unsure of") {
  const char* unsure[] = {
      "- kind: A\n  x: &a 1\n",                // anchor
      "- kind: A\n  x: *a\n",                  // alias
      "- kind: A\n  x: !t 1\n",                // tag
      "- kind: A\n  ? x\n  : 1\n",             // explicit key
      "- kind: A\n  x:\ty\n",                  // tab
      "- kind: A\n  x: a: b\n",                // ': ' in a plain scalar
      "- kind: A\n  x: a:\n",                  // ':' at the end
      "- kind: A\n  x: 1\n  x: 2\n",           // duplicate key
      "- kind: A\n  \"x\": 1\n  x: 2\n",       // the same key, quoted
      "- kind: A\n  x: [a, b\n  ]\n",          // flow over lines
      "- kind: A\n  x: [a, b,]\n",             // trailing comma
      "- kind: A\n  x: \"\\q\"\n",             // bad escape
      "- kind: A\n  x: \"open\n",              // never closed
      "- kind: A\n  x: |+\n    keep\n",        // keep chomping
      "- kind: A\n  x: |2\n    indicated\n",   // indentation indicator
      "- kind: A\n  x: |\n      a\n     b\n",  // less indented block line
      "- kind: A\n   y: 1\n",                  // inconsistent indentation
      "- kind: A\n y: 1\n",                    // dedent inside the item
      "- kind: A\n  x:\n  y: 1\n    z: 2\n",   // deeper line after a value
      "- kind: A\n  x: - a\n",                 // a list after a key on its line
      "- kind: A\n  x:\n  - - a\n",            // "- - "
      "- scalar\n",                            // not an object
      "- - a\n",                               // a list
      "- kind: A\n  x: \x01\n",                // a control character
      ("- kind: A\n  x: a\xC2\x85"
       "b\n"),                               // NEL
      "- kind: A\n  x: a\n   # c\n   b\n",   // a plain scalar after a comment
      "- kind: \"A\\u0041\"\n",              // an escape in a field read
      "- kind: A\n  metadata: {name: x}\n",  // metadata inline
      "- kind: A\n  x: '''a\n",              // never closed
      "- kind: A\n  x: \"a\"b\n",            // text after a quote
      "- kind: A\n  x: @a\n",                // reserved indicator
      "- kind: A\n  x: {a: b: c}\n",         // a flow map value with ': '
      "- kind: A\n  x: [{b? c: d}]\n",       // '?' in a flow scalar (yaml-cpp refuses it: found by fuzzing)
  };
  for (const char* t : unsure) {
    CAPTURE(t);
    CHECK_FALSE(Simple(t));
  }
}

TEST_CASE("what the scanner vouches for") {
  const char* simple[] = {
      "- kind: A\n",
      "- kind: A\n  x:\n  - a\n  - b: 1\n    c: 2\n  y: 3\n",    // a list at its key's column
      "- kind: A\n  x:\n    - a\n",                              // an indented list
      "- kind: A\n  x: \"multi\n    line \\\n    \\\" esc\"\n",  // double-quoted over lines
      "- kind: A\n  x: >-\n    folded\n\n    text\n  y: 1\n",
      "- kind: A\n  x: -1\n  y: :x\n  z: a#b\n",  // indicators that plain text may start or hold
      "- kind: A\n  'q': 1\n  \"r s\": 2\n",
      "- kind: A\n  x: [\"a\", 'b', [c, {d: e}]] # c\n",
      "- kind: A\n  x: http://example.com/a\n",
      "- kind: A\r\n  x: 1\r\n",
      "- kind: A\n  x: multi\n    line\n    text\n",
  };
  for (const char* t : simple) {
    CAPTURE(t);
    CHECK(Simple(t));
  }
}

TEST_CASE("a stream document's local-config annotation; a null word reads as nothing, as a parser reads it") {
  ItemScan s = Item(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n"
      "    config.kubernetes.io/local-config: \"true\"\n",
      -1);
  REQUIRE(s.simple);
  CHECK(s.local_config == "true");
  ItemScan n = Item("apiVersion: ~\nkind: null\nmetadata:\n  name: NULL\n", -1);
  REQUIRE(n.simple);
  CHECK(n.api_version.empty());
  CHECK(n.kind.empty());
  CHECK(n.name.empty());
  CHECK(Item("apiVersion: v1\nkind: \"null\"\n", -1).kind == "null");  // quoted: a string
}

TEST_CASE("an item at an indented column") {
  std::string t = "  - apiVersion: v1\n    kind: Secret\n    data:\n      a: b\n";
  ItemScan s = Item(t, 2);
  REQUIRE(s.simple);
  CHECK(s.kind == "Secret");
  CHECK_FALSE(Simple("  - kind: A\n  x: 1\n", 2));
}

TEST_CASE("the legacy path annotation counts only without the internal one") {
  ItemScan s = Item("- kind: A\n  metadata:\n    annotations:\n      config.kubernetes.io/path: a.yaml\n");
  REQUIRE(s.simple);
  CHECK(s.path == "a.yaml");
  s = Item(
      "- kind: A\n  metadata:\n    annotations:\n      internal.config.kubernetes.io/path: b.yaml\n"
      "      config.kubernetes.io/path: a.yaml\n");
  CHECK(s.path == "b.yaml");
}

TEST_CASE("what the scan indexes itself reads as yaml-cpp reads it") {
  const char* docs[] = {
      ("apiVersion: v1\nkind: Service\nmetadata:\n  name: s # c\n  labels: {a: b, 'c': \"d\", e: [1, ~, null]}\nspec:\n"
       "  ports:\n  - port: 80\n    name: ''''\n  - x\n  empty:\n  list:\n  - a\n  z: ~\n"),
      "kind: ConfigMap\ndata:\n  script: |\n    #!/bin/sh\n\n      echo hi\n  strip: |-\n    a\n\n\n  next: 1\n",
      "kind: A\nx: []\ny: {}\nz: [[a], {b: c}]\n\"q\": 'it''s'\nw: -1\nv: :x\nu: http://a/b#c\n",
      "kind: A\nx: |\n  no line break at the end",
      "kind: A\nx: |-\n  stripped, no line break at the end",  // found by fuzzing: lost its last character
      "kind: A\nm: \"a \\\"b\\\" c\\\\d\\/e\\nf\\tg\"\n",
  };
  for (const char* d : docs) {
    std::string t = d;
    CAPTURE(t);
    ItemScan s = ScanItem(t, 0, t.size(), -1);
    REQUIRE(s.indexable);
    DocumentBuilder b(t, false);
    ScanItem(t, 0, t.size(), -1, &b);
    Document scanned = b.finish();
    std::string why;
    CHECK_MESSAGE(test::SameDocument(Document::ParseYaml(t), scanned, why), why);
  }
  // Found by fuzzing (tests/fuzz/corpus/parallel_parse): yaml-cpp marks an
  // empty value at the next key, and its indexer reads a null word there
  // as the null itself; bytes that are not UTF-8 are decoded its own way.
  for (const char* d : {"kind: A\nmetadata:\nNULL  name: prod\n", "kind: A\nx: a\xFE\xFF\n"}) {
    ItemScan s = ScanItem(d, 0, std::string_view(d).size(), -1);
    CHECK_FALSE(s.indexable);
  }
  // In the subset the scan vouches for, but indexed by yaml-cpp.
  for (const char* d :
       {"kind: A\nx: >\n  folded\n", "kind: A\nx: \"\\u0041\"\n", "kind: A\nx: a\n  b\n", "kind: A\nl:\n-\n"}) {
    ItemScan s = ScanItem(d, 0, std::string_view(d).size(), -1);
    CHECK(s.simple);
    CHECK_FALSE(s.indexable);
  }
}

TEST_CASE("a control character or DEL anywhere on a line is refused, however far in; deep indentation reads whole") {
  // The scan reads printable runs and spaces eight bytes at a time: a bad
  // byte must be found at every offset of a word and in a line's tail.
  const std::string head = "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: m\n  data:\n";
  for (char bad : {'\x01', '\x1f', '\x7f', '\v'}) {
    for (size_t at = 0; at < 21; ++at) {
      std::string value(21, 'x');
      value[at] = bad;
      CHECK_MESSAGE(!Simple(head + "    k: " + value + "\n"), "byte " << int(bad) << " at " << at);
      CHECK_MESSAGE(!Simple(head + "    k: |\n      " + value + "\n"), "in a block, byte " << int(bad) << " at " << at);
    }
  }
  CHECK(Simple(head + "    k: " + std::string(21, 'x') + "\n"));
  CHECK(Simple(head + "    k: |\n      a\tb " + std::string(21, 'x') + "\n"));  // a tab in a block
  CHECK(!Simple(head + "    k: a\t" + std::string(21, 'x') + "\n"));            // not outside one
  // Indentation of 8, 16 and 17 columns: the nested map closes where it should.
  for (size_t deep : {8u, 16u, 17u}) {
    std::string t = head + "    k:\n" + std::string(deep, ' ') + "a: 1\n" + std::string(deep, ' ') + "b: 2\n    z: 3\n";
    ItemScan s = Item(t);
    CHECK_MESSAGE(s.simple, deep);
    CHECK_MESSAGE(
        !Simple(head + "    k:\n" + std::string(deep, ' ') + "a: 1\n" + std::string(deep - 1, ' ') + "b: 2\n"), deep);
  }
}
