#include "krm/editor.h"

#include <doctest/doctest.h>

using namespace krm;

namespace {
struct Fixture {
  std::string text;
  Document doc;
  Patch patch;
  Editor ed;
  explicit Fixture(std::string t, bool json = false)
      : text(std::move(t)), doc(json ? Document::ParseJson(text) : Document::ParseYaml(text)), ed(doc, patch) {}
  NodeId root() const { return doc.roots().at(0); }
  std::string out() const { return patch.apply(text); }
};
}  // namespace

TEST_CASE("setScalar keeps quoting and comments") {
  Fixture f("a: \"x:1\"  # keep\nb: 'y'\nc: z\n");
  CHECK(f.ed.setScalar(f.doc.get(f.root(), "a"), "r/x:1"));
  CHECK(f.ed.setScalar(f.doc.get(f.root(), "b"), "r/y"));
  CHECK(f.ed.setScalar(f.doc.get(f.root(), "c"), "5751458"));
  CHECK(f.out() == "a: \"r/x:1\"  # keep\nb: 'r/y'\nc: \"5751458\"\n");
}

TEST_CASE("addKey follows the indentation of the block map") {
  Fixture f("top:\n    x: 1\n    y: 2\nnext: 3\n");
  NodeId m = f.doc.get(f.root(), "top");
  CHECK(f.ed.addKey(m, "z", Value::String("new")));
  CHECK(f.ed.addKey(m, "a", Value::String("first"), true));
  CHECK(f.out() == "top:\n    a: first\n    x: 1\n    y: 2\n    z: new\nnext: 3\n");
}

TEST_CASE("addKey inside a sequence item and in flow maps") {
  Fixture f("l:\n- name: c\n  image: i\nm: {a: 1}\ne: {}\n");
  NodeId item = f.doc.items(f.doc.get(f.root(), "l")).at(0);
  CHECK(f.ed.addKey(item, "r", Value::String("x"), true));
  CHECK(f.ed.addKey(f.doc.get(f.root(), "m"), "b", Value::String("on")));
  CHECK(f.ed.addKey(f.doc.get(f.root(), "e"), "k", Value::Map({{"name", Value::String("s")}})));
  CHECK(f.out() == "l:\n- r: x\n  name: c\n  image: i\nm: {a: 1, b: \"on\"}\ne: {k: {name: s}}\n");
}

TEST_CASE("addKey at the end of a file without a final newline") {
  Fixture f("a:\n  b: 1");
  CHECK(f.ed.addKey(f.doc.get(f.root(), "a"), "c", Value::String("2")));
  CHECK(f.out() == "a:\n  b: 1\n  c: \"2\"");
}

TEST_CASE("fillNull writes under an implicit or explicit null") {
  Fixture f("o:\n  # r: x\nn: ~\n");
  NodeId ok = f.doc.keyOf(f.root(), "o");
  NodeId nk = f.doc.keyOf(f.root(), "n");
  CHECK(f.ed.fillNull(ok, f.doc.node(ok).next, Value::Map({{"registry", Value::String("r")}})));
  CHECK(f.ed.fillNull(nk, f.doc.node(nk).next, Value::String("v")));
  CHECK(f.out() == "o:\n  registry: r\n  # r: x\nn: v\n");
}

TEST_CASE("append adds to block and flow sequences") {
  Fixture f("s:\n  - a\n  - b\nf: [x]\ne: []\n");
  CHECK(f.ed.append(f.doc.get(f.root(), "s"),
                    Value::Map({{"name", Value::String("c")}, {"value", Value::String("1.0")}})));
  CHECK(f.ed.append(f.doc.get(f.root(), "f"), Value::String("w")));
  CHECK(f.ed.append(f.doc.get(f.root(), "e"), Value::String("z")));
  CHECK(f.out() == "s:\n  - a\n  - b\n  - name: c\n    value: \"1.0\"\nf: [x, w]\ne: [z]\n");
}

TEST_CASE("a new string value is quoted like its siblings") {
  Fixture f(
      "a:\n  repository: \"k8ssandra\"\n  name: \"x\"\nb:\n  repository: k8ssandra\n  tag: \"1\"\nc:\n  k: 'v'\n  l: "
      "'w'\nd:\n  tag: \"5751458\"\n");
  CHECK(f.ed.siblingStyle(f.doc.get(f.root(), "a")) == Style::DoubleQuoted);
  CHECK(f.ed.siblingStyle(f.doc.get(f.root(), "b")) == Style::Plain);
  CHECK(f.ed.siblingStyle(f.doc.get(f.root(), "c")) == Style::SingleQuoted);
  CHECK(f.ed.siblingStyle(f.doc.get(f.root(), "d")) == Style::Plain);  // one quoted value is no style
  CHECK(f.ed.addKey(f.doc.get(f.root(), "a"), "registry", Value::String("reg:5000"), true));
  CHECK(f.ed.addKey(f.doc.get(f.root(), "b"), "registry", Value::String("reg:5000"), true));
  CHECK(f.ed.addKey(f.doc.get(f.root(), "c"), "q", Value::String("it's")));
  CHECK(f.out() ==
        "a:\n  registry: \"reg:5000\"\n  repository: \"k8ssandra\"\n  name: \"x\"\n"
        "b:\n  registry: reg:5000\n  repository: k8ssandra\n  tag: \"1\"\nc:\n  k: 'v'\n  l: 'w'\n  q: 'it''s'\n"
        "d:\n  tag: \"5751458\"\n");
}

TEST_CASE("new lists in block maps are block sequences, in the document's own sequence style") {
  Value secrets = Value::List({Value::Map({{"name", Value::String("regcred")}})});
  // compact: "- " under the key, as kpt writes.
  Fixture compact("spec:\n  containers:\n  - name: a\n  volumes:\n");
  NodeId spec = compact.doc.get(compact.root(), "spec");
  CHECK(compact.ed.seqIndent() == 0);
  CHECK(compact.ed.addKey(spec, "imagePullSecrets", secrets));
  NodeId vk = compact.doc.keyOf(spec, "volumes");
  CHECK(compact.ed.fillNull(vk, compact.doc.node(vk).next, Value::List({Value::String("x"), Value::String("on")})));
  CHECK(compact.out() ==
        "spec:\n  containers:\n  - name: a\n  volumes:\n  - x\n  - \"on\"\n  imagePullSecrets:\n  - name: regcred\n");
  // wide: "- " indented by the step, as yq -I4 writes.
  Fixture wide("a:\n    list:\n        - x\n    m:\n        k: v\n");
  CHECK(wide.ed.seqIndent() == 4);
  CHECK(wide.ed.addKey(wide.doc.get(wide.root(), "a"), "pullSecrets", Value::List({Value::String("s")})));
  CHECK(wide.out() == "a:\n    list:\n        - x\n    m:\n        k: v\n    pullSecrets:\n        - s\n");
  // A map holding a list, under a missing parent.
  Fixture nested("spec:\n  size: 1\n");
  CHECK(nested.ed.setPath(nested.root(), {"spec", "podTemplateSpec", "spec", "imagePullSecrets"}, secrets));
  CHECK(nested.out() ==
        "spec:\n  size: 1\n  podTemplateSpec:\n    spec:\n      imagePullSecrets:\n      - name: regcred\n");
  // Flow maps keep flow lists.
  Fixture flow("m: {a: 1}\n");
  CHECK(flow.ed.addKey(flow.doc.get(flow.root(), "m"), "l", secrets));
  CHECK(flow.out() == "m: {a: 1, l: [{name: regcred}]}\n");
}

TEST_CASE("JSON edits stay JSON") {
  Fixture f("{\"a\": {\"b\": \"x\"}, \"l\": []}", true);
  NodeId a = f.doc.get(f.root(), "a");
  CHECK(f.ed.setScalar(f.doc.get(a, "b"), "y"));
  CHECK(f.ed.addKey(a, "c", Value::String("1.36")));
  CHECK(f.ed.append(f.doc.get(f.root(), "l"), Value::Map({{"name", Value::String("s")}})));
  CHECK(f.out() == "{\"a\": {\"b\": \"y\", \"c\": \"1.36\"}, \"l\": [{\"name\": \"s\"}]}");
}

TEST_CASE("removeKey drops whole lines") {
  Fixture f("a: 1\nresults:\n- message: x\nb: 2\n");
  CHECK(f.ed.removeKey(f.root(), f.doc.keyOf(f.root(), "results")));
  CHECK(f.out() == "a: 1\nb: 2\n");
}

TEST_CASE("setPath and setPaths create missing parents once") {
  Fixture f("a:\n  b: 1\nn:\nz: 0\n");
  CHECK(f.ed.setPaths(f.root(), {{{"a", "c", "d"}, Value::String("x")},
                                 {{"a", "b"}, Value::String("2")},
                                 {{"m", "p"}, Value::String("1")},
                                 {{"m", "q"}, Value::String("2")},
                                 {{"n", "r"}, Value::String("v")}}));
  CHECK(f.out() == "a:\n  b: \"2\"\n  c:\n    d: x\nn:\n  r: v\nz: 0\nm:\n  p: \"1\"\n  q: \"2\"\n");
}

TEST_CASE("new block maps use the document's own indentation step") {
  Fixture f("a:\n    b: 1\n# trailing comment\n");
  CHECK(f.ed.indentStep() == 4);
  CHECK(f.ed.addKey(f.root(), "c", Value::Map({{"d", Value::Map({{"e", Value::String("x")}})}})));
  CHECK(f.out() == "a:\n    b: 1\n# trailing comment\nc:\n    d:\n        e: x\n");
}

TEST_CASE("EditGroup: all or nothing") {
  const std::string text = "img:\n  registry: >-\n    docker.io\n  repository: k8ssandra\n  name: medusa\n";
  {
    Fixture f(text);
    NodeId img = f.doc.get(f.root(), "img");
    EditGroup g(f.ed);
    CHECK(g.step(f.ed.setKey(img, "repository", Value::String("mirror/k8ssandra"))));
    CHECK(!g.step(f.ed.setKey(img, "registry", Value::String("reg.example"))));  // a folded scalar
    CHECK(!g.commit());
    CHECK(f.patch.empty());  // the repository edit was dropped with it
    CHECK(f.patch.expectations().empty());
    CHECK(f.out() == text);
  }
  {
    Fixture f(text);
    NodeId img = f.doc.get(f.root(), "img");
    EditGroup g(f.ed);
    g.step(f.ed.setKey(img, "repository", Value::String("mirror/k8ssandra")));
    g.step(f.ed.setKey(img, "name", Value::String("medusa2")));
    CHECK(g.commit());
    CHECK(f.out() == "img:\n  registry: >-\n    docker.io\n  repository: mirror/k8ssandra\n  name: medusa2\n");
  }
  {
    Fixture f(text);
    NodeId img = f.doc.get(f.root(), "img");
    CHECK(f.ed.setKey(img, "name", Value::String("before")));
    {
      EditGroup g(f.ed);  // neither committed nor dropped: rolled back
      g.step(f.ed.setKey(img, "repository", Value::String("x")));
    }
    CHECK(f.out() == "img:\n  registry: >-\n    docker.io\n  repository: k8ssandra\n  name: before\n");
  }
}
