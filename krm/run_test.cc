#include "krm/run.h"

#include <doctest/doctest.h>

#include <sstream>

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
