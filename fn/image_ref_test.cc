#include "fn/image_ref.h"

#include <doctest/doctest.h>

#include <string>

using namespace fn;

namespace {
const std::string F64(64, 'f');
struct Valid {
  std::string in, registry, path, tag, digest;
};
using Invalid = std::pair<std::string, std::string>;  // input, part of the error

void CheckParses(const Valid& c) {
  CAPTURE(c.in);
  ParsedRef p = ParseImageRef(c.in);
  REQUIRE_MESSAGE(p.ok, p.error);
  CHECK(p.ref.registry == c.registry);
  CHECK(p.ref.path == c.path);
  CHECK(p.ref.tag == c.tag);
  CHECK(p.ref.digest == c.digest);
}

void CheckRefused(const Invalid& c) {
  CAPTURE(c.first);
  ParsedRef p = ParseImageRef(c.first);
  CHECK(!p.ok);
  CHECK_MESSAGE(p.error.find(c.second) != std::string::npos, p.error);
}
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
  for (const Valid& c : cases) CheckParses(c);
}

TEST_CASE("implicit parts are remembered") {
  ParsedRef p = ParseImageRef("busybox:1.36");
  CHECK(p.ref.implicit_registry);
  CHECK(p.ref.implicit_library);
  CHECK(p.ref.suffix() == ":1.36");
  ParsedRef q = ParseImageRef("docker.io/k8ssandra/medusa:0.29.1");
  CHECK(!q.ref.implicit_registry);
  CHECK(!q.ref.implicit_library);
  CHECK(q.ref.written_registry == "docker.io");
}

TEST_CASE("invalid references get a reason, not a guess") {
  const Invalid cases[] = {
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
      {"@sha256:" + F64, "invalid reference format"},
      {"a//b", "invalid reference format"},
      {"a/b/", "invalid reference format"},
      {"a:tag/b", "invalid reference format"},
  };
  for (const Invalid& c : cases) CheckRefused(c);
}

TEST_CASE("domain grammar") {
  for (const char* d : {"localhost", "localhost:5000", "a.b", "a-b.c", "1.2.3.4:80", "[::1]", "[::1]:5000", "A.B"})
    CHECK_MESSAGE(IsRegistryHost(d), d);
  for (const char* d : {"", "-a.b", "a-.b", "a..b", "a.b:", "a.b:x", "[::1", "[g::1]", "a_b.c"})
    CHECK_MESSAGE(!IsRegistryHost(d), d);
  CHECK(CanonicalRegistry("index.docker.io") == "docker.io");
  CHECK(CanonicalRegistry("registry-1.docker.io") == "docker.io");
}

TEST_CASE("one Docker Hub rule: every alias gets library/ for a one-component path") {
  for (const char* in : {"busybox", "docker.io/busybox", "index.docker.io/busybox", "registry-1.docker.io/busybox"}) {
    ParsedRef p = ParseImageRef(in);
    REQUIRE_MESSAGE(p.ok, in);
    CHECK_MESSAGE(p.ref.name() == "docker.io/library/busybox", in);
    CHECK(p.ref.implicit_library);
    CHECK(p.ref.writtenPath() == "busybox");
  }
  CHECK(NormalizedPath("ghcr.io", "busybox") == "busybox");
  CHECK(LastComponent("k8ssandra/cass-operator") == "cass-operator");
  CHECK(LastComponent("busybox") == "busybox");
}

// distribution/reference's own tables (reference_test.go TestReferenceParse,
// TestDomainAndPath, TestSerialization; regexp_test.go TestFullNameRegexp,
// TestReferenceRegexp, TestIdentifierRegexp), restated as data under the
// normalized semantics (ParseNormalizedNamed): where raw Parse would take a
// first segment without '.', ':' or upper case as a domain, the normalized
// reading puts the image on docker.io instead, and an input without '/' is a
// Docker Hub name even when it looks like a host.
TEST_CASE("distribution/reference's test tables, normalized") {
  const std::string A127 = [] {
    std::string s;
    for (int i = 0; i < 127; ++i) s += "a/";
    return s;
  }();
  const std::string BE = "sha256:be178c0543eb17f5f3043021c9e5fcf30285e557a4fc309cce97ff9ca6182912";
  const std::string F128(128, 'f');
  const Valid valid[] = {
      {"192.168.1.1", "docker.io", "library/192.168.1.1", "", ""},
      {"192.168.1.1:tag", "docker.io", "library/192.168.1.1", "tag", ""},
      {"192.168.1.1:5000", "docker.io", "library/192.168.1.1", "5000", ""},
      {"192.168.1.1/repo", "192.168.1.1", "repo", "", ""},
      {"192.168.1.1:5000/repo", "192.168.1.1:5000", "repo", "", ""},
      {"[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo", "", ""},
      {"[2001:db8::1]:5000/repo:tag@sha256:" + F64, "[2001:db8::1]:5000", "repo", "tag", "sha256:" + F64},
      {"[2001:db8::1]:5000/repo@sha256:" + F64, "[2001:db8::1]:5000", "repo", "", "sha256:" + F64},
      {"sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "bar/baz/quux", "", ""},
      {"b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com",
       ""},
      {"xn--7o8h.com/myimage:xn--7o8h.com@sha512:" + F128, "xn--7o8h.com", "myimage", "xn--7o8h.com", "sha512:" + F128},
      {A127 + "a:tag-puts-this-over-max", "docker.io", A127 + "a", "tag-puts-this-over-max", ""},
      {"test:8080/foo", "test:8080", "foo", "", ""},
      {"test.com:8080/foo", "test.com:8080", "foo", "", ""},
      {"test-com:8080/foo", "test-com:8080", "foo", "", ""},
      {"xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo", "", ""},
      {"example.com:8000/named:tagged", "example.com:8000", "named", "tagged", ""},
      {"other.com/named@sha256:1234567890098765432112345667890098765432112345667890098765432112", "other.com", "named",
       "", "sha256:1234567890098765432112345667890098765432112345667890098765432112"},
      {"short", "docker.io", "library/short", "", ""},
      {"simple/name", "docker.io", "simple/name", "", ""},
      {"docker/stevvooe/app", "docker.io", "docker/stevvooe/app", "", ""},
      {"aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb", "docker.io", "aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb", "",
       ""},
      {"a/aa/a", "docker.io", "a/aa/a", "", ""},
      {"foo.com", "docker.io", "library/foo.com", "", ""},
      {"foo.com:8080/bar", "foo.com:8080", "bar", "", ""},
      {"localhost:8080/bar", "localhost:8080", "bar", "", ""},
      {"blog.foo.com/bar/baz", "blog.foo.com", "bar/baz", "", ""},
      {"aa-a/a", "docker.io", "aa-a/a", "", ""},
      {"foo_bar", "docker.io", "library/foo_bar", "", ""},
      {"foo_bar.com", "docker.io", "library/foo_bar.com", "", ""},
      {"foo.com/foo_bar", "foo.com", "foo_bar", "", ""},
      {"xn--7o8h.com/myimage", "xn--7o8h.com", "myimage", "", ""},
      {"example.com/xn--7o8h.com/myimage", "example.com", "xn--7o8h.com/myimage", "", ""},
      {"example.com/some_separator__underscore/myimage", "example.com", "some_separator__underscore/myimage", "", ""},
      {"do__cker/docker", "docker.io", "do__cker/docker", "", ""},
      {"registry.io/foo/project--id.module--name.ver---sion--name", "registry.io",
       "foo/project--id.module--name.ver---sion--name", "", ""},
      {"Asdf.com/foo/bar", "Asdf.com", "foo/bar", "", ""},
      {"registry.com:8080/myapp:tag", "registry.com:8080", "myapp", "tag", ""},
      {"registry.com:8080/myapp@" + BE, "registry.com:8080", "myapp", "", BE},
      {"registry.com:8080/myapp:tag2@" + BE, "registry.com:8080", "myapp", "tag2", BE},
      {"localhost:8080@" + BE, "docker.io", "library/localhost", "8080", BE},
      {"localhost:8080/name@" + BE, "localhost:8080", "name", "", BE},
      {"localhost@" + BE, "docker.io", "library/localhost", "", BE},
      {"da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf", "docker.io",
       "library/da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf", "", ""},
      {"sha256:da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821", "docker.io", "library/sha256",
       "da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821", ""},
  };
  for (const Valid& c : valid) CheckParses(c);
  const Invalid invalid[] = {
      {":justtag", "invalid reference format"},
      {"repo@sha256:" + std::string(34, 'f'), "invalid checksum digest length"},
      {A127 + "a/a:tag", "must not be more than 255 characters"},
      {"[2001:db8::1]", "invalid reference format"},
      {"[2001:db8::1]:5000", "invalid reference format"},
      {"[2001:db8::1]:tag", "invalid reference format"},
      {"[fe80::1%eth0]:5000/repo", "invalid reference format"},
      {"[fe80::1%@invalidzone]:5000/repo", "invalid reference format"},
      {"a/a/a/a/", "invalid reference format"},
      {"a//a/a", "invalid reference format"},
      {"foo.com/", "invalid reference format"},
      {"foo.com:http/bar", "invalid reference format"},
      {"a^a", "invalid reference format"},
      {"asdf$$^/aa", "invalid reference format"},
      {"a-/a/a/a", "invalid reference format"},
      {"foo.com/a-/a/a", "invalid reference format"},
      {"-foo/bar", "invalid reference format"},
      {"foo/bar-", "invalid reference format"},
      {"foo-/bar", "invalid reference format"},
      {"foo/-bar", "invalid reference format"},
      {"_foo/bar", "invalid reference format"},
      {"foo_bar.com:8080/app", "invalid reference format"},
      {"_docker/_docker", "invalid reference format"},
      {"docker_/docker_", "invalid reference format"},
      {"example.com/__underscore/myimage", "invalid reference format"},
      {"example.com/..dots/myimage", "invalid reference format"},
      {"example.com/.dots/myimage", "invalid reference format"},
      {"example.com/nodouble..dots/myimage", "invalid reference format"},
      {"docker./docker", "invalid reference format"},
      {".docker/docker", "invalid reference format"},
      {"do..cker/docker", "invalid reference format"},
      {"do__cker:8080/docker", "invalid reference format"},
      {"Foo/FarB", "must be lowercase"},
      {"registry.com:8080/myapp@sha256:badbadbadbad", "invalid reference format"},
      {"registry.com:8080/myapp:invalid~tag", "invalid reference format"},
      {"bad_hostname.com:8080/myapp:tag", "invalid reference format"},
      {"localhost:http/name@" + BE, "invalid reference format"},
      {"registry.com:8080/myapp@bad", "invalid reference format"},
      {"registry.com:8080/myapp@2bad", "invalid reference format"},
      {"da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821",
       "cannot specify 64-byte hexadecimal strings"},
      {"7EC43B381E5AEFE6E04EFB0B3F0693FF2A4A50652D64AEC573905F2DB5889A1C", "must be lowercase"},
  };
  for (const Invalid& c : invalid) CheckRefused(c);
  // regexp_test.go TestDomainRegexp: the host grammar (the port's digit
  // count and the IPv6 text are checked no further, as upstream).
  for (const char* d :
       {"test.com", "test.com:10304", "localhost", "localhost:8080", "a", "a.b", "ab.cd.com", "a-b.com", "ab.c-om",
        "0101.com", "001a.com", "b.gbc.io:443", "b.gbc.io", "xn--n3h.com", "Asdf.com", "192.168.1.1:75050",
        "[fd00:1:2::3]:75050", "[fd00123123123]:75050", "[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:75050"})
    CHECK_MESSAGE(IsRegistryHost(d), d);
  for (const char* d : {"test.com:http", "-ab.com", "ab-.com", "ab.-com", "ab.com-", "[fd00:1:2::3]75050",
                        "[fd00:1:2::3]::75050", "[fd00:1:2::3%eth0]:75050", "fd00:1:2::3:75050"})
    CHECK_MESSAGE(!IsRegistryHost(d), d);
}
