// fn/report.h: what every rewriter shares for one run: the rules, the
// results, and the bookkeeping that spans items (flatten collisions).
#ifndef FN_REPORT_H_
#define FN_REPORT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fn/rules.h"
#include "krm/document.h"
#include "krm/editor.h"
#include "krm/resource_list.h"
#include "krm/result.h"

namespace fn {

class Reporter {
 public:
  Reporter(const krm::ResourceList& rl, const Relocator& rules, std::vector<krm::Result>& results)
      : rl_(rl), rules_(rules), results_(results) {}

  const Relocator& rules() const { return rules_; }
  const Config& config() const { return rules_.config(); }

  // Adds a result about `item` at field `path` (empty for none).
  void add(krm::Severity severity, const krm::Item& item, const std::string& path, const std::string& message,
           std::optional<std::string> current = std::nullopt, std::optional<std::string> proposed = std::nullopt);

  // Records that `source` now goes to `target` (normalized names without
  // tag); a second, different source for one target is a flatten collision.
  void noteTarget(const std::string& target, const std::string& source, const krm::Item& item,
                  const std::string& path);

  // Number of values relocated so far.
  size_t changes() const { return changes_; }
  void countChange() { ++changes_; }

 private:
  struct Seen {
    std::string source;
    std::string where;
  };
  const krm::ResourceList& rl_;
  const Relocator& rules_;
  std::vector<krm::Result>& results_;
  std::map<std::string, Seen> targets_;
  size_t changes_ = 0;
};

// Relocates the string image at `node` of `doc` (a scalar; anything else is
// ignored), editing through `ed`. Reports an info result for a change and
// a warning for an invalid reference. Returns the decision.
Decision RelocateString(Reporter& rep, const krm::Item& item, const krm::Document& doc, krm::Editor& ed,
                        krm::NodeId node, const std::string& path);

// Joins a field path: Field("spec", "containers[0]") == "spec.containers[0]".
std::string Field(const std::string& base, const std::string& key);
// "containers[3]".
std::string Indexed(const std::string& base, size_t i);

}  // namespace fn

#endif  // FN_REPORT_H_
