// Fuzz target: image references. A reference that parses keeps its
// meaning when printed normalized; a relocated one parses, keeps its tag
// and digest, and is not moved again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fn/config.h"
#include "fn/image_ref.h"
#include "fn/rules.h"

namespace {

[[noreturn]] void Broken(const char* what, const std::string& in) {
  std::fprintf(stderr, "invariant broken: %s: '%s'\n", what, in.c_str());
  std::abort();
}

fn::Relocator Make(const char* target, fn::PathMode mode) {
  fn::Config c;
  fn::Target t;
  if (!fn::ParseTarget(target, t).empty()) std::abort();
  c.registry = t;
  c.mode = mode;
  return fn::Relocator(c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  fn::ParsedRef p = fn::ParseImageRef(in);
  if (!p.ok) {
    if (p.error.empty()) Broken("refused without a reason", in);
    return 0;
  }
  fn::ParsedRef again = fn::ParseImageRef(p.ref.normalized());
  if (!again.ok || again.ref.name() != p.ref.name() || again.ref.suffix() != p.ref.suffix())
    Broken("the normalized form reads differently", in);
  static const fn::Relocator rules[] = {Make("reg.example:5000", fn::PathMode::Keep),
                                        Make("reg.example/a/b", fn::PathMode::Flatten),
                                        Make("[::1]:5000/m", fn::PathMode::Nest)};
  for (const fn::Relocator& r : rules) {
    std::string once;
    fn::Decision d = r.relocate(in, once);
    if (!d.changed()) continue;
    fn::ParsedRef moved = fn::ParseImageRef(once);
    if (!moved.ok) Broken("a relocated reference does not parse", in);
    if (moved.ref.suffix() != p.ref.suffix()) Broken("relocation changed the tag or digest", in);
    std::string twice;
    if (r.relocate(once, twice).changed()) Broken("a relocated reference moves again", in);
  }
  return 0;
}
