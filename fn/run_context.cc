#include "fn/run_context.h"

namespace fn {

void RunContext::add(krm::Severity severity, const krm::Item& item, const std::string& path, const std::string& message,
                     std::optional<std::string> current, std::optional<std::string> proposed) {
  results_.push_back(krm::Result::Of(severity, message)
                         .about(item.ref())
                         .at(path, std::move(current), std::move(proposed))
                         .in(rl_.fileOf(item)));
}

void RunContext::noteTarget(const std::string& target, const std::string& source, const krm::Item& item,
                            const std::string& path) {
  std::string where = item.kind + "/" + item.name + " " + path;
  auto it = targets_.find(target);
  if (it == targets_.end()) {
    targets_[target] = {source, where};
    return;
  }
  if (it->second.source == source) return;
  add(krm::Severity::Warning, item, path,
      "flatten maps two sources to " + target + ": " + it->second.source + " (" + it->second.where + ") and " + source +
          " (" + where + ")");
}

}  // namespace fn
