// Fuzz target: plain-stream mode (the CLI over files, the legacy kustomize
// plugin) with a fixed config that moves every image and adds a pull
// secret and policy, so that most inputs are edited.
#include <cstddef>
#include <cstdint>

#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/run.h"
#include "tests/fuzz/invariants.h"

namespace {
const char* kConfig =
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
    "data: {registry: 'reg.example:5000/mirror', pullSecret: regcred, pullPolicy: IfNotPresent}\n";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  fuzz::Check(
      [](std::string in, std::ostream& out, std::ostream& err) {
        return krm::RunStream(std::move(in), kConfig, out, err, fn::names::kProgram, fn::Relocate);
      },
      input, false);
  return 0;
}
