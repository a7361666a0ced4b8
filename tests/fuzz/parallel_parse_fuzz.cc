// Fuzz target: the parallel parse of a ResourceList against the sequential
// one. Both must fail with the same error, or build the same index.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "krm/concurrent_parse_internal.h"
#include "krm/text_check_internal.h"
#include "tests/same_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A ResourceList header makes the split apply to most inputs.
  std::string text = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" +
                     std::string(reinterpret_cast<const char*>(data), size);
  // A run refuses unreadable text before any parse (RequireReadable):
  // yaml-cpp reads bytes that are not UTF-8 its own way, and stops at
  // different places in a whole text and in its parts.
  std::string why;
  if (krm::FindUnreadableText(text, why) != std::string::npos) return 0;
  std::unique_ptr<krm::Document> seq;
  std::string want;
  try {
    seq = std::make_unique<krm::Document>(krm::Document::ParseYaml(text));
  } catch (const krm::ParseError& e) {
    want = std::to_string(e.offset()) + ": " + e.what();
  }
  for (unsigned threads : {2u, 3u, 8u}) {
    try {
      krm::Document par = krm::ParseYamlConcurrently(text, threads, 0);
      std::string why;
      if (!seq) {
        std::fprintf(stderr, "parallel parse succeeded where the sequential one failed: %s\n", want.c_str());
        std::abort();
      }
      if (!test::SameDocument(*seq, par, why)) {
        std::fprintf(stderr, "%u threads: %s\n", threads, why.c_str());
        std::abort();
      }
    } catch (const krm::ParseError& e) {
      std::string got = std::to_string(e.offset()) + ": " + e.what();
      if (got != want) {
        std::fprintf(stderr, "%u threads fail with '%s', sequential with '%s'\n", threads, got.c_str(), want.c_str());
        std::abort();
      }
    }
  }
  return 0;
}
