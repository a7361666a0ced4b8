#include "fn/pull_secret.h"

namespace fn {

SecretAddition AddSecret(const krm::Document& doc, krm::NodeId list, SecretList shape, const std::string& secret) {
  for (krm::NodeId s : doc.items(list)) {
    std::string_view name = shape == SecretList::Refs ? doc.str(s, "name") : doc.value(s);
    if (name == secret) return {};
  }
  krm::Value entry =
      shape == SecretList::Refs ? krm::Value::Map({{"name", krm::Value::String(secret)}}) : krm::Value::String(secret);
  if (doc.isSeq(list)) return {SecretAddition::Action::Append, entry};
  return {SecretAddition::Action::Write, krm::Value::List({entry})};
}

bool EnsureSecret(krm::Editor& editor, krm::NodeId parent, const std::vector<std::string>& keys, SecretList shape,
                  const std::string& secret) {
  const krm::Document& doc = editor.doc();
  krm::NodeId list = parent;
  for (const std::string& k : keys) list = doc.get(list, k);
  SecretAddition add = AddSecret(doc, list, shape, secret);
  switch (add.action) {
    case SecretAddition::Action::Append:
      return editor.append(list, add.value);
    case SecretAddition::Action::Write:
      return editor.setPath(parent, keys, add.value);
    case SecretAddition::Action::None:
      break;
  }
  return false;
}

std::optional<std::string> AddSecretToCsv(const std::string& csv, const std::string& secret) {
  size_t start = 0;
  while (start <= csv.size()) {
    size_t comma = csv.find(',', start);
    if (csv.compare(start, comma == std::string::npos ? std::string::npos : comma - start, secret) == 0)
      return std::nullopt;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return csv.empty() ? secret : csv + "," + secret;
}

}  // namespace fn
