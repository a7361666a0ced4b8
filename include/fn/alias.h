// fn/alias.h: a YAML alias (*name) where an image is expected. krm's index
// keeps an alias as a node of its own; these read the anchor (&name) it
// refers to from the text: the last definition before the alias, on the
// same line as its value.
#ifndef FN_ALIAS_H_
#define FN_ALIAS_H_

#include <optional>
#include <string>

#include "krm/document.h"

namespace fn {

struct Anchor {
  std::string key;    // the key the anchor sits on ("image", "name"), or ""
  std::string value;  // its plain or quoted one-line scalar value, or "" for anything else
};

// The anchor `alias` refers to, or nothing when it is not found.
std::optional<Anchor> FindAnchor(const krm::Document& doc, krm::NodeId alias);

}  // namespace fn

#endif  // FN_ALIAS_H_
