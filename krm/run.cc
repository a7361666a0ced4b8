#include "krm/run.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <vector>

namespace krm {

namespace {

// A large input is touched page by page: on Linux, transparent huge pages
// (where the system allows them on request) take a fault per 2 MiB rather
// than per 4 KiB. Only advice: nothing changes where it is not taken.
void AdviseLargePages(char* data, size_t size) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (size < 2 * kHuge) return;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + size) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)size;
#endif
}

// What processing freed goes back to the system before the output check
// allocates: a large run reads its output back in parts, and glibc keeps
// the free pages between the blocks still in use resident (on the
// generated 10,000-resource relocation, 0.7 MB of the peak).
void ReleaseFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

constexpr size_t kPipeReserve = size_t{64} << 20;
constexpr size_t kPipeStep = size_t{1} << 20;
constexpr size_t kPipeFirstStep = size_t{64} << 10;

}  // namespace

std::string ReadAll(std::istream& in) {
  // Straight into one string: a stringstream would hold a second copy. When
  // the stream can tell its size (a file, stdin redirected from one), the
  // string is made that size at once and read into: no growth, no copies.
  std::string out;
  std::streambuf* buf = in.rdbuf();
  std::streamoff at = buf->pubseekoff(0, std::ios::cur, std::ios::in);
  std::streamoff end = at < 0 ? std::streamoff(-1) : std::streamoff(buf->pubseekoff(0, std::ios::end, std::ios::in));
  if (at >= 0 && end > at && buf->pubseekpos(at, std::ios::in) == at) {
    out.reserve(static_cast<size_t>(end - at));
    AdviseLargePages(out.data(), out.capacity());
    out.resize(static_cast<size_t>(end - at));
    std::streamsize n = buf->sgetn(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<size_t>(std::max<std::streamsize>(n, 0)));
    // All of it, as the size said (a file that grew meanwhile reads on below).
    if (out.size() == static_cast<size_t>(end - at) && buf->sgetc() == std::char_traits<char>::eof()) return out;
  }
  // A pipe tells nothing: read straight into the string. It reserves
  // kPipeReserve at first (address space only: a page costs memory once
  // written) and doubles when full; its size grows by steps that double up
  // to kPipeStep, so a small input touches little. Nothing is copied into
  // it afterwards, and once the input proves large its pages are advised huge.
  size_t have = out.size();
  bool advised = false;
  for (size_t step = kPipeFirstStep;; step = std::min(2 * step, kPipeStep)) {
    if (have + step > out.capacity()) {
      out.reserve(std::max(have + step, std::max(kPipeReserve, 2 * out.capacity())));
      advised = false;
    }
    if (!advised && have >= kPipeStep) {
      AdviseLargePages(out.data(), out.capacity());
      advised = true;
    }
    out.resize(have + step);
    std::streamsize n = buf->sgetn(out.data() + have, static_cast<std::streamsize>(step));
    if (n <= 0) break;
    have += static_cast<size_t>(n);
  }
  out.resize(have);
  return out;
}

namespace {

// `patch` gets the results too (in place: a large run's edits are not copied).
int Finish(const ResourceList& rl, Patch& patch, std::vector<Result>& results, std::ostream& out, std::ostream& err,
           const std::string& program, const StreamOptions& options) {
  std::string why;
  Patch safe;
  Patch* use = &patch;
  if (patch.conflicts(&why)) {
    // A bug, not the user's fault: write the input unchanged and say so.
    results.push_back(Result::Error("internal error, nothing was changed: " + why));
    use = &safe;
  } else {
    rl.addResults(results, patch);
    if (!(why = rl.check(patch, results.size())).empty()) {
      // The last line of defence: what the edits wrote does not read back as
      // they meant. Never write corrupt output; write the input unchanged.
      results.push_back(
          Result::Error("internal error, nothing was changed: the output did not read back as intended (" + why + ")"));
      use = &safe;
    }
  }
  if (use == &safe) rl.addResults(results, safe);
  rl.write(*use, out);
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
  ReleaseFreedMemory();
  return Finish(*rl, patch, results, out, err, program, options);
}

}  // namespace

int RunResourceList(std::string input, std::ostream& out, std::ostream& err, const std::string& program,
                    const Processor& process, const SelectorFactory& select) {
  auto parse = [&] { return ResourceList::Parse(std::move(input), select); };
  return Run(parse, out, err, program, process, StreamOptions{});
}

int RunStream(std::string input, std::string config, std::ostream& out, std::ostream& err, const std::string& program,
              const Processor& process, const StreamOptions& options) {
  auto parse = [&] {
    return ResourceList::ParseStream(std::move(input), std::move(config), options.files, options.select);
  };
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
