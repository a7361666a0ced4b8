#include "fn/item_context.h"

#include "fn/names.h"

namespace fn {

std::string ItemContext::at(const std::string& path) const {
  if (base_.empty()) return path;
  return path.empty() ? base_ : base_ + names::kEmbeddedSeparator + path;
}

void ItemContext::report(krm::Severity severity, const std::string& path, const std::string& message,
                         std::optional<std::string> current, std::optional<std::string> proposed) const {
  run_.add(severity, item_, at(path), message, std::move(current), std::move(proposed));
}

void ItemContext::changed(const std::string& path, const std::string& message, std::optional<std::string> current,
                          std::optional<std::string> proposed) const {
  run_.countChange();
  report(krm::Severity::Info, path, message, std::move(current), std::move(proposed));
}

void ItemContext::noteTarget(const std::string& target, const std::string& source, const std::string& path) const {
  run_.noteTarget(target, source, item_, at(path));
}

}  // namespace fn
