// tests/fuzz/invariants.h: what every run of the function must hold,
// whatever the input, checked by the fuzz targets beyond "no crash":
// - the exit code is 0 or 1;
// - exit 0 means something was written;
// - nothing written means exactly one line "k8ssandra-images: ..." on stderr;
// - the output read again gives the same items, and a third run writes
//   exactly what the second did.
#ifndef TESTS_FUZZ_INVARIANTS_H_
#define TESTS_FUZZ_INVARIANTS_H_

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>

#include "fn/names.h"
#include "krm/document.h"

namespace fuzz {

struct Run {
  int rc = 0;
  std::string out, err;
};

// Runs `f` on `input`.
inline Run Once(const std::function<int(std::string, std::ostream&, std::ostream&)>& f, const std::string& input) {
  std::ostringstream out, err;
  Run r;
  r.rc = f(input, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

[[noreturn]] inline void Broken(const char* what, const Run& r) {
  std::fprintf(stderr, "invariant broken: %s (rc %d)\nstderr: %s\n", what, r.rc, r.err.substr(0, 500).c_str());
  std::abort();
}

// The output without its top-level `results` entry (found by parsing it,
// so no string that holds "results:" can fool it): what a second run must
// keep. (A first run may add the line break the input lacked before its
// results.)
inline std::string Items(std::string out) {
  if (out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);  // the index's offsets follow the mark
  std::string items = out;
  try {
    krm::Document d = krm::Document::ParseYaml(out);
    krm::NodeId root = d.roots().empty() ? krm::kNoNode : d.roots()[0];
    krm::NodeId key = d.keyOf(root, "results");
    if (key != krm::kNoNode && d.node(root).style == krm::Style::Block) {
      size_t begin = d.node(key).begin;
      size_t end = d.node(d.node(key).next).end;
      size_t nl = end > 0 && out[end - 1] == '\n' ? end : out.find('\n', end);
      items = out.substr(0, begin) + (nl == std::string::npos ? "" : out.substr(nl + (out[nl] == '\n' ? 1 : 0)));
    }
  } catch (const krm::ParseError&) {
  }
  while (!items.empty() && (items.back() == '\n' || items.back() == '\r')) items.pop_back();
  return items;
}

// Checks the invariants of `f` (ResourceList or stream mode) on `input`.
// `results_in_output`: the output carries results (ResourceList mode).
inline void Check(const std::function<int(std::string, std::ostream&, std::ostream&)>& f, const std::string& input,
                  bool results_in_output) {
  Run first = Once(f, input);
  if (first.rc != 0 && first.rc != 1) Broken("exit code not 0 or 1", first);
  if (first.rc == 0 && first.out.empty()) Broken("exit 0 with nothing on stdout", first);
  if (first.out.empty()) {
    std::string prefix = std::string(fn::names::kProgram) + ": ";
    size_t nl = first.err.find('\n');
    if (first.err.compare(0, prefix.size(), prefix) != 0 || nl + 1 != first.err.size())
      Broken("nothing on stdout, but not exactly one error line", first);
    return;
  }
  if (first.rc != 0) return;
  Run second = Once(f, first.out);
  if (second.rc != 0) Broken("the output, read again, fails", second);
  bool json = !first.out.empty() && first.out[0] == '{';
  if (!json && results_in_output && Items(second.out) != Items(first.out))
    Broken("a second run changed the items", second);
  if (!results_in_output && second.out != first.out) Broken("a second run changed the stream", second);
  Run third = Once(f, second.out);
  if (third.out != second.out) Broken("a third run wrote something else than the second", third);
}

}  // namespace fuzz

#endif  // TESTS_FUZZ_INVARIANTS_H_
