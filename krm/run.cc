#include "krm/run.h"

#include <iostream>
#include <iterator>
#include <sstream>

namespace krm {

std::string ReadAll(std::istream& in) {
  // Straight into one string: a stringstream would hold a second copy.
  std::string out;
  std::streambuf* buf = in.rdbuf();
  char chunk[1 << 16];
  for (;;) {
    std::streamsize n = buf->sgetn(chunk, sizeof chunk);
    if (n <= 0) break;
    out.append(chunk, static_cast<size_t>(n));
  }
  return out;
}

namespace {

int Finish(const ResourceList& rl, const Patch& patch, std::vector<Result>& results, std::ostream& out,
           std::ostream& err, const std::string& program, const StreamOptions& options) {
  std::string why;
  Patch safe;
  const Patch* use = &patch;
  if (patch.conflicts(&why)) {
    // A bug, not the user's fault: write the input unchanged and say so.
    results.push_back(Result::Error("internal error, nothing was changed: " + why));
    use = &safe;
  } else if (!(why = rl.check(patch, results)).empty()) {
    // The last line of defence: what the edits wrote does not read back as
    // they meant. Never write corrupt output; write the input unchanged.
    results.push_back(
        Result::Error("internal error, nothing was changed: the output did not read back as intended (" + why + ")"));
    use = &safe;
  }
  rl.write(*use, results, out);
  out.flush();
  if (rl.stream()) {
    for (const auto& r : results) {
      if (options.quiet && r.severity == Severity::Info) continue;
      err << program << ": " << RenderResultLine(r) << "\n";
    }
    if (options.summary) err << program << ": " << SummarizeResults(results) << "\n";
    if (options.results) {
      *options.results << (results.empty() ? "results: []\n" : RenderResultsYaml(results, "\n"));
      options.results->flush();
    }
  }
  return HasError(results) ? 1 : 0;
}

// The run loop: read with `parse`, process, write.
template <typename Parse>
int Run(Parse parse, std::ostream& out, std::ostream& err, const std::string& program, const Processor& process,
        const StreamOptions& options) {
  std::unique_ptr<ResourceList> rl;
  try {
    rl = parse();
  } catch (const InputError& e) {
    err << FormatInputError(program, e) << "\n";
    return 1;
  }
  Patch patch;
  std::vector<Result> results;
  process(*rl, patch, results);
  return Finish(*rl, patch, results, out, err, program, options);
}

}  // namespace

int RunResourceList(std::string input, std::ostream& out, std::ostream& err, const std::string& program,
                    const Processor& process) {
  auto parse = [&] { return ResourceList::Parse(std::move(input)); };
  return Run(parse, out, err, program, process, StreamOptions{});
}

int RunStream(std::string input, std::string config, std::ostream& out, std::ostream& err, const std::string& program,
              const Processor& process, const StreamOptions& options) {
  auto parse = [&] { return ResourceList::ParseStream(std::move(input), std::move(config), options.files); };
  return Run(parse, out, err, program, process, options);
}

std::string SummarizeResults(const std::vector<Result>& results) {
  size_t n[3] = {0, 0, 0};
  for (const Result& r : results) ++n[static_cast<int>(r.severity)];
  auto count = [](size_t k, const char* one, const char* many) {
    return std::to_string(k) + " " + (k == 1 ? one : many);
  };
  return count(n[static_cast<int>(Severity::Info)], "change", "changes") + ", " +
         count(n[static_cast<int>(Severity::Warning)], "warning", "warnings") + ", " +
         count(n[static_cast<int>(Severity::Error)], "error", "errors");
}

}  // namespace krm
