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

int Finish(const ResourceList& rl, const Patch& patch, std::vector<Result>& results,
           std::ostream& out, std::ostream& err, const std::string& program) {
  std::string why;
  Patch safe;
  const Patch* use = &patch;
  if (patch.conflicts(&why)) {
    // A bug, not the user's fault: write the input unchanged and say so.
    Result r;
    r.severity = Severity::Error;
    r.message = "internal error, nothing was changed: " + why;
    results.push_back(r);
    use = &safe;
  }
  rl.write(*use, results, out);
  out.flush();
  if (rl.stream()) {
    for (const auto& r : results) err << program << ": " << RenderResultLine(r) << "\n";
  }
  return HasError(results) ? 1 : 0;
}

}  // namespace

int RunResourceList(std::string input, std::ostream& out, std::ostream& err,
                    const std::string& program, const Processor& process) {
  std::unique_ptr<ResourceList> rl;
  try {
    rl = ResourceList::Parse(std::move(input));
  } catch (const InputError& e) {
    err << program << ": " << e.at().line << ":" << e.at().column << ": " << e.what() << "\n";
    return 1;
  }
  Patch patch;
  std::vector<Result> results;
  process(*rl, patch, results);
  return Finish(*rl, patch, results, out, err, program);
}

int RunStream(std::string input, std::string config, std::ostream& out, std::ostream& err,
              const std::string& program, const Processor& process) {
  std::unique_ptr<ResourceList> rl;
  try {
    rl = ResourceList::ParseStream(std::move(input), std::move(config));
  } catch (const InputError& e) {
    err << program << ": " << e.at().line << ":" << e.at().column << ": " << e.what() << "\n";
    return 1;
  }
  Patch patch;
  std::vector<Result> results;
  process(*rl, patch, results);
  return Finish(*rl, patch, results, out, err, program);
}

}  // namespace krm
