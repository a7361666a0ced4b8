#include "fn/fingerprint.h"

#include <doctest/doctest.h>

using fn::Fingerprint;

TEST_CASE("Fingerprint is stable") {
  CHECK(Fingerprint("") == "cbf29ce484222325");
  CHECK(Fingerprint("a") == Fingerprint("a"));
  CHECK(Fingerprint("a") != Fingerprint("b"));
}
