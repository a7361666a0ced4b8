// krm/run.h: the run loop shared by every entry point. It reads, calls the
// function's processor, writes, and turns the outcome into an exit code.
#ifndef KRM_RUN_H_
#define KRM_RUN_H_

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "krm/patch.h"
#include "krm/resource_list.h"
#include "krm/result.h"

namespace krm {

// What a function does with one input: propose edits and report results.
using Processor = std::function<void(const ResourceList&, Patch&, std::vector<Result>&)>;

// Reads a whole stream into a string.
std::string ReadAll(std::istream& in);

// ResourceList mode (kpt, kustomize's KRM runtime). Unreadable input: one
// line "<program>: <line>:<column>: <why>" on `err`, nothing on `out`, 1.
// Otherwise the full ResourceList goes to `out` and the exit code is 1 if
// and only if there is an error result. `select` (optional) names the
// items the processor reads; the others pass through unindexed.
int RunResourceList(std::string input, std::ostream& out, std::ostream& err, const std::string& program,
                    const Processor& process, const SelectorFactory& select = {});

// How stream mode reports.
struct StreamOptions {
  std::vector<FileRef> files;       // each resource's file, in stream order (optional)
  std::ostream* results = nullptr;  // also write the results here, as a `results:` YAML list
  bool quiet = false;               // no line for info results on `err`
  bool summary = false;             // end `err` with "<program>: N changes, N warnings, N errors"
  SelectorFactory select;           // the items the processor reads (optional; see RunResourceList)
};

// Stream mode (plain multi-document YAML; the config is a separate text, as
// in kustomize's legacy exec plugins and the CLI). Results go to `err`,
// one line each; the exit code is 1 if and only if there is an error. On an
// error the items are still written, unchanged where not processed. A
// stream without any resource is unreadable input.
int RunStream(std::string input, std::string config, std::ostream& out, std::ostream& err, const std::string& program,
              const Processor& process, const StreamOptions& options = {});

// "N changes, N warnings, N errors" (info results count as changes).
std::string SummarizeResults(const std::vector<Result>& results);

}  // namespace krm

#endif  // KRM_RUN_H_
