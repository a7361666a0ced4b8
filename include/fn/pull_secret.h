// fn/pull_secret.h: adding the configured pull secret to a list of them,
// unless it is there, in each shape the manifests use.
#ifndef FN_PULL_SECRET_H_
#define FN_PULL_SECRET_H_

#include <optional>
#include <string>
#include <vector>

#include "krm/document.h"
#include "krm/editor.h"
#include "krm/value.h"

namespace fn {

// How a list names its secrets.
enum class SecretList {
  Refs,   // [{name: regcred}]: imagePullSecrets of a pod spec
  Names,  // [regcred]: ImageConfig v1beta2 pullSecrets
};

// What adding a secret to a list takes.
struct SecretAddition {
  enum class Action { None, Append, Write };
  Action action = Action::None;  // None: the secret is there already
  krm::Value value;              // Append: the item; Write: the whole new list
};

// The addition of `secret` to the list `list` of `doc` (kNoNode or a null
// when there is none yet): Append to an existing sequence, or Write a new
// list in place of a missing or non-list value.
SecretAddition AddSecret(const krm::Document& doc, krm::NodeId list, SecretList shape, const std::string& secret);

// Adds `secret` to the list at `keys` below the map `parent`, unless it is
// there: appended to an existing sequence, or written as a new list (maps
// missing on the way are created). Returns true when it edited.
bool EnsureSecret(krm::Editor& editor, krm::NodeId parent, const std::vector<std::string>& keys, SecretList shape,
                  const std::string& secret);

// A comma-separated list of secrets (k8ssandra-operator's IMAGE_PULL_SECRETS)
// with `secret` added, or nothing when it is there.
std::optional<std::string> AddSecretToCsv(const std::string& csv, const std::string& secret);

}  // namespace fn

#endif  // FN_PULL_SECRET_H_
