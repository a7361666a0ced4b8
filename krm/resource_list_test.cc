#include "krm/resource_list.h"

#include <doctest/doctest.h>

#include <sstream>

#include "krm/edited_list_internal.h"
#include "krm/run.h"

using namespace krm;

namespace {
std::string Write(const std::string& in, const std::vector<Result>& results) {
  auto rl = ResourceList::Parse(in);
  std::ostringstream out;
  Patch p;
  rl->addResults(results, p);
  rl->write(p, out);
  return out.str();
}
Result Info(const char* m) {
  Result r;
  r.message = m;
  return r;
}
}  // namespace

TEST_CASE("items, path and index annotations are read") {
  auto rl = ResourceList::Parse(
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
      "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: w\n    namespace: n\n"
      "    annotations:\n      internal.config.kubernetes.io/path: 'd.yaml'\n"
      "      internal.config.kubernetes.io/index: '2'\n"
      "- apiVersion: kpt.dev/v1\n  kind: Kptfile\n  metadata: {name: k}\n"
      "functionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {}}\n");
  REQUIRE(rl->items().size() == 2);
  const Item& d = rl->items()[0];
  CHECK(d.kind == "Deployment");
  CHECK(d.ns == "n");
  CHECK(d.path == "d.yaml");
  CHECK(d.index == 2);
  CHECK(d.group() == "apps");
  CHECK(!rl->isReserved(d));
  CHECK(rl->isReserved(rl->items()[1]));
  CHECK(rl->functionConfig() != kNoNode);
}

TEST_CASE("the output always has items, and results replace old ones") {
  CHECK(Write("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n", {}) ==
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n");
  CHECK(Write("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n", {}) ==
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n");
  CHECK(Write("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n- message: old\n",
              {Info("new")}) ==
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n- message: new\n  severity: "
        "info\n");
}

TEST_CASE("JSON in, JSON out") {
  std::string in = "{\"apiVersion\": \"config.kubernetes.io/v1\", \"kind\": \"ResourceList\", \"items\": []}";
  std::string out = Write(in, {Info("m")});
  CHECK(out.find("\"results\": [") != std::string::npos);
  CHECK(out.find("\"message\": \"m\"") != std::string::npos);
}

TEST_CASE("a BOM and CRLF line ends survive") {
  std::string in =
      "\xEF\xBB\xBF"
      "apiVersion: config.kubernetes.io/v1\r\nkind: ResourceList\r\nitems: []\r\n";
  CHECK(Write(in, {Info("m")}) == in + "results:\r\n- message: m\r\n  severity: info\r\n");
}

TEST_CASE("unreadable input gives line and column, and nothing on stdout") {
  std::ostringstream out, err;
  int rc = RunResourceList("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [\n", out, err, "prog",
                           [](const ResourceList&, Patch&, std::vector<Result>&) {});
  CHECK(rc == 1);
  CHECK(out.str().empty());
  CHECK(err.str().rfind("prog: ", 0) == 0);
  CHECK(err.str().find(':', 6) != std::string::npos);
  std::ostringstream o2, e2;
  CHECK(RunResourceList("kind: Deployment\n", o2, e2, "prog",
                        [](const ResourceList&, Patch&, std::vector<Result>&) {}) == 1);
  CHECK(e2.str() == "prog: 1:7: expected kind ResourceList, found 'Deployment'\n");
  std::ostringstream o3, e3;
  CHECK(RunResourceList("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {a: 1}\n", o3, e3, "prog",
                        [](const ResourceList&, Patch&, std::vector<Result>&) {}) == 1);
  CHECK(e3.str() == "prog: 3:8: items must be a list\n");
  CHECK(o3.str().empty());
}

TEST_CASE("exit code is 1 exactly when there is an error result") {
  std::string in = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n";
  std::ostringstream out, err;
  auto warn = [](const ResourceList&, Patch&, std::vector<Result>& r) {
    r.push_back(Result{Severity::Warning, "w", {}, {}, {}});
  };
  CHECK(RunResourceList(in, out, err, "p", warn) == 0);
  auto fail = [](const ResourceList&, Patch&, std::vector<Result>& r) {
    r.push_back(Result{Severity::Error, "e", {}, {}, {}});
  };
  std::ostringstream out2;
  CHECK(RunResourceList(in, out2, err, "p", fail) == 1);
  CHECK(out2.str().find("items: []") != std::string::npos);
}

namespace {
std::vector<std::string> Names(const ResourceList& rl) {
  std::vector<std::string> out;
  for (const Item& i : rl.items()) out.push_back(i.kind + "/" + i.name);
  return out;
}
const char* kThree =
    "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
    "- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n"
    "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec: {x: 1}\n"
    "- apiVersion: v1\n  kind: Secret\n  metadata: {name: k}\n"
    "functionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n";
bool PodsOnly(const Item& i) { return i.kind == "Pod"; }
// The text of the item named `name` in `l`, as written.
std::string RawOf(const ResourceList& l, const std::string& name) {
  for (const Item& i : l.items())
    if (i.name == name) return std::string(l.doc().raw(i.node));
  return "(missing)";
}
}  // namespace

TEST_CASE("edited: only the kept items, read from the output, then the appended ones and the keys after") {
  std::unique_ptr<ResourceList> rl = ResourceList::Parse(kThree);
  Patch patch;
  const std::string& t = rl->source().text();
  patch.replace(t.find("x: 1"), t.find("x: 1") + 4, "x: 2");
  patch.insert(t.find("functionConfig"), "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: added}\n");
  std::unique_ptr<ResourceList> out = rl->edited(patch, PodsOnly);
  CHECK(Names(*out) == std::vector<std::string>{"Pod/p", "ConfigMap/added"});
  CHECK(out->doc().str(out->doc().at(out->items()[0].node, "spec"), "x") == "2");
  CHECK(out->functionConfig() != kNoNode);
}

TEST_CASE("edited: a placement made for another list reads the whole output, not that list's cut") {
  std::unique_ptr<ResourceList> rl = ResourceList::Parse(kThree);
  std::unique_ptr<ResourceList> other = ResourceList::Parse(std::string(kThree) + "# another list\n");
  Patch patch;
  const std::string& t = rl->source().text();
  patch.replace(t.find("x: 1"), t.find("x: 1") + 4, "x: 2");
  std::vector<const Edit*> sorted = patch.sorted();
  std::unique_ptr<ResourceList> mine = rl->edited(patch, *rl->placeEdits(sorted), PodsOnly);
  CHECK(Names(*mine) == std::vector<std::string>{"Pod/p"});
  std::unique_ptr<ResourceList> whole = rl->edited(patch, *other->placeEdits(sorted), PodsOnly);
  CHECK(Names(*whole) == std::vector<std::string>{"Service/s", "Pod/p", "Secret/k"});
  CHECK(whole->doc().str(whole->doc().at(whole->items()[1].node, "spec"), "x") == "2");
}

TEST_CASE("edited in parts: each kept item reads as it does in the whole output, edits at its edges included") {
  // Twelve pods; each gets a replaced value and a key added where its map
  // ends (an insertion at the next item's first byte belongs to it); a new
  // item goes in before pods 4 and 9, and one is appended. Every window of
  // kept pods must read back as the whole output has them, from a text
  // that holds only them unless a new item comes before one of them.
  std::string in = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  for (int i = 0; i < 12; ++i)
    in += "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p" + std::to_string(i) + "\n  spec:\n    x: old\n";
  in += "functionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n";
  std::unique_ptr<ResourceList> rl = ResourceList::Parse(in);
  REQUIRE(rl->cutIntoItems());
  const std::string& t = rl->source().text();
  Patch patch;
  std::vector<size_t> starts;
  for (size_t at = t.find("- apiVersion"); at != std::string::npos; at = t.find("- apiVersion", at + 1))
    starts.push_back(at);
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t x = t.find("x: old", starts[i]) + 3;
    patch.replace(x, x + 3, "new" + std::to_string(i));
    size_t end = i + 1 < starts.size() ? starts[i + 1] : t.find("functionConfig");
    patch.insert(end, "    y: added" + std::to_string(i) + "\n", 4);
    if (i == 4 || i == 9)
      patch.insert(starts[i], "- {apiVersion: v1, kind: Pod, metadata: {name: new" + std::to_string(i) + "}}\n");
  }
  {
    Patch::Anchor list(patch, rl->doc().node(rl->itemsNode()).begin);
    patch.insert(t.find("functionConfig"), "- {apiVersion: v1, kind: Pod, metadata: {name: last}}\n");
  }
  std::string whole_text = patch.apply(t);
  std::unique_ptr<ResourceList> whole = ResourceList::Parse(whole_text);
  std::shared_ptr<const EditPlacement> placed = rl->placeEdits(patch.sorted());
  for (size_t first = 0; first < 12; ++first) {
    for (size_t n = 1; first + n <= 12; n += 3) {
      auto keep = [&](const Item& item) {
        size_t i = std::stoul(item.name.substr(1));
        return i >= first && i < first + n;
      };
      std::unique_ptr<ResourceList> part = rl->edited(patch, *placed, keep);
      // A new item before a kept one moves the kept ones from where the
      // check of the cut looks for them: the whole output is read then (a
      // fallback, never a wrong part); else the part alone.
      bool inside = first + n > 4;
      std::vector<std::string> want;
      for (size_t i = inside ? 0 : first; i < (inside ? 12 : first + n); ++i)
        want.push_back("Pod/p" + std::to_string(i));
      std::vector<std::string> got;
      for (const Item& i : part->items()) {
        if (i.name.rfind("new", 0) == 0 || i.name == "last") continue;  // new items always read back
        got.push_back(i.kind + "/" + i.name);
        CHECK(RawOf(*part, i.name) == RawOf(*whole, i.name));
      }
      CHECK(got == want);
      CHECK(RawOf(*part, "last") == RawOf(*whole, "last"));
      CHECK(part->functionConfig() != kNoNode);
    }
  }
}

TEST_CASE("edited: JSON, and a stream the pre-scan left whole to yaml-cpp, are read whole") {
  std::unique_ptr<ResourceList> json = ResourceList::Parse(
      "{\"apiVersion\": \"config.kubernetes.io/v1\", \"kind\": \"ResourceList\", \"items\": ["
      "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"s\"}},"
      "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}}]}");
  CHECK(Names(*json->edited(Patch(), PodsOnly)) == std::vector<std::string>{"Service/s", "Pod/p"});
  // Inline metadata is not the pre-scan's: both documents go to yaml-cpp, uncut.
  std::unique_ptr<ResourceList> stream = ResourceList::ParseStream(
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", "");
  CHECK_FALSE(stream->cutIntoItems());
  CHECK(Names(*stream->edited(Patch(), PodsOnly)) == std::vector<std::string>{"Service/s", "Pod/p"});
}

TEST_CASE("edited on a stream: each kept document reads as it does in the whole output; none kept reads empty") {
  // Eight documents; each gets a replaced value and a key added where its
  // map ends (at the next "---": an insertion there belongs to the document before).
  std::string t = "# a comment before the first\n";
  for (int i = 0; i < 8; ++i) {
    if (i) t += "---\n";
    t += "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p" + std::to_string(i) + "\nspec:\n  x: '1'\n";
  }
  std::unique_ptr<ResourceList> rl = ResourceList::ParseStream(t, "registry: r.example\n");
  REQUIRE(rl->cutIntoItems());
  Patch patch;
  for (const Item& item : rl->items()) {
    const Document& d = rl->doc();
    NodeId x = d.at(item.node, "spec.x");
    patch.replace(d.node(x).begin, d.node(x).end, "'2-" + item.name + "'");
    size_t line_after = t.find('\n', d.node(item.node).end) + 1;  // the next "---", or the end
    patch.insert(line_after, "added: " + item.name + "\n");
  }
  std::string whole_text = patch.apply(t);
  std::unique_ptr<ResourceList> whole = ResourceList::ParseStream(whole_text, "");
  std::shared_ptr<const EditPlacement> placed = rl->placeEdits(patch.sorted());
  for (size_t first = 0; first < 8; ++first) {
    for (size_t n = 1; first + n <= 8; n += 2) {
      auto keep = [&](const Item& item) {
        size_t i = std::stoul(item.name.substr(1));
        return i >= first && i < first + n;
      };
      std::unique_ptr<ResourceList> part = rl->edited(patch, *placed, keep);
      std::vector<std::string> want, got;
      for (size_t i = first; i < first + n; ++i) want.push_back("Pod/p" + std::to_string(i));
      for (const Item& i : part->items()) {
        got.push_back(i.kind + "/" + i.name);
        CHECK(RawOf(*part, i.name) == RawOf(*whole, i.name));
        CHECK(part->doc().str(i.node, "added") == i.name);
      }
      CHECK(got == want);
      CHECK(part->functionConfig() != kNoNode);
    }
  }
  std::unique_ptr<ResourceList> none = rl->edited(patch, *placed, [](const Item&) { return false; });
  CHECK(none->items().empty());
  CHECK(none->stream());
  CHECK(none->functionConfig() != kNoNode);
}

TEST_CASE("edited on a stream with empty documents: each joins the item before it, or the first when it leads") {
  const std::string doc = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p";
  std::string t = "# only a comment\n---\n" + doc + "0\nspec: {x: '1'}\n---\n---\n# nothing\n---\n" + doc +
                  "1\nspec: {x: '1'}\n---\n" + doc + "2\nspec: {x: '1'}\n---\n";
  std::unique_ptr<ResourceList> rl = ResourceList::ParseStream(t, "registry: r.example\n");
  REQUIRE(rl->items().size() == 3);
  REQUIRE(rl->cutIntoItems());
  Patch patch;
  for (const Item& item : rl->items()) {
    NodeId x = rl->doc().at(item.node, "spec.x");
    patch.replace(rl->doc().node(x).begin, rl->doc().node(x).end, "'2-" + item.name + "'");
  }
  std::shared_ptr<const EditPlacement> placed = rl->placeEdits(patch.sorted());
  for (size_t keep = 0; keep < 3; ++keep) {
    std::string name = "p" + std::to_string(keep);
    std::unique_ptr<ResourceList> part = rl->edited(patch, *placed, [&](const Item& i) { return i.name == name; });
    REQUIRE(part->items().size() == 1);
    CHECK(part->items()[0].name == name);
    CHECK(part->doc().str(part->doc().at(part->items()[0].node, "spec"), "x") == "2-" + name);
  }
}

TEST_CASE("resources: the members of a v1 List in place of the List, with its file") {
  std::unique_ptr<ResourceList> rl = ResourceList::Parse(
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
      "- apiVersion: v1\n  kind: List\n  metadata:\n    annotations: {internal.config.kubernetes.io/path: l.yaml}\n"
      "  items:\n  - {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: n}}\n  - not a map\n"
      "- apiVersion: example.com/v1\n  kind: List\n  metadata: {name: custom}\n");
  std::vector<Item> r = rl->resources();
  REQUIRE(r.size() == 2);
  CHECK(r[0].kind == "Pod");
  CHECK(r[0].name == "p");
  CHECK(r[0].ns == "n");
  CHECK(r[0].path == "l.yaml");
  CHECK(r[1].kind == "List");  // not the core v1 List: a resource of its own
}

namespace {

// A selector that reads only Pods, and records what it was asked about.
struct PodsOnlySelector {
  std::vector<std::string>* asked;
  SelectorFactory factory() const {
    auto* seen = asked;
    return [seen](const Document&, NodeId) -> ItemSelector {
      return [seen](const Item& item, std::string_view) {
        seen->push_back(item.kind + "/" + item.name);
        return item.kind == "Pod";
      };
    };
  }
};

const char* kPassedOver =
    "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
    "- apiVersion: apiextensions.k8s.io/v1\n  kind: CustomResourceDefinition\n  metadata:\n    name: crd\n"
    "    annotations:\n      internal.config.kubernetes.io/path: 'crds.yaml'\n      "
    "internal.config.kubernetes.io/index: "
    "'2'\n  spec:\n    x: 1 # kept\n"
    "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    image: a\n"
    "- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: s\n  data: {k: v}\n"
    "- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: anchored\n  data: &a {k: v}\n"
    "- apiVersion: v1\n  kind: List\n  metadata:\n    name: l\n  items:\n  - {apiVersion: v1, kind: Pod, metadata: "
    "{name: "
    "m}}\n"
    "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n";

}  // namespace

TEST_CASE("a selector: the items it declines are passed over, the others indexed; the output is the input") {
  std::vector<std::string> asked;
  std::unique_ptr<ResourceList> rl = ResourceList::Parse(kPassedOver, PodsOnlySelector{&asked}.factory());
  // Asked about what the scan vouches for, never about a v1 List; an item
  // with an anchor is outside what the scan vouches for, so it is indexed.
  CHECK(asked == std::vector<std::string>{"CustomResourceDefinition/crd", "Pod/p", "Secret/s"});
  const std::vector<Item>& items = rl->items();
  REQUIRE(items.size() == 5);
  const Document& d = rl->doc();
  CHECK(items[0].opaque);
  CHECK(d.kind(items[0].node) == NodeKind::Opaque);
  CHECK(items[0].kind == "CustomResourceDefinition");
  CHECK(items[0].name == "crd");
  CHECK(items[0].path == "crds.yaml");
  CHECK(items[0].index == 2);
  CHECK(d.raw(items[0].node).substr(0, 11) == "apiVersion:");
  CHECK(d.raw(items[0].node).substr(d.raw(items[0].node).size() - 4) == "x: 1");
  CHECK_FALSE(items[1].opaque);
  CHECK(d.str(d.get(items[1].node, "spec"), "image") == "a");
  CHECK(items[2].opaque);
  CHECK_FALSE(items[3].opaque);
  CHECK(d.isMap(items[3].node));
  CHECK_FALSE(items[4].opaque);
  CHECK(rl->resources().size() == 5);
  CHECK(rl->resources()[4].name == "m");
  CHECK(rl->functionConfig() != kNoNode);
  // Read back, passed-over items are left out; the output is the input.
  std::unique_ptr<ResourceList> back = rl->edited(Patch(), [](const Item&) { return true; });
  CHECK(back->items().size() == 3);
  std::ostringstream out;
  Patch p;
  rl->addResults({}, p);
  rl->write(p, out);
  CHECK(out.str() == kPassedOver);
  // Full mode asks nothing and indexes everything.
  asked.clear();
  SetReadMode(ReadMode::Full);
  std::unique_ptr<ResourceList> full = ResourceList::Parse(kPassedOver, PodsOnlySelector{&asked}.factory());
  SetReadMode(ReadMode::Fast);
  CHECK(asked.empty());
  CHECK_FALSE(full->items()[0].opaque);
}

TEST_CASE("a selector in a plain stream; a malformed item it would decline is parsed and reported") {
  std::vector<std::string> asked;
  const std::string stream =
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
  std::unique_ptr<ResourceList> rl = ResourceList::ParseStream(stream, "", {}, PodsOnlySelector{&asked}.factory());
  REQUIRE(rl->items().size() == 2);
  CHECK(rl->items()[0].opaque);
  CHECK(rl->items()[0].name == "s");
  CHECK_FALSE(rl->items()[1].opaque);
  const std::string bad = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  name: t\n---\nkind: Pod\n";
  try {
    ResourceList::ParseStream(bad, "", {}, PodsOnlySelector{&asked}.factory());
    FAIL("a duplicate key in a Service must be reported");
  } catch (const InputError& e) {
    CHECK(e.at().line == 5);
    CHECK(std::string(e.what()).find("duplicate key 'name'") != std::string::npos);
  }
}

TEST_CASE("a list read whole is cut at its items only where each item lies within its cut") {
  // Read whole (no selector), as a list the pre-scan cannot take is.
  auto cut = [](const std::string& t) { return ResourceList::Parse(t)->cutIntoItems(); };
  std::string head = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  CHECK(cut(head + "- kind: A\n  x: 1\n- kind: B\nfunctionConfig: {}\n"));
  // A flow map closed at column 0: the line cut ends the items there, but the
  // item runs past it.
  CHECK_FALSE(cut(head + "- kind: A\n  x: {\n  a: 1\n}\n- kind: B\n"));
  CHECK_FALSE(
      cut("{\"apiVersion\": \"config.kubernetes.io/v1\", \"kind\": \"ResourceList\", \"items\": [{\"kind\": \"A\"}]}"));
  CHECK_FALSE(cut(head + "- {kind: A}\n- kind: B\n  x: [1,\n2]\n"));
  // As many cuts as items, but the last item's flow map runs past where the
  // line cut ends the items (at `b: 2}`, which reads like a key).
  CHECK_FALSE(cut(head + "- kind: A\n  x: {a: 1,\nb: 2}\n"));
}
