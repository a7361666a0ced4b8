#include "fn/image_override.h"

#include <doctest/doctest.h>

#include "fn/config.h"
#include "fn/rules.h"

using namespace fn;

namespace {

const std::string kD1 = "sha256:" + std::string(64, '1');
const std::string kD2 = "sha256:" + std::string(64, '2');

ImageOverride Entry(const std::string& text) {
  ImageOverride o;
  REQUIRE_MESSAGE(ParseImageOverrideEntry(text, o).empty(), text);
  return o;
}

std::string Apply(const std::string& image, const std::string& entry) {
  ParsedRef p = ParseImageRef(image);
  REQUIRE(p.ok);
  ImageRef r = ApplyOverride(p.ref, Entry(entry));
  return r.normalized();
}

// A config with `images` and an optional registry.
Config With(std::vector<std::string> entries, const char* registry = nullptr) {
  Config c;
  if (registry) {
    Target t;
    REQUIRE(ParseTarget(registry, t).empty());
    c.registry = t;
  }
  for (const auto& e : entries) c.images.push_back(Entry(e));
  return c;
}

std::string Run(const Relocator& rel, const std::string& image) {
  std::string out = image;
  rel.relocate(image, out);
  return out;
}

}  // namespace

TEST_CASE("ParseImageOverrideEntry: NAME=NEWNAME:TAG@DIGEST, each part optional") {
  ImageOverride o = Entry("k8ssandra/medusa=corp/medusa:0.30.1");
  CHECK(o.pattern == "docker.io/k8ssandra/medusa");
  CHECK(o.new_name == "corp/medusa");
  CHECK(o.new_tag == "0.30.1");
  CHECK(o.digest.empty());
  CHECK(!o.final());

  o = Entry("busybox=:1.36.1");
  CHECK(o.pattern == "docker.io/library/busybox");
  CHECK(o.new_name.empty());
  CHECK(o.new_tag == "1.36.1");

  o = Entry("busybox=@" + kD1);
  CHECK(o.new_tag.empty());
  CHECK(o.digest == kD1);

  // A port is not a tag; a host makes the new name final.
  o = Entry("busybox=registry.corp.example:5000/corp/busybox");
  CHECK(o.new_name == "registry.corp.example:5000/corp/busybox");
  CHECK(o.new_tag.empty());
  CHECK(o.final());

  o = Entry("busybox=registry.corp.example:5000/corp/busybox:1.36@" + kD2);
  CHECK(o.new_tag == "1.36");
  CHECK(o.digest == kD2);
  CHECK(o.text() == "busybox=registry.corp.example:5000/corp/busybox:1.36@" + kD2);
}

TEST_CASE("ParseImageOverride: what is wrong, verbatim") {
  ImageOverride o;
  CHECK(ParseImageOverride("", "", "1", "", o) == "an entry needs a name (the image it changes)");
  CHECK(ParseImageOverride("busybox", "", "", "", o) == "'busybox' needs one of newName, newTag or digest");
  CHECK(ParseImageOverride("busybox:1.35", "", "1.36", "", o) ==
        "name 'busybox:1.35' has a tag or digest, but entries match names (every tag): write "
        "docker.io/library/busybox, and set newTag or digest");
  CHECK(ParseImageOverride("busybox", "corp/busybox:1", "", "", o) ==
        "newName 'corp/busybox:1' has a tag or digest: put them in newTag and digest");
  CHECK(ParseImageOverride("busybox", "", "-x", "", o).rfind("newTag '-x' is not a tag", 0) == 0);
  CHECK(ParseImageOverride("busybox", "", "", "sha256:1234", o).rfind("digest 'sha256:1234' is not a digest", 0) == 0);
  CHECK(ParseImageOverrideEntry("busybox", o).rfind("entries are written NAME=NEWNAME:TAG@DIGEST", 0) == 0);
  CHECK(ParseImageOverrideEntry("busybox=:", o) == "'busybox=:' has an empty tag after ':'");
  CHECK(ParseImageOverrideEntry("busybox=x@", o) == "'busybox=x@' has an empty digest after '@'");
}

TEST_CASE("Matches: names normalized, globs normalized like names") {
  CHECK(Matches(Entry("nginx=:1"), "docker.io/library/nginx"));
  CHECK(Matches(Entry("docker.io/library/nginx=:1"), "docker.io/library/nginx"));
  CHECK(Matches(Entry("index.docker.io/nginx=:1"), "docker.io/library/nginx"));
  CHECK(!Matches(Entry("nginx=:1"), "quay.io/library/nginx"));
  CHECK(Entry("datastax/*=:1").pattern == "docker.io/datastax/*");
  CHECK(Matches(Entry("datastax/*=:1"), "docker.io/datastax/dse-mgmtapi-6_8"));
  CHECK(Entry("ghcr.io/*=:1").pattern == "ghcr.io/*");
  CHECK(Entry("*/medusa=:1").pattern == "*/medusa");
}

TEST_CASE("ApplyOverride: kustomize's combinations") {
  // newName keeps the tag and digest as written.
  CHECK(Apply("nginx@" + kD1, "nginx=busybox") == "docker.io/library/busybox@" + kD1);
  CHECK(Apply("nginx:1.2.1@" + kD1, "nginx=apache") == "docker.io/library/apache:1.2.1@" + kD1);
  // newTag alone drops a digest.
  CHECK(Apply("nginx@" + kD1, "nginx=:v2") == "docker.io/library/nginx:v2");
  CHECK(Apply("nginx:1.2.1@" + kD1, "nginx=apache:1.3.0") == "docker.io/library/apache:1.3.0");
  // A digest alone replaces the tag.
  CHECK(Apply("nginx:1.7.9", "nginx=@" + kD2) == "docker.io/library/nginx@" + kD2);
  // Both give tag@digest.
  CHECK(Apply("nginx", "nginx=busybox:v3@" + kD2) == "docker.io/library/busybox:v3@" + kD2);
  bool dropped = false;
  ApplyOverride(ParseImageRef("nginx@" + kD1).ref, Entry("nginx=:v2"), &dropped);
  CHECK(dropped);
  ApplyOverride(ParseImageRef("nginx:1").ref, Entry("nginx=:v2"), &dropped);
  CHECK(!dropped);
}

TEST_CASE("Relocator: an images entry applies first, then the rules") {
  Relocator rel(
      With({"nginx=busybox:v3", "k8ssandra/medusa=quay.io/corp/medusa", "alpine=:3.20"}, "reg.example:5000/mirror"));
  // Renamed, then relocated like any other image.
  CHECK(Run(rel, "nginx:1.7.9") == "reg.example:5000/mirror/library/busybox:v3");
  // A newName with a host is final.
  CHECK(Run(rel, "k8ssandra/medusa:0.29.1") == "quay.io/corp/medusa:0.29.1");
  CHECK(Run(rel, "alpine:3.19") == "reg.example:5000/mirror/library/alpine:3.20");
  // A second run changes nothing.
  CHECK(Run(rel, "reg.example:5000/mirror/library/busybox:v3") == "reg.example:5000/mirror/library/busybox:v3");
  CHECK(Run(rel, "quay.io/corp/medusa:0.29.1") == "quay.io/corp/medusa:0.29.1");
  // A tag-only entry follows its image onto the mirror (a changed tag in a
  // re-rendered package applies there) ...
  CHECK(Run(rel, "reg.example:5000/mirror/library/alpine:3.19") == "reg.example:5000/mirror/library/alpine:3.20");
  // ... a renaming one does not touch another image that has its new name.
  CHECK(Run(rel, "reg.example:5000/mirror/library/busybox:1.0") == "reg.example:5000/mirror/library/busybox:1.0");
  CHECK(rel.onTarget(ParseImageRef("quay.io/corp/medusa:1").ref));
}

TEST_CASE("Relocator: images alone keep the name as written") {
  Relocator rel(With({"nginx=:v2", "foobar=@" + kD2}));
  CHECK(Run(rel, "nginx:1.7.9") == "nginx:v2");
  CHECK(Run(rel, "docker.io/library/nginx") == "docker.io/library/nginx:v2");
  CHECK(Run(rel, "foobar:1") == "foobar@" + kD2);
  CHECK(Run(rel, "postgres:1.8.0") == "postgres:1.8.0");
  Decision d = rel.decide(ParseImageRef("nginx:1.7.9").ref);
  CHECK(d.changed());
  CHECK(d.describe("nginx:1.7.9", "nginx:v2") == "changed nginx:1.7.9 to nginx:v2 (images entry nginx=:v2)");
}

TEST_CASE("Relocator: how much of an entry a field takes") {
  Relocator rel(With({"k8ssandra/cass-management-api=corp/mgmt:4.1.8@" + kD1}, "reg.example"));
  ParsedRef p = ParseImageRef("k8ssandra/cass-management-api");
  // A repository field takes the name only.
  CHECK(rel.decide(p.ref, Custom::NameOnly).reference() == "reg.example/corp/mgmt");
  CHECK(rel.decide(p.ref, Custom::Skip).reference() == "reg.example/k8ssandra/cass-management-api");
  // A structured image without a digest field is not given the entry.
  ImageName out;
  Decision d = rel.relocate(ImageName{"", "k8ssandra", "cass-management-api", "4.0.1", ""}, out);
  CHECK(!d.skipped.empty());
  CHECK(out.ToString() == "reg.example/k8ssandra/cass-management-api:4.0.1");
  d = rel.relocate(ImageName{"", "k8ssandra", "cass-management-api", "4.0.1", ""}, out, true);
  CHECK(d.skipped.empty());
  CHECK(out.ToString() == "reg.example/corp/mgmt:4.1.8@" + kD1);
}

TEST_CASE("Relocator: which entries met an image") {
  Relocator rel(With({"nginx=:v2", "typo/thing=:1", "busybox=corp/busybox"}, "reg.example"));
  Run(rel, "nginx:1");
  Run(rel, "reg.example/corp/busybox:1");  // at the renaming entry's destination: met, unchanged
  CHECK(rel.customUsed() == std::vector<bool>{true, false, true});
}
