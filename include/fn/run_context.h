// fn/run_context.h: what every rewriter shares for one run: the rules, the
// results, the number of changes, and the bookkeeping that spans items
// (two sources sent to one target).
#ifndef FN_RUN_CONTEXT_H_
#define FN_RUN_CONTEXT_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fn/names.h"
#include "fn/rules.h"
#include "fn/upstream_defaults.h"
#include "krm/resource_list.h"
#include "krm/result.h"

namespace fn {

class RunContext {
 public:
  RunContext(const krm::ResourceList& rl, const Relocator& rules, std::vector<krm::Result>& results)
      : rl_(rl), rules_(rules), results_(results), infos_(results, names::kMaxChangeResults) {}
  RunContext(const RunContext&) = delete;
  RunContext& operator=(const RunContext&) = delete;

  const Relocator& rules() const { return rules_; }
  const Config& config() const { return rules_.config(); }
  std::vector<krm::Result>& results() { return results_; }

  // Adds a result about `item` at field `path` (empty for none).
  void add(krm::Severity severity, const krm::Item& item, const std::string& path, const std::string& message,
           std::optional<std::string> current = std::nullopt, std::optional<std::string> proposed = std::nullopt);

  // Records that `source` now goes to `target` (normalized names without
  // tag); a second, different source for one target is a collision, warned
  // once per pair of sources. Copies of one image (a registry proxy and its
  // origin, names::kRegistryProxies) are not different sources.
  void noteTarget(const std::string& target, const std::string& source, const krm::Item& item, const std::string& path);

  // The cass-operator version of the input (or the config's), when known:
  // it decides what the v1beta1 ImageConfig's built-ins are.
  const std::optional<Version>& cassOperator() const { return cass_operator_; }
  void setCassOperator(std::optional<Version> v) { cass_operator_ = v; }

  // Number of values changed so far.
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
  // A large run's changes, grouped as they come; the run's caller says how
  // many were grouped with krm::GroupInfo once every result is in (Relocate does).
  krm::InfoGroups infos_;
  std::map<std::string, Seen> targets_;
  std::set<std::string> warned_;  // "target|source|source"
  size_t changes_ = 0;
  std::optional<Version> cass_operator_;
};

}  // namespace fn

#endif  // FN_RUN_CONTEXT_H_
