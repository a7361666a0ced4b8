#include "fn/pull_secret.h"

#include <doctest/doctest.h>

using namespace fn;
using krm::Document;

TEST_CASE("AddSecret: nothing when present, append to a list, or write a new one") {
  std::string text = "refs: [{name: a}, {name: regcred}]\nnames: [a]\nempty:\n";
  Document d = Document::ParseYaml(text);
  krm::NodeId root = d.roots()[0];
  CHECK(AddSecret(d, d.get(root, "refs"), SecretList::Refs, "regcred").action == SecretAddition::Action::None);
  SecretAddition add = AddSecret(d, d.get(root, "refs"), SecretList::Refs, "other");
  CHECK(add.action == SecretAddition::Action::Append);
  CHECK(add.value.map.at(0).second.str == "other");
  add = AddSecret(d, d.get(root, "names"), SecretList::Names, "regcred");
  CHECK(add.action == SecretAddition::Action::Append);
  CHECK(add.value.str == "regcred");
  CHECK(AddSecret(d, d.get(root, "names"), SecretList::Names, "a").action == SecretAddition::Action::None);
  add = AddSecret(d, d.get(root, "empty"), SecretList::Names, "regcred");
  CHECK(add.action == SecretAddition::Action::Write);
  CHECK(add.value.list.at(0).str == "regcred");
  CHECK(AddSecret(d, krm::kNoNode, SecretList::Refs, "x").action == SecretAddition::Action::Write);
}

TEST_CASE("EnsureSecret edits only when the secret is missing") {
  std::string text = "spec:\n  imagePullSecrets:\n  - name: a\n";
  Document d = Document::ParseYaml(text);
  krm::Patch patch;
  krm::Editor ed(d, patch);
  krm::NodeId spec = d.get(d.roots()[0], "spec");
  CHECK_FALSE(EnsureSecret(ed, spec, {"imagePullSecrets"}, SecretList::Refs, "a"));
  CHECK(patch.empty());
  CHECK(EnsureSecret(ed, spec, {"imagePullSecrets"}, SecretList::Refs, "regcred"));
  CHECK(patch.apply(text) == "spec:\n  imagePullSecrets:\n  - name: a\n  - name: regcred\n");
}

TEST_CASE("AddSecretToCsv matches whole entries") {
  CHECK(AddSecretToCsv("", "regcred") == std::optional<std::string>("regcred"));
  CHECK(AddSecretToCsv("a,regcred", "regcred") == std::nullopt);
  CHECK(AddSecretToCsv("regcred2", "regcred") == std::optional<std::string>("regcred2,regcred"));
  CHECK(AddSecretToCsv("a", "regcred") == std::optional<std::string>("a,regcred"));
}
