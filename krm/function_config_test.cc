#include "krm/function_config.h"

#include <doctest/doctest.h>

using namespace krm;

namespace {
ConfigSchema Schema() { return {"fn.example.dev", {"v1alpha1"}, "Thing", {"registry", "rules"}}; }
}  // namespace

TEST_CASE("a flow-style ConfigMap as kpt sends it") {
  std::string t =
      "{apiVersion: v1, kind: ConfigMap, metadata: {name: function-input, annotations: "
      "{config.kubernetes.io/local-config: 'true'}}, data: {registry: r:5000, bogus: x}}";
  Document d = Document::ParseYaml(t);
  std::vector<Result> results;
  FunctionConfig fc = FunctionConfig::Read(d, d.roots()[0], Schema(), results);
  CHECK(fc.isConfigMap());
  CHECK(d.value(fc.field("registry")) == "r:5000");
  CHECK(fc.path("registry") == "data.registry");
  REQUIRE(results.size() == 1);
  CHECK(results[0].severity == Severity::Warning);
  CHECK(results[0].message == "unknown functionConfig key 'bogus' is ignored; accepted keys: registry, rules.");
  CHECK(results[0].field->path == "data.bogus");
}

TEST_CASE("the typed form reads spec") {
  std::string t = "apiVersion: fn.example.dev/v1alpha1\nkind: Thing\nmetadata: {name: m}\nspec:\n  registry: r\n";
  Document d = Document::ParseYaml(t);
  std::vector<Result> results;
  FunctionConfig fc = FunctionConfig::Read(d, d.roots()[0], Schema(), results);
  CHECK(fc.form() == FunctionConfig::Form::Typed);
  CHECK(fc.path("registry") == "spec.registry");
  CHECK(results.empty());
}

TEST_CASE("missing and unreadable configs are errors that name the accepted forms") {
  std::string t = "apiVersion: apps/v1\nkind: Deployment\n";
  Document d = Document::ParseYaml(t);
  std::vector<Result> results;
  CHECK(!FunctionConfig::Read(d, kNoNode, Schema(), results).usable());
  CHECK(!FunctionConfig::Read(d, d.roots()[0], Schema(), results).usable());
  REQUIRE(results.size() == 2);
  CHECK(results[0].severity == Severity::Error);
  CHECK(results[0].message.find("no functionConfig") == 0);
  CHECK(results[1].message.find("fn.example.dev/v1alpha1 Thing") != std::string::npos);
}

TEST_CASE("an unknown key close to an accepted one gets a 'did you mean'; a field beside spec is named") {
  std::string t =
      "apiVersion: fn.example.dev/v1alpha1\nkind: Thing\nmetadata: {name: m}\nrules: x\nspec:\n  Registy: r\n";
  Document d = Document::ParseYaml(t);
  std::vector<Result> results;
  FunctionConfig::Read(d, d.roots()[0], Schema(), results);
  REQUIRE(results.size() == 2);
  CHECK(results[0].message == "'rules' is written beside spec and is ignored: move it under spec");
  CHECK(results[0].field->path == "rules");
  CHECK(results[1].message ==
        "unknown functionConfig key 'Registy' is ignored; accepted keys: registry, rules. Did you mean registry?");
}
