#include "fn/glob.h"

#include <doctest/doctest.h>

using fn::GlobMatch;

TEST_CASE("'*' matches any run, '/' included; '?' one character; the rest itself") {
  CHECK(GlobMatch("*", ""));
  CHECK(GlobMatch("*", "docker.io/library/busybox"));
  CHECK(GlobMatch("ghcr.io/*", "ghcr.io/a/b"));
  CHECK_FALSE(GlobMatch("ghcr.io/*", "docker.io/ghcr.io/a"));
  CHECK(GlobMatch("docker.io/*/busybox", "docker.io/library/busybox"));
  CHECK(GlobMatch("docker.io/library/busybo?", "docker.io/library/busybox"));
  CHECK_FALSE(GlobMatch("docker.io/library/busybo?", "docker.io/library/busybo"));
  CHECK(GlobMatch("a*b*c", "aXXbYYc"));
  CHECK_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  CHECK(GlobMatch("exact", "exact"));
  CHECK_FALSE(GlobMatch("exact", "exactly"));
  CHECK(GlobMatch("**", "x"));
}
