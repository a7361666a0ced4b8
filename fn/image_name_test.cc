#include "fn/image_name.h"

#include <doctest/doctest.h>

using namespace fn;

TEST_CASE("ImageName prints registry/repository/name:tag, leaving out empty parts") {
  CHECK(ImageName{"reg.example", "k8ssandra", "medusa", "0.29.1", ""}.ToString() ==
        "reg.example/k8ssandra/medusa:0.29.1");
  CHECK(ImageName{"", "k8ssandra", "medusa", "", ""}.ToString() == "k8ssandra/medusa");
  CHECK(ImageName{"reg.example", "", "medusa", "1", ""}.ToString() == "reg.example/medusa:1");
  CHECK(ImageName{"reg.example", "", "medusa", "1", ""}.withoutTag() == "reg.example/medusa");
}

TEST_CASE("FromRef keeps what was written: no added library/, no implicit registry") {
  ParsedRef p = ParseImageRef("busybox:1.36");
  REQUIRE(p.ok);
  ImageName n = FromRef(p.ref);
  CHECK(n.registry == "");
  CHECK(n.repository == "");
  CHECK(n.name == "busybox");
  CHECK(n.tag == "1.36");
  p = ParseImageRef("cr.k8ssandra.io/k8ssandra/system-logger:v1.28.1");
  REQUIRE(p.ok);
  n = FromRef(p.ref);
  CHECK(n.registry == "cr.k8ssandra.io");
  CHECK(n.repository == "k8ssandra");
  CHECK(n.name == "system-logger");
}

TEST_CASE("ToRef normalizes as a reference would, and says why it cannot") {
  ParsedRef r = ToRef(ImageName{"", "", "busybox", "1", ""});
  REQUIRE(r.ok);
  CHECK(r.ref.name() == "docker.io/library/busybox");
  CHECK(r.ref.implicit_library);
  r = ToRef(ImageName{"index.docker.io/", "k8ssandra", "medusa", "", ""});
  REQUIRE(r.ok);
  CHECK(r.ref.name() == "docker.io/k8ssandra/medusa");
  r = ToRef(ImageName{"not a host", "k", "m", "", ""});
  CHECK_FALSE(r.ok);
  CHECK(r.error == "registry 'not a host' is not a registry host");
  r = ToRef(ImageName{"", "K8ssandra", "m", "", ""});
  CHECK_FALSE(r.ok);
  CHECK(r.error == "repository/name 'K8ssandra/m' is not a repository path");
}

TEST_CASE("SplitPath cuts at the last slash") {
  std::string repo, name;
  SplitPath("a/b/c", repo, name);
  CHECK(repo == "a/b");
  CHECK(name == "c");
  SplitPath("c", repo, name);
  CHECK(repo == "");
  CHECK(name == "c");
}
