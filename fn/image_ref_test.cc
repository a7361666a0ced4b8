#include "fn/image_ref.h"

#include <doctest/doctest.h>

#include <string>

using namespace fn;

namespace {
const std::string F64(64, 'f');
struct Valid {
  std::string in, domain, path, tag, digest;
};
}  // namespace

// Cases N1-N19 of the reference document, plus cases restated from
// distribution/reference's reference_test.go, normalize_test.go and regexp_test.go.
TEST_CASE("valid references normalize like distribution/reference") {
  const Valid cases[] = {
      {"foo", "docker.io", "library/foo", "", ""},
      {"docker.io/foo", "docker.io", "library/foo", "", ""},
      {"docker.io/library/foo/bar", "docker.io", "library/foo/bar", "", ""},
      {"docker/migrator", "docker.io", "docker/migrator", "", ""},
      {"test_com/foo", "docker.io", "test_com/foo", "", ""},
      {"test.com/foo", "test.com", "foo", "", ""},
      {"index.docker.io/fooo/bar", "docker.io", "fooo/bar", "", ""},
      {"library/ubuntu", "docker.io", "library/ubuntu", "", ""},
      {"other/library", "docker.io", "other/library", "", ""},
      {"localhost/fooo/bar", "localhost", "fooo/bar", "", ""},
      {"127.0.0.1:8000/private/moonbase", "127.0.0.1:8000", "private/moonbase", "", ""},
      {"dmcgowan/myapp:latest", "docker.io", "dmcgowan/myapp", "latest", ""},
      {"dbcc1", "docker.io", "library/dbcc1", "", ""},
      {"busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa", "docker.io",
       "library/busybox", "latest", "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa"},
      {"test:5000/repo:tag@sha256:" + F64, "test:5000", "repo", "tag", "sha256:" + F64},
      {"192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050", ""},
      {"sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag", ""},
      {"localhost:5000/foo:tag", "localhost:5000", "foo", "tag", ""},
      {"lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", ""},
      // reference_test.go TestReferenceParse
      {"test_com", "docker.io", "library/test_com", "", ""},
      {"test.com:tag", "docker.io", "library/test.com", "tag", ""},
      {"test.com:5000", "docker.io", "library/test.com", "5000", ""},
      {"test.com/repo:tag", "test.com", "repo", "tag", ""},
      {"test:5000/repo", "test:5000", "repo", "", ""},
      {"test:5000/repo:tag", "test:5000", "repo", "tag", ""},
      {"test:5000/repo@sha256:" + F64, "test:5000", "repo", "", "sha256:" + F64},
      {"foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", ""},
      {"foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080", ""},
      {"[2001:db8::1]/repo", "[2001:db8::1]", "repo", "", ""},
      {"[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag", ""},
      {"[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "repo", "", ""},
      {"[::1]:5000/repo:tag", "[::1]:5000", "repo", "tag", ""},
      {"xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", ""},
      {"Docker.io/repo", "Docker.io", "repo", "", ""},
      {"a.b-c.d/x__y/z--w/q.r:t", "a.b-c.d", "x__y/z--w/q.r", "t", ""},
      {"k8ssandra/cass-management-api:4.0.1", "docker.io", "k8ssandra/cass-management-api", "4.0.1", ""},
      {"cr.k8ssandra.io/k8ssandra/system-logger:v1.26.0", "cr.k8ssandra.io", "k8ssandra/system-logger", "v1.26.0", ""},
  };
  for (const Valid& c : cases) {
    CAPTURE(c.in);
    ParsedRef p = ParseImageRef(c.in);
    REQUIRE_MESSAGE(p.ok, p.error);
    CHECK(p.ref.domain == c.domain);
    CHECK(p.ref.path == c.path);
    CHECK(p.ref.tag == c.tag);
    CHECK(p.ref.digest == c.digest);
  }
}

TEST_CASE("implicit parts are remembered") {
  ParsedRef p = ParseImageRef("busybox:1.36");
  CHECK(p.ref.implicit_domain);
  CHECK(p.ref.implicit_library);
  CHECK(p.ref.suffix() == ":1.36");
  ParsedRef q = ParseImageRef("docker.io/k8ssandra/medusa:0.29.1");
  CHECK(!q.ref.implicit_domain);
  CHECK(!q.ref.implicit_library);
  CHECK(q.ref.written_domain == "docker.io");
}

TEST_CASE("invalid references get a reason, not a guess") {
  const std::pair<std::string, std::string> cases[] = {
      {"", "repository name must have at least one component"},
      {"Uppercase:tag", "must be lowercase"},
      {"docker/Docker", "must be lowercase"},
      {"test:5000/Uppercase/lowercase:tag", "must be lowercase"},
      {"domain/" + std::string(256, 'a') + ":tag", "must not be more than 255 characters"},
      {"-docker", "invalid reference format"},
      {"docker-/docker", "invalid reference format"},
      {"____/____", "invalid reference format"},
      {"dock..er/docker", "invalid reference format"},
      {"dock_.er/docker", "invalid reference format"},
      {"docker///docker", "invalid reference format"},
      {"docker/", "invalid reference format"},
      {"aa/asdf$$^/aa", "invalid reference format"},
      {F64, "cannot specify 64-byte hexadecimal strings"},
      {"validname@invaliddigest:" + F64, "unsupported digest algorithm"},
      {"validname@sha256:" + std::string(63, 'f'), "invalid checksum digest length"},
      {"validname@sha256:" + std::string(64, 'F'), "invalid checksum digest format"},
      {"repo@sha256:ffff", "invalid digest format"},
      {"repo:" + std::string(129, 'a'), "invalid tag"},
      {"repo:-tag", "invalid tag"},
      {"[fe80::1%eth0]/repo", "invalid reference format"},
      {"[2001:db8::1]:/repo", "invalid reference format"},
      {"@sha256:" + F64, "at least one component"},
      {"a//b", "invalid reference format"},
      {"a/b/", "invalid reference format"},
      {"a:tag/b", "invalid reference format"},
  };
  for (auto& c : cases) {
    CAPTURE(c.first);
    ParsedRef p = ParseImageRef(c.first);
    CHECK(!p.ok);
    CHECK_MESSAGE(p.error.find(c.second) != std::string::npos, p.error);
  }
}

TEST_CASE("domain grammar") {
  for (const char* d : {"localhost", "localhost:5000", "a.b", "a-b.c", "1.2.3.4:80", "[::1]", "[::1]:5000", "A.B"})
    CHECK_MESSAGE(IsDomain(d), d);
  for (const char* d : {"", "-a.b", "a-.b", "a..b", "a.b:", "a.b:x", "[::1", "[g::1]", "a_b.c"})
    CHECK_MESSAGE(!IsDomain(d), d);
  CHECK(CanonicalDomain("index.docker.io") == "docker.io");
  CHECK(CanonicalDomain("registry-1.docker.io") == "docker.io");
}
