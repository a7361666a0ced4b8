// krm/function_config.h: the functionConfig in either accepted form: a
// v1/ConfigMap whose data holds strings (what kpt sends for `-- k=v` and
// Kptfile `configMap:`), or the function's own kind with fields under spec.
#ifndef KRM_FUNCTION_CONFIG_H_
#define KRM_FUNCTION_CONFIG_H_

#include <string>
#include <string_view>
#include <vector>

#include "krm/document.h"
#include "krm/result.h"

namespace krm {

// What a function accepts.
struct ConfigSchema {
  std::string group;                  // API group of the function's own kind
  std::vector<std::string> versions;  // accepted versions of that group
  std::string kind;                   // the function's own kind
  std::vector<std::string> keys;      // accepted field names
};

class FunctionConfig {
 public:
  enum class Form { Missing, ConfigMap, Typed, Invalid };

  // Reads `node` of `doc`. A missing or unreadable config adds an error
  // result saying which forms are accepted; each unknown key adds a warning
  // naming it and the accepted keys. Annotations are never read.
  static FunctionConfig Read(const Document& doc, NodeId node, const ConfigSchema& schema,
                             std::vector<Result>& results);
  // The document is borrowed: a temporary would dangle.
  static FunctionConfig Read(Document&&, NodeId, const ConfigSchema&, std::vector<Result>&) = delete;

  Form form() const { return form_; }
  bool usable() const { return form_ == Form::ConfigMap || form_ == Form::Typed; }
  bool isConfigMap() const { return form_ == Form::ConfigMap; }
  const Document& doc() const { return *doc_; }

  // The value node of a field (a data value or a spec field), or kNoNode.
  NodeId field(std::string_view key) const;
  // Where a field lives, for result paths: "data.key" or "spec.key".
  std::string path(std::string_view key) const;
  // A reference to the config object for results.
  ResourceRef ref() const { return ref_; }

 private:
  const Document* doc_ = nullptr;
  NodeId fields_ = kNoNode;
  Form form_ = Form::Missing;
  ResourceRef ref_;
};

}  // namespace krm

#endif  // KRM_FUNCTION_CONFIG_H_
