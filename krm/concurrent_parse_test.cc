#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

#include "krm/concurrent_parse_internal.h"
#include "krm/editor.h"
#include "krm/item_split_internal.h"
#include "tests/same_document.h"
#include "tests/test_util.h"

using namespace krm;
namespace fs = std::filesystem;

namespace {

// A ResourceList of n items of a few shapes, with comments and block scalars.
std::string Generated(int n) {
  std::string t = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  for (int i = 0; i < n; ++i) {
    std::string k = std::to_string(i);
    if (i % 3 == 0)
      t += "- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: d" + k +
           "}\n  spec:\n    template:\n"
           "      spec:\n        containers:\n        - name: c\n          image: \"k8ssandra/x:" +
           k + "\" # pin\n";
    else if (i % 3 == 1)
      t += "# between\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: m" + k +
           "\n  data:\n    f: |\n      - not: an item\n      x: 'y'\n\n";
    else
      t += "- {apiVersion: v1, kind: Secret, metadata: {name: s" + k + "}, data: {a: 'b'}}\n";
  }
  return t + "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data: {registry: r.example}\n";
}

// The offset and message of the ParseError `parse` throws; "" when it throws none.
std::string ErrorOf(const std::function<void()>& parse) {
  try {
    parse();
  } catch (const ParseError& e) {
    return std::to_string(e.offset()) + e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the joined index equals the sequential one, for any number of threads") {
  std::string t = Generated(50);
  Document seq = Document::ParseYaml(t);
  for (unsigned threads : {2u, 3u, 7u, 64u}) {
    bool joined = false;
    Document par = ParseYamlConcurrently(t, threads, 0, &joined);
    CHECK(joined);
    std::string why;
    CHECK_MESSAGE(test::SameDocument(seq, par, why), threads << " threads: " << why);
  }
}

TEST_CASE("every golden input indexes the same in parallel") {
  int n = 0, joins = 0, splittable = 0;
  for (const auto& e : fs::directory_iterator(K8SI_FIXTURES_DIR)) {
    fs::path p = e.path() / "input.yaml";
    if (!fs::exists(p)) continue;
    std::string t = test::Slurp(p);
    if (t.rfind("\xEF\xBB\xBF", 0) == 0) t = t.substr(3);  // the BOM is split off before indexing
    auto split = SplitBlockItems(t);
    if (split && split->starts.size() > 1) ++splittable;
    std::optional<Document> seq;
    std::string seq_error;
    try {
      seq = Document::ParseYaml(t);
    } catch (const ParseError& err) {
      seq_error = std::to_string(err.offset()) + err.what();
    }
    std::string why;
    try {
      bool joined = false;
      Document par = ParseYamlConcurrently(t, 2, 0, &joined);
      joins += joined ? 1 : 0;
      CHECK_MESSAGE(seq.has_value(), p.string() << ": parallel parse succeeded where the sequential failed");
      if (seq) CHECK_MESSAGE(test::SameDocument(*seq, par, why), p.string() << ": " << why);
    } catch (const ParseError& err) {
      CHECK_MESSAGE(seq_error == std::to_string(err.offset()) + err.what(), p.string());
    }
    ++n;
  }
  CHECK(n > 100);
  // The joined path really ran, for every input with two or more items
  // (and for inputs of one item the pre-scan indexes itself).
  CHECK(splittable >= 5);
  CHECK(joins >= splittable);
}

// A multi-document stream wrapped the way kpt wraps files: "- " before the
// first line of each document, two spaces before the others.
std::string Wrap(const std::string& stream) {
  std::string t = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  std::istringstream in(stream);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (line == "---") {
      first = true;
      continue;
    }
    t += (first ? "- " : (line.empty() ? "" : "  ")) + line + "\n";
    first = false;
  }
  return t;
}

TEST_CASE("the upstream operator streams, wrapped as ResourceLists, index the same in parallel") {
  int n = 0;
  for (const auto& e : fs::directory_iterator(std::string(K8SI_FIXTURES_DIR) + "/upstream/rendered")) {
    std::string t = Wrap(test::Slurp(e.path()));
    Document seq = Document::ParseYaml(t);
    for (unsigned threads : {2u, 5u}) {
      bool joined = false;
      Document par = ParseYamlConcurrently(t, threads, 0, &joined);
      CHECK_MESSAGE(joined, e.path().string());
      std::string why;
      CHECK_MESSAGE(test::SameDocument(seq, par, why), e.path().string() << ": " << why);
    }
    ++n;
  }
  CHECK(n == 5);
}

TEST_CASE("a broken item gives the sequential parse's error") {
  std::string t = Generated(9);
  size_t at = t.find("kind: ConfigMap");
  t.insert(at, "bad: [unclosed\n  ");
  std::string want = ErrorOf([&] { Document::ParseYaml(t); });
  REQUIRE_FALSE(want.empty());
  CHECK(ErrorOf([&] { ParseYamlConcurrently(t, 2, 0); }) == want);
}

TEST_CASE("a null word on a line of its own after the items is a key without ':', as in one parse") {
  // The part after the items read alone is a null document, which is not
  // nothing (found by fuzzing: it was dropped from the joined index).
  for (const char* word : {"null", "~", "NULL"}) {
    std::string t =
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- kind: A\n" + std::string(word) + "\n";
    CAPTURE(word);
    std::string want = ErrorOf([&] { Document::ParseYaml(t); });
    CHECK(want == std::to_string(t.size() - std::strlen(word) - 1) + "a mapping key without ':'");
    for (unsigned threads : {1u, 2u}) CHECK(ErrorOf([&] { ParseYamlConcurrently(t, threads, 0); }) == want);
  }
  // An empty document after the items is nothing, as before.
  std::string t = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- kind: A\n# only a comment\n";
  CHECK(ErrorOf([&] { ParseYamlConcurrently(t, 2, 0); }).empty());
}

TEST_CASE("an alias to an anchor in another group falls back to one parse") {
  std::string t = "kind: ResourceList\nitems:\n- a: &x {k: v}\n- b: 1\n- c: 2\n- d: *x\n";
  Document seq = Document::ParseYaml(t);
  bool joined = true;
  Document par = ParseYamlConcurrently(t, 2, 0, &joined);
  CHECK_FALSE(joined);
  std::string why;
  CHECK_MESSAGE(test::SameDocument(seq, par, why), why);
}

TEST_CASE("whole-document scans see the same nodes after a join") {
  // No item holds a block sequence, so the first one in id order is the
  // (wide) results list after the items: only a root's, which seqIndent skips.
  std::string t =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
      "- {kind: A, metadata: {name: a}}\n- {kind: B, metadata: {name: b}}\n"
      "results:\n    - message: old\n";
  Document seq = Document::ParseYaml(t);
  bool joined = false;
  Document par = ParseYamlConcurrently(t, 2, 0, &joined);
  REQUIRE(joined);
  std::string why;
  CHECK_MESSAGE(test::SameDocument(seq, par, why), why);
  Patch p1, p2;
  CHECK(Editor(seq, p1).seqIndent() == Editor(par, p2).seqIndent());
  CHECK(Editor(seq, p1).indentStep() == Editor(par, p2).indentStep());
}

TEST_CASE("small inputs and one thread: items the pre-scan can index are joined, the rest parsed sequentially") {
  std::string t = Generated(4);
  std::string why;
  bool joined = false;
  CHECK(test::SameDocument(Document::ParseYaml(t), ParseYamlConcurrently(t, 1, 0, &joined), why));
  CHECK(joined);
  // Anchors are outside what the pre-scan reads: every item goes to yaml-cpp, in one sequential parse.
  std::string anchored = "kind: ResourceList\nitems:\n- a: &x 1\n  b: *x\n- c: &y 2\n  d: *y\n";
  joined = true;
  CHECK(test::SameDocument(Document::ParseYaml(anchored), ParseYamlConcurrently(anchored, 1, 0, &joined), why));
  CHECK_FALSE(joined);
  joined = true;
  CHECK(
      test::SameDocument(Document::ParseYaml(anchored), ParseYamlConcurrently(anchored, 2, 256 * 1024, &joined), why));
  CHECK_FALSE(joined);
}

TEST_CASE("a quoted string whose lines look like an item boundary is read as one parse reads it (F11)") {
  // The string holds a line "- apiVersion: v1" at the items' column, so the
  // split cuts there; each group alone would read an unclosed string to its
  // end (yaml-cpp 0.7 accepts that) and the joined index would hold a Pod
  // that the input does not have. A string not closed within its group is
  // an error there, so the parallel path gives way to the sequential one.
  for (const char* quote : {"\"", "'"}) {
    CAPTURE(quote);
    std::string q = quote;
    std::string t =
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
        "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data:\n    pad: " +
        std::string(400, 'p') + "\n    s: " + q +
        "first\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: ghost}\n  spec: {containers: [{name: "
        "c, image: busybox}]}\n  x: " +
        q + "\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: b}\n";
    Document seq = Document::ParseYaml(t);
    REQUIRE(seq.items(seq.get(seq.roots()[0], "items")).size() == 2);
    for (unsigned threads : {2u, 3u, 64u}) {
      bool joined = true;
      Document par = ParseYamlConcurrently(t, threads, 0, &joined);
      // The padding puts a cut at the line inside the string: only the
      // refusal of the unclosed string keeps the ghost Pod out.
      CHECK_FALSE(joined);
      std::string why;
      CHECK_MESSAGE(test::SameDocument(seq, par, why), threads << " threads: " << why);
    }
  }
}

TEST_CASE("empty items where a part starts read as the sequential parse reads them (found by fuzzing)") {
  // One empty item after one the pre-scan indexed; then several one after
  // another, which the run places where it places the first.
  std::string one =
      "kind: ResourceList\nitems:\n- kind: A\n  spec:\n    x: 1\n- # nothing but a comment\n- kind: B\n  y: 2\n";
  std::string three =
      "kind: ResourceList\nitems:\n- kind: A\n  spec:\n    x: 1\n- # one\n- # two\n- # three\n- kind: B\n";
  for (const std::string& t : {one, three}) {
    CAPTURE(t);
    std::string why;
    bool joined = false;
    Document par = ParseYamlConcurrently(t, 2, 0, &joined);
    CHECK(joined);
    CHECK_MESSAGE(test::SameDocument(Document::ParseYaml(t), par, why), why);
  }
}

TEST_CASE("a key after the items that the list's map already has is the sequential parse's error (found by fuzzing)") {
  for (const char* dup : {"apiVersion: config.kubernetes.io/v1\n", "items: []\n", "'kind': x\n"}) {
    std::string t = Generated(6) + dup;
    std::string want = ErrorOf([&] { Document::ParseYaml(t); });
    REQUIRE_FALSE(want.empty());
    for (unsigned threads : {1u, 2u}) CHECK(ErrorOf([&] { ParseYamlConcurrently(t, threads, 0); }) == want);
  }
}

TEST_CASE("a null key after the items indexes as the sequential parse indexes it (found by fuzzing)") {
  std::string t =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- # a comment\n  apiVersion: v1\n"
      "  kind: ConfigMap\n  metadata:\n    name: n \n: \"false\"\n      # a comment";
  std::string why;
  for (unsigned threads : {1u, 2u}) {
    Document par = ParseYamlConcurrently(t, threads, 0);
    CHECK_MESSAGE(test::SameDocument(Document::ParseYaml(t), par, why), why);
  }
}

TEST_CASE("values that differ from their text are found by their node, also in a joined index") {
  // Each item has scalars whose value is their text (plain, quoted without
  // escapes) and some whose value is kept apart (quoted with escapes,
  // folded over lines, a block);
  // joined from parts, every one must still read its own value.
  std::string t = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  for (int i = 0; i < 40; ++i) {
    std::string n = std::to_string(i);
    t += "- kind: K\n  plain: p" + n + "\n  q: \"q" + n + "\"\n  dq: \"d\\t" + n + "\"\n  sq: 'it''s " + n +
         "'\n  multi: a\n    b" + n + "\n  block: |\n    line " + n + "\n";
  }
  bool joined = false;
  Document d = ParseYamlConcurrently(t, 2, 0, &joined);
  CHECK(joined);
  std::vector<NodeId> items = d.items(d.get(d.roots()[0], "items"));
  REQUIRE(items.size() == 40);
  for (size_t i = 0; i < items.size(); ++i) {
    std::string n = std::to_string(i);
    CHECK(d.str(items[i], "plain") == "p" + n);
    CHECK(d.str(items[i], "dq") == "d\t" + n);
    CHECK(d.str(items[i], "sq") == "it's " + n);
    CHECK(d.str(items[i], "multi") == "a b" + n);
    CHECK(d.str(items[i], "block") == "line " + n + "\n");
    CHECK(d.str(items[i], "q") == "q" + n);
    CHECK(d.node(d.get(items[i], "plain")).value_in_text == 1);
    CHECK(d.node(d.get(items[i], "q")).value_in_text == 1);  // quoted, no escape: the text inside the quotes
    CHECK(d.node(d.get(items[i], "dq")).value_in_text == 0);
  }
  std::string why;
  CHECK(test::SameDocument(Document::ParseYaml(t), d, why));
}

TEST_CASE("'---' before a vertical tab or form feed is no document marker, as in one parse (found by fuzzing)") {
  // YAML's white space after a marker is a space, a tab or a line break;
  // isspace also took "\v" and "\f", and cut a document there.
  for (const char* rest : {"\vi\t\t", "\fi"}) {
    std::string t = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n---" + std::string(rest);
    CAPTURE(rest);
    std::string want = ErrorOf([&] { Document::ParseYaml(t); });
    CHECK(want == "62a mapping key without ':'");
    for (unsigned threads : {1u, 2u}) CHECK(ErrorOf([&] { ParseYamlConcurrently(t, threads, 0); }) == want);
  }
  // A real marker still cuts: a space, a tab or the line's end after it.
  std::string s = "a: 1\n--- \nb: 2\n---\tc\n---\nd: 3\n";
  Document seq = Document::ParseYaml(s);
  std::string why;
  CHECK(test::SameDocument(seq, ParseYamlConcurrently(s, 2, 0), why));
  CHECK(seq.roots().size() == 4);
}
