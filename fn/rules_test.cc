#include "fn/rules.h"

#include <doctest/doctest.h>

using namespace fn;

namespace {
Config Make(const char* registry, std::vector<std::pair<const char*, const char*>> rules = {},
            PathMode mode = PathMode::Keep) {
  Config c;
  if (registry) {
    Target t;
    REQUIRE(ParseTarget(registry, t).empty());
    c.registry = t;
  }
  for (auto& [from, to] : rules) {
    Rule r;
    REQUIRE(ParseFrom(from, r).empty());
    REQUIRE(ParseTarget(to, r.to).empty());
    c.rules.push_back(r);
  }
  c.mode = mode;
  return c;
}
std::vector<Exclusion> Excluding(std::vector<std::string> patterns) {
  std::vector<Exclusion> out;
  for (const std::string& p : patterns) {
    Exclusion e;
    REQUIRE(ParseExclusion(p, e).empty());
    out.push_back(e);
  }
  return out;
}
std::string Run(const Config& c, const char* image) {
  Relocator rel(c);
  std::string out = image;
  rel.relocate(image, out);
  return out;
}
}  // namespace

TEST_CASE("keep appends the source path; Docker Hub gets library/") {
  Config c = Make("REG.example:5000");
  CHECK(Run(c, "busybox") == "REG.example:5000/library/busybox");
  CHECK(Run(c, "k8ssandra/medusa:0.29.1") == "REG.example:5000/k8ssandra/medusa:0.29.1");
  CHECK(Run(c, "index.docker.io/k8ssandra/medusa:0.29.1") == "REG.example:5000/k8ssandra/medusa:0.29.1");
  CHECK(Run(c, "localhost:5000/x:1") == "REG.example:5000/x:1");
}

TEST_CASE("a from with a path appends only the unmatched rest") {
  Config c = Make(nullptr, {{"cr.k8ssandra.io/k8ssandra", "reg.example/k8s"}});
  CHECK(Run(c, "cr.k8ssandra.io/k8ssandra/system-logger:v1") == "reg.example/k8s/system-logger:v1");
  CHECK(Run(c, "cr.k8ssandra.io/k8ssandrax/x:1") == "cr.k8ssandra.io/k8ssandrax/x:1");
  CHECK(Run(c, "docker.io/k8ssandra/x:1") == "docker.io/k8ssandra/x:1");
}

TEST_CASE("the longest from wins, and registry catches the rest") {
  Config c = Make("reg.example/all", {{"docker.io", "reg.example/hub"}, {"docker.io/k8ssandra", "reg.example/k8s"}});
  CHECK(Run(c, "k8ssandra/medusa:1") == "reg.example/k8s/medusa:1");
  CHECK(Run(c, "busybox:1") == "reg.example/hub/library/busybox:1");
  CHECK(Run(c, "registry-1.docker.io/x/y:1") == "reg.example/hub/x/y:1");
  CHECK(Run(c, "ghcr.io/a/b:1") == "reg.example/all/a/b:1");
}

TEST_CASE("flatten and nest") {
  CHECK(Run(Make("reg.example", {}, PathMode::Flatten), "docker.io/k8ssandra/medusa:0.29.1") ==
        "reg.example/medusa:0.29.1");
  CHECK(Run(Make("reg.example/m", {}, PathMode::Flatten), "busybox") == "reg.example/m/busybox");
  CHECK(Run(Make("reg.example", {}, PathMode::Nest), "k8ssandra/medusa:0.29.1") ==
        "reg.example/docker.io/k8ssandra/medusa:0.29.1");
}

TEST_CASE("tag and digest text is kept exactly, never :latest added") {
  std::string d = "@sha256:" + std::string(64, 'e');
  CHECK(Run(Make("r.example"), ("busybox:1.36" + d).c_str()) == "r.example/library/busybox:1.36" + d);
  CHECK(Run(Make("r.example"), ("busybox" + d).c_str()) == "r.example/library/busybox" + d);
  CHECK(Run(Make("r.example"), "busybox") == "r.example/library/busybox");
}

TEST_CASE("unchanged outcomes say why") {
  Config c = Make("r.example");
  c.exclude = Excluding({"docker.io/library/busybox", "ghcr.io/*"});
  Relocator rel(c);
  std::string out;
  CHECK(rel.relocate("busybox:1", out).outcome == Outcome::Excluded);
  CHECK(rel.relocate("ghcr.io/a/b", out).outcome == Outcome::Excluded);
  CHECK(rel.relocate("r.example/library/x", out).outcome == Outcome::OnTarget);
  Decision bad = rel.relocate("Bad/Name", out);
  CHECK(bad.outcome == Outcome::Invalid);
  CHECK(bad.reason.find("lowercase") != std::string::npos);
  Relocator rules_only(Make(nullptr, {{"ghcr.io", "r.example"}}));
  CHECK(rules_only.relocate("busybox", out).outcome == Outcome::NoRule);
}

TEST_CASE("structured images: registry, repository, name") {
  Relocator rel(Make("reg.example:5000/mirror"));
  ImageName out;
  CHECK(rel.relocate(ImageName{"", "k8ssandra", "medusa", "", ""}, out).changed());
  CHECK(out.registry == "reg.example:5000");
  CHECK(out.repository == "mirror/k8ssandra");
  CHECK(out.name == "medusa");
  Relocator flat(Make("reg.example", {}, PathMode::Flatten));
  CHECK(flat.relocate(ImageName{"cr.dtsx.io", "datastax", "dse", "", ""}, out).changed());
  CHECK(out.repository == "");
  CHECK(out.name == "dse");
  CHECK(!rel.relocate(ImageName{"reg.example:5000", "mirror/k8ssandra", "medusa", "", ""}, out).changed());
}

// Property tests: every valid conformance input x every mode x targets.
TEST_CASE("properties: parses, keeps tag/digest, idempotent, excluded untouched") {
  const std::string F64(64, 'f');
  const std::string inputs[] = {"foo",
                                "docker.io/foo",
                                "docker.io/library/foo/bar",
                                "docker/migrator",
                                "test_com/foo",
                                "test.com/foo",
                                "index.docker.io/fooo/bar",
                                "library/ubuntu",
                                "other/library",
                                "localhost/fooo/bar",
                                "127.0.0.1:8000/private/moonbase",
                                "dmcgowan/myapp:latest",
                                "dbcc1",
                                "busybox:latest@sha256:" + F64,
                                "test:5000/repo:tag@sha256:" + F64,
                                "192.168.1.1:5000/repo:5050",
                                "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
                                "localhost:5000/foo:tag",
                                "lowercase:Uppercase",
                                "[::1]:5000/repo:tag",
                                "registry-1.docker.io/x/y"};
  const char* targets[] = {"reg.example", "reg.example:5000", "reg.example:5000/a/b", "10.0.0.1:5000/p"};
  for (PathMode mode : {PathMode::Keep, PathMode::Flatten, PathMode::Nest}) {
    for (const char* t : targets) {
      Config c = Make(t, {{"docker.io/library", "mirror.example/lib"}}, mode);
      Relocator rel(c);
      for (const std::string& in : inputs) {
        CAPTURE(in);
        CAPTURE(t);
        std::string once;
        Decision d = rel.relocate(in, once);
        REQUIRE(d.changed());
        ParsedRef p = ParseImageRef(once);
        REQUIRE_MESSAGE(p.ok, p.error);
        ParsedRef src = ParseImageRef(in);
        CHECK(p.ref.suffix() == src.ref.suffix());
        std::string twice = once;
        CHECK(!rel.relocate(once, twice).changed());
        CHECK(twice == once);
        // component-wise: the last component of the path survives every mode
        std::string last = src.ref.path.substr(src.ref.path.rfind('/') + 1);
        CHECK(p.ref.path.size() >= last.size());
        CHECK(p.ref.path.compare(p.ref.path.size() - last.size(), last.size(), last) == 0);
        Config ex = c;
        ex.exclude = Excluding({src.ref.name()});
        std::string untouched = in;
        CHECK(Relocator(ex).relocate(in, untouched).outcome == Outcome::Excluded);
        CHECK(untouched == in);
      }
    }
  }
}

TEST_CASE("a relocation that would break the path length limit is refused, with the reason") {
  std::string path;
  for (int i = 0; i < 127; ++i) path += "a/";
  path += "a";  // 255 characters: valid on its own
  REQUIRE(ParseImageRef(path + ":tag").ok);
  Config c = Make("reg.example:5000/mirror", {}, PathMode::Keep);
  std::string out = "unchanged";
  Decision d = Relocator(c).relocate(path + ":tag", out);
  CHECK(d.outcome == Outcome::Invalid);
  CHECK(out == "unchanged");
  CHECK(d.reason == "under reg.example:5000/mirror its path would be 262 characters, over the limit of 255");
  CHECK_FALSE(d.source.path.empty());  // the source itself was fine
  // flatten keeps only the last component, which fits
  CHECK(Relocator(Make("reg.example:5000/mirror", {}, PathMode::Flatten)).relocate(path + ":tag", out).changed());
  CHECK(out == "reg.example:5000/mirror/a:tag");
}

TEST_CASE("decidePrefix: where every image under a registry prefix goes") {
  Relocator keep(Make("reg.example/mirror", {{"cr.k8ssandra.io/k8ssandra", "reg.example/k8s"}}));
  CHECK(keep.decidePrefix("docker.io", "k8ssandra").destination() == "reg.example/mirror/k8ssandra");
  CHECK(keep.decidePrefix("docker.io", "").destination() == "reg.example/mirror");
  CHECK(keep.decidePrefix("cr.k8ssandra.io", "k8ssandra").destination() == "reg.example/k8s");
  CHECK(keep.decidePrefix("reg.example", "mirror").outcome == Outcome::OnTarget);
  Relocator flat(Make("reg.example/m", {}, PathMode::Flatten));
  CHECK(flat.decidePrefix("docker.io", "k8ssandra").destination() == "reg.example/m");
  Relocator nest(Make("reg.example", {}, PathMode::Nest));
  CHECK(nest.decidePrefix("ghcr.io", "a").destination() == "reg.example/ghcr.io/a");
  Config ex = Make("reg.example");
  ex.exclude = Excluding({"docker.io/k8ssandra/medusa"});
  CHECK(Relocator(ex).decidePrefix("docker.io", "k8ssandra").changed());  // only one name is excluded
  ex.exclude = Excluding({"docker.io/k8ssandra/*"});
  CHECK(Relocator(ex).decidePrefix("docker.io", "k8ssandra").outcome == Outcome::Excluded);
}

TEST_CASE("relocateRegistry: a registry-valued field moves with its images") {
  Relocator rel(Make("reg.example:5000"));
  CHECK(rel.relocateRegistry("docker.io") == std::optional<std::string>("reg.example:5000"));
  CHECK(rel.relocateRegistry("cr.k8ssandra.io/k8ssandra/") == std::optional<std::string>("reg.example:5000/k8ssandra"));
  CHECK(rel.relocateRegistry("reg.example:5000") == std::nullopt);
  CHECK(rel.relocateRegistry("") == std::nullopt);
  CHECK(rel.relocateRegistry("${PULL_REGISTRY}") == std::nullopt);
}

TEST_CASE("exclusions are read once: names normalized, tags refused") {
  Exclusion e;
  CHECK(ParseExclusion("busybox", e).empty());
  CHECK(e.pattern == "docker.io/library/busybox");
  CHECK(ParseExclusion("ghcr.io/*", e).empty());
  CHECK(e.pattern == "ghcr.io/*");
  CHECK(ParseExclusion("busybox:1.36", e) ==
        "'busybox:1.36' has a tag or digest, but exclusions match names (every tag): write docker.io/library/busybox");
  CHECK(ParseExclusion("Bad Name", e).rfind("'Bad Name' is neither an image name nor a pattern", 0) == 0);
}
