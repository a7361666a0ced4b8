#include "krm/run.h"

#include <doctest/doctest.h>

#include <sstream>

#include "krm/editor.h"
#include "krm/output_check_internal.h"
#include "krm/parallel.h"

using namespace krm;

TEST_CASE("RunStream: results on stderr, a summary, items on stdout, exit 1 only with an error") {
  std::ostringstream out, err;
  auto warn = [](const ResourceList& rl, Patch&, std::vector<Result>& results) {
    results.push_back(Result::Warning("careful").about(rl.items().at(0).ref()).at("spec.x"));
  };
  StreamOptions options;
  options.summary = true;
  int rc = RunStream("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", "", out, err, "prog", warn, options);
  CHECK(rc == 0);
  CHECK(out.str() == "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
  CHECK(err.str() == "prog: warning: careful (Pod/p spec.x)\nprog: 0 changes, 1 warning, 0 errors\n");
  std::ostringstream out2, err2;
  auto fail = [](const ResourceList&, Patch&, std::vector<Result>& results) { results.push_back(Result::Error("no")); };
  CHECK(RunStream("apiVersion: v1\nkind: Pod\n", "", out2, err2, "prog", fail) == 1);
  CHECK(out2.str() == "apiVersion: v1\nkind: Pod\n");
}

TEST_CASE("a patch whose edits conflict is an internal error: the input is written unchanged") {
  const std::string input =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n"
      "  kind: Pod\n  metadata: {name: p}\n";
  auto clash = [](const ResourceList&, Patch& patch, std::vector<Result>&) {
    patch.replace(10, 20, "x");
    patch.replace(15, 25, "y");
  };
  std::ostringstream out, err;
  CHECK(RunResourceList(input, out, err, "prog", clash) == 1);
  CHECK(out.str().rfind(input, 0) == 0);  // the input, then the results
  CHECK(out.str().find("message: \"internal error, nothing was changed: overlapping edits at byte 15\"\n") !=
        std::string::npos);
  CHECK(err.str().empty());
}

TEST_CASE("unreadable input: one line on stderr, nothing on stdout, exit 1") {
  std::ostringstream out, err;
  auto none = [](const ResourceList&, Patch&, std::vector<Result>&) {};
  CHECK(RunStream("a: [\n", "", out, err, "prog", none) == 1);
  CHECK(out.str().empty());
  CHECK(err.str() == "prog: 2:1: end of sequence flow not found\n");
}

TEST_CASE("a value holding a line break cannot split an error line") {
  std::ostringstream out, err;
  auto none = [](const ResourceList&, Patch&, std::vector<Result>&) {};
  CHECK(RunResourceList("apiVersion: \"config.kubernetes.io/v1\\nx\"\nkind: ResourceList\nitems: []\n", out, err,
                        "prog", none) == 1);
  CHECK(
      err.str() ==
      "prog: 1:13: unsupported ResourceList apiVersion 'config.kubernetes.io/v1\\nx' (expected config.kubernetes.io/v1 "
      "or v1beta1)\n");
  CHECK(OneLine("a\tb\x01\x7f") == "a\\tb\\x01\\x7f");
  CHECK(RenderResultLine(Result::Warning("two\nlines")) == "warning: two\\nlines");
}

namespace {
const char* kList =
    "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
    "  metadata: {name: a}\n  data:\n    s: x\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n"
    "  spec:\n    containers:\n    - name: c\n      image: busybox\n";

// Runs `process` on kList; returns the internal error message, or "".
std::string InternalError(const Processor& process) {
  std::ostringstream out, err;
  int rc = RunResourceList(kList, out, err, "prog", process);
  size_t at = out.str().find("internal error");
  if (at == std::string::npos) return rc == 0 ? "" : "exit " + std::to_string(rc);
  CHECK(rc == 1);
  CHECK(out.str().rfind(kList, 0) == 0);  // the input, unchanged
  return out.str().substr(at, out.str().find('\n', at) - at);
}
}  // namespace

TEST_CASE("output check: edits that read back as meant pass") {
  CHECK(InternalError([](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
          Editor ed(rl.doc(), patch);
          const Document& d = rl.doc();
          NodeId pod = rl.items().at(1).node;
          NodeId c = d.items(d.at(pod, "spec.containers")).at(0);
          CHECK(ed.setScalar(d.get(c, "image"), "reg.example/library/busybox"));
          CHECK(ed.addKey(c, "imagePullPolicy", Value::String("Always")));
          CHECK(ed.setPath(d.get(pod, "spec"), {"imagePullSecrets"},
                           Value::List({Value::Map({{"name", Value::String("r")}})})));
        }) == "");
}

TEST_CASE("output check: a line glued onto the next item is caught, and nothing is written changed (F2's kind)") {
  std::string e = InternalError([](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
    const Document& d = rl.doc();
    NodeId s = d.at(rl.items().at(0).node, "data.s");
    Patch::Anchor anchor(patch, d.node(s).begin);
    patch.insert(d.text().find("- apiVersion: v1\n  kind: Pod"), "    t: y");  // no line break
  });
  CHECK(e.find("an edit runs into the line that follows it") != std::string::npos);
}

TEST_CASE("output check: a key that lands under another parent is caught (F5's kind)") {
  std::string e = InternalError([](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
    const Document& d = rl.doc();
    NodeId pod = rl.items().at(1).node;
    NodeId c = d.items(d.at(pod, "spec.containers")).at(0);
    Patch::Anchor anchor(patch, d.node(c).begin);
    // Meant for the container, written at the pod spec's indentation.
    patch.insert(d.text().size(), "    imagePullPolicy: Always\n");
    patch.expect(Expectation::Kind::Key, c, "imagePullPolicy", Value::String("Always"));
  });
  CHECK(e.find("an edit of 'imagePullPolicy' did not read back where it was made") != std::string::npos);
}

TEST_CASE("output check: a scalar that does not read back as the text its edit wrote is caught") {
  std::string e = InternalError([](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
    const Document& d = rl.doc();
    NodeId s = d.at(rl.items().at(0).node, "data.s");
    Patch::Anchor anchor(patch, d.node(s).begin);
    patch.replace(d.node(s).content(), d.node(s).end, "r.example/x:1 # not part of the value");
    patch.expectLastEditText(s);
  });
  CHECK(e.find("an edit did not read back where it was made") != std::string::npos);
}

TEST_CASE("output check: results after a document end are caught (F6's kind)") {
  std::string e = InternalError([](const ResourceList& rl, Patch& patch, std::vector<Result>& results) {
    patch.insert(rl.doc().text().size(), "...\n");
    results.push_back(Result::Info("x"));
  });
  CHECK(e.find("the keys after the items") != std::string::npos);
}

TEST_CASE("output check: a value after the items that an edit changed is caught; the results splice keeps it") {
  const std::string input = std::string(kList) + "functionConfig:\n  note: |\n    keep me";
  auto glue = [](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
    patch.insert(rl.doc().text().size(), "\nextra: 1\n");  // turns 'keep me' into 'keep me\n'
  };
  std::ostringstream out, err;
  CHECK(RunResourceList(input, out, err, "prog", glue) == 1);
  CHECK(out.str().find("after the items, the value 'keep me' did not read back") != std::string::npos);
  // The splice itself adds results after that block without changing it.
  auto warn = [](const ResourceList&, Patch&, std::vector<Result>& results) { results.push_back(Result::Info("x")); };
  std::ostringstream out2, err2;
  CHECK(RunResourceList(input, out2, err2, "prog", warn) == 0);
  CHECK(out2.str().find("  note: |-\n    keep me\nresults:\n") != std::string::npos);
}

TEST_CASE("output check: an item appended to the list passes; an item an edit splits off does not") {
  CHECK(InternalError([](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
          Editor ed(rl.doc(), patch);
          CHECK(ed.append(rl.itemsNode(), Value::Map({{"apiVersion", Value::String("v1")},
                                                      {"kind", Value::String("ConfigMap")},
                                                      {"metadata", Value::Map({{"name", Value::String("added")}})}})));
        }) == "");
  std::string e = InternalError([](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
    const Document& d = rl.doc();
    NodeId pod = rl.items().back().node;
    Patch::Anchor anchor(patch, d.node(pod).begin);
    // A well-formed item no append made: the region reads back one item too many.
    patch.insert(d.text().size(), "- apiVersion: v1\n  kind: Secret\n  metadata: {name: stray}\n");
  });
  CAPTURE(e);
  CHECK(e.find("the edited items read back as") != std::string::npos);
}

namespace {

// A stream that cannot seek, as a pipe: ReadAll must read it in blocks.
class PipeBuffer : public std::streambuf {
 public:
  explicit PipeBuffer(std::string data) : data_(std::move(data)) {}

 protected:
  int_type underflow() override {
    if (pos_ >= data_.size()) return traits_type::eof();
    size_t n = std::min<size_t>(4093, data_.size() - pos_);  // odd chunks, as a pipe gives them
    setg(&data_[pos_], &data_[pos_], &data_[pos_] + n);
    pos_ += n;
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace

TEST_CASE("output check: maps with a null key (': x') read back, in an item and after the items (found by fuzzing)") {
  std::string list =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: Pod\n"
      "  metadata: {name: b}\n  : \"in the item\"\n  spec:\n    containers:\n    - name: c\n      image: busybox\n"
      ": \"after the items\"\n";
  auto process = [](const ResourceList& rl, Patch& patch, std::vector<Result>& results) {
    Editor ed(rl.doc(), patch);
    const Document& d = rl.doc();
    NodeId c = d.items(d.at(rl.items().at(0).node, "spec.containers")).at(0);
    CHECK(ed.setScalar(d.get(c, "image"), "reg.example/library/busybox"));
    results.push_back(Result::Info("relocated"));
  };
  std::ostringstream out, err;
  CHECK(RunResourceList(list, out, err, "prog", process) == 0);
  CHECK(out.str().find("internal error") == std::string::npos);
  CHECK(out.str().find("image: reg.example/library/busybox\n: \"after the items\"\nresults:\n") != std::string::npos);
}

TEST_CASE("ReadAll: a seekable stream and a pipe-like one read the same bytes, past the pipe's first reservation") {
  std::string data;
  for (size_t i = 0; data.size() < (size_t{9} << 20); ++i) data += "line " + std::to_string(i) + "\n";
  std::istringstream seekable(data);
  CHECK(ReadAll(seekable) == data);
  PipeBuffer pipe(data);
  std::istream piped(&pipe);
  CHECK(ReadAll(piped) == data);
  std::istringstream empty("");
  CHECK(ReadAll(empty).empty());
  // Past the 64 MiB a pipe's string reserves first: it grows, nothing lost.
  std::string big(size_t{65} << 20, 'x');
  for (size_t i = 0; i < big.size(); i += 4093) big[i] = static_cast<char>('a' + i % 26);
  PipeBuffer big_pipe(big);
  std::istream big_piped(&big_pipe);
  CHECK(ReadAll(big_piped) == big);
}

TEST_CASE("GroupInfo: past the limit, info results with one message are reported once, with a count") {
  std::vector<Result> results;
  for (int i = 0; i < 3; ++i) results.push_back(Result::Info("relocated a to b").at("f" + std::to_string(i)));
  results.push_back(Result::Warning("relocated a to b"));
  results.push_back(Result::Info("relocated c to d"));
  std::vector<Result> under = results;
  GroupInfo(under, 4);
  CHECK(under.size() == 5);
  GroupInfo(results, 3);
  REQUIRE(results.size() == 3);
  CHECK(results[0].message ==
        "relocated a to b (and 2 more alike: past 3 changes, changes with one message are reported once)");
  CHECK(results[0].field->path == "f0");
  CHECK(results[1].severity == Severity::Warning);
  CHECK(results[1].message == "relocated a to b");
  CHECK(results[2].message == "relocated c to d");
}

TEST_CASE("InfoGroups: past the limit, alike info results are counted as they come; GroupInfo then says the same") {
  std::vector<Result> all, grouped;
  InfoGroups groups(grouped, 3);
  auto add = [&](Result r) {
    all.push_back(r);
    groups.add(std::move(r));
  };
  for (int i = 0; i < 5; ++i) add(Result::Info("relocated a to b").at("f" + std::to_string(i)));
  add(Result::Warning("relocated a to b"));
  for (int i = 0; i < 100; ++i) add(Result::Info(i % 2 ? "relocated c to d" : "relocated a to b"));
  add(Result::Info("relocated e to f"));
  // Only one result per message is held past the limit.
  CHECK(grouped.size() == 4);
  CHECK(grouped[0].alike == 54);
  grouped.push_back(Result::Info("relocated e to f"));  // one not added through the groups
  all.push_back(Result::Info("relocated e to f"));
  GroupInfo(all, 3);
  GroupInfo(grouped, 3);
  REQUIRE(grouped.size() == all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(grouped[i].message == all[i].message);
    CHECK(grouped[i].severity == all[i].severity);
    CHECK((grouped[i].field ? grouped[i].field->path : "") == (all[i].field ? all[i].field->path : ""));
  }
  CHECK(grouped[0].message ==
        "relocated a to b (and 54 more alike: past 3 changes, changes with one message are reported once)");
  CHECK(grouped[3].message ==
        "relocated e to f (and 1 more alike: past 3 changes, changes with one message are reported once)");
  // Under the limit nothing is grouped.
  std::vector<Result> few;
  InfoGroups small(few, 3);
  for (int i = 0; i < 3; ++i) small.add(Result::Info("relocated a to b"));
  CHECK(few.size() == 3);
}

TEST_CASE("a large run (over 8 MiB, every item edited): read back in regions on every core, a bad edit still caught") {
  // Over 8 MiB of items, every one edited: the output check cuts the run
  // of edited items into regions.
  std::string list = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  std::string want = list;
  for (int i = 0; list.size() < (size_t{9} << 20); ++i) {
    std::string head = "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p" + std::to_string(i) +
                       "}\n  spec:\n    containers:\n    - name: c\n      image: ";
    std::string tail = "\n      args: [\"--padding-" + std::string(200, 'x') + "\"]\n";
    list += head + "busybox" + tail;
    want += head + "reg.example/busybox" + tail;
  }
  size_t set = 0;
  auto process = [&](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
    Editor ed(rl.doc(), patch);
    const Document& d = rl.doc();
    for (const Item& item : rl.items()) {
      NodeId c = d.items(d.at(item.node, "spec.containers")).at(0);
      set += ed.setScalar(d.get(c, "image"), "reg.example/busybox") ? 1 : 0;
    }
    CHECK(set == rl.items().size());
  };
  std::ostringstream out, err;
  CHECK(RunResourceList(list, out, err, "prog", process) == 0);
  CHECK(err.str().empty());
  CHECK(out.str() == want);
  // A bad edit in the middle of the run is still caught.
  auto glue = [](const ResourceList& rl, Patch& patch, std::vector<Result>&) {
    const Document& d = rl.doc();
    for (size_t k = 0; k < rl.items().size(); ++k) {
      NodeId image = d.at(d.items(d.at(rl.items()[k].node, "spec.containers")).at(0), "image");
      Patch::Anchor anchor(patch, d.node(image).begin);
      if (k == rl.items().size() / 2)
        patch.insert(d.node(rl.items()[k + 1].node).begin - 2, "    t: y");  // glued onto the next "- "
      else
        patch.replace(d.node(image).begin, d.node(image).end, "reg.example/busybox");
    }
  };
  std::ostringstream out2, err2;
  CHECK(RunResourceList(list, out2, err2, "prog", glue) == 1);
  CHECK(out2.str().rfind(list, 0) == 0);  // the input, unchanged
  CHECK(out2.str().find("internal error, nothing was changed") != std::string::npos);
}

TEST_CASE("GroupByUnit: each unit's values in one array, in the order they came; a negative unit leaves one out") {
  std::vector<long> unit_of = {2, 0, -1, 2, 0, 3};
  auto g = GroupByUnit<char>(
      5, unit_of.size(), [&](size_t k) { return unit_of[k]; }, [](size_t k) { return static_cast<char>('a' + k); });
  auto of = [&](size_t i) { return std::string(g.begin(i), g.end(i)); };
  CHECK(of(0) == "be");
  CHECK(of(1).empty());
  CHECK(g.empty(1));
  CHECK(of(2) == "ad");
  CHECK(of(3) == "f");
  CHECK(g.empty(4));
  CHECK(g.at.size() == 5);
}

TEST_CASE("CutRegions: a run of edited units is cut between units past kRegionBytes; an edit out of its region fails") {
  // Five units of 400 KiB, all edited but the fourth; one edit in each.
  const size_t unit = size_t{400} << 10;
  std::vector<size_t> starts;
  for (size_t i = 0; i <= 5; ++i) starts.push_back(i * unit);
  std::vector<Edit> edits;
  for (size_t i = 0; i < 5; ++i)
    edits.push_back({starts[i] + 10, starts[i] + 12, "x", static_cast<uint32_t>(i), 0, starts[i] + 10});
  std::vector<const Edit*> sorted;
  for (const Edit& e : edits) sorted.push_back(&e);
  auto units = [](const std::vector<long>& unit_of_edit) {
    return GroupByUnit<uint32_t>(
        5, unit_of_edit.size(), [&](size_t k) { return unit_of_edit[k]; },
        [](size_t k) { return static_cast<uint32_t>(k); });
  };
  ByUnit<uint32_t> by_unit = units({0, 1, 2, -1, 4});
  std::vector<Region> regions;
  REQUIRE(CutRegions(by_unit, starts, sorted, regions));
  REQUIRE(regions.size() == 2);
  CHECK((regions[0].i == 0 && regions[0].j == 3));  // unit 2 starts 800 KiB in, under 1 MiB: one region
  CHECK((regions[1].i == 4 && regions[1].j == 5));  // an unedited unit ends a run
  CHECK(regions[0].edits.size() == 3);
  by_unit = units({0, 1, 2, 3, 4});
  regions.clear();
  REQUIRE(CutRegions(by_unit, starts, sorted, regions));
  REQUIRE(regions.size() == 2);
  CHECK((regions[0].i == 0 && regions[0].j == 3 && regions[1].i == 3 && regions[1].j == 5));
  // An edit that runs past the cut between two regions.
  edits[2].end = starts[3] + 1;
  regions.clear();
  CHECK_FALSE(CutRegions(by_unit, starts, sorted, regions));
}

TEST_CASE("RunOnThreads: every index runs once; an exception comes back to the caller after all are done") {
  std::vector<int> ran(5, 0);
  RunOnThreads(5, [&](size_t k) { ran[k] += 1; });
  CHECK(ran == std::vector<int>(5, 1));
  std::vector<int> done(3, 0);
  CHECK_THROWS_AS(RunOnThreads(3,
                               [&](size_t k) {
                                 done[k] = 1;
                                 if (k == 1) throw std::runtime_error("x");
                               }),
                  std::runtime_error);
  CHECK(done == std::vector<int>(3, 1));
}
