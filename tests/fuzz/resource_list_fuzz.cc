// Fuzz target: ResourceList mode (what kpt and kustomize run), as the
// binary runs it, with the invariants of tests/fuzz/invariants.h.
#include <cstddef>
#include <cstdint>

#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/run.h"
#include "tests/fuzz/invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  fuzz::Check(
      [](std::string in, std::ostream& out, std::ostream& err) {
        return krm::RunResourceList(std::move(in), out, err, fn::names::kProgram, fn::Relocate);
      },
      input, true);
  return 0;
}
