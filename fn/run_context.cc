#include "fn/run_context.h"

#include "fn/names.h"

namespace fn {

void RunContext::add(krm::Severity severity, const krm::Item& item, const std::string& path, const std::string& message,
                     std::optional<std::string> current, std::optional<std::string> proposed) {
  infos_.add(krm::Result::Of(severity, message)
                 .about(item.ref())
                 .at(path, std::move(current), std::move(proposed))
                 .in(rl_.fileOf(item)));
}

namespace {

// The name with a registry proxy replaced by the registry it mirrors.
std::string Origin(const std::string& name) {
  for (const auto& [proxy, origin] : names::kRegistryProxies) {
    std::string p = std::string(proxy) + "/";
    if (name.compare(0, p.size(), p) == 0) return std::string(origin) + "/" + name.substr(p.size());
  }
  return name;
}

const char* ModeName(PathMode mode) {
  switch (mode) {
    case PathMode::Flatten:
      return "flatten";
    case PathMode::Nest:
      return "nest";
    case PathMode::Keep:
      break;
  }
  return "keep";
}

}  // namespace

void RunContext::noteTarget(const std::string& target, const std::string& source, const krm::Item& item,
                            const std::string& path) {
  std::string where = item.kind + "/" + (item.ns.empty() ? "" : item.ns + "/") + item.name + " " + path;
  auto it = targets_.find(target);
  if (it == targets_.end()) {
    targets_[target] = {source, where};
    return;
  }
  if (Origin(it->second.source) == Origin(source)) return;
  if (!warned_.insert(target + "|" + it->second.source + "|" + source).second) return;
  add(krm::Severity::Warning, item, path,
      std::string(ModeName(config().mode)) + " maps two sources to " + target + ": " + it->second.source + " (" +
          it->second.where + ") and " + source + " (" + where +
          "); one of them would overwrite the other on the mirror");
}

}  // namespace fn
