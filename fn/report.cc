#include "fn/report.h"

namespace fn {

std::string Field(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}

std::string Indexed(const std::string& base, size_t i) { return base + "[" + std::to_string(i) + "]"; }

void Reporter::add(krm::Severity severity, const krm::Item& item, const std::string& path,
                   const std::string& message, std::optional<std::string> current,
                   std::optional<std::string> proposed) {
  krm::Result r;
  r.severity = severity;
  r.message = message;
  r.resource = item.ref();
  if (!path.empty()) r.field = krm::FieldRef{path, std::move(current), std::move(proposed)};
  r.file = rl_.fileOf(item);
  results_.push_back(std::move(r));
}

void Reporter::noteTarget(const std::string& target, const std::string& source, const krm::Item& item,
                          const std::string& path) {
  std::string where = item.kind + "/" + item.name + " " + path;
  auto it = targets_.find(target);
  if (it == targets_.end()) {
    targets_[target] = {source, where};
    return;
  }
  if (it->second.source == source) return;
  add(krm::Severity::Warning, item, path,
      "flatten maps two sources to " + target + ": " + it->second.source + " (" + it->second.where + ") and " +
          source + " (" + where + ")");
}

Decision RelocateString(Reporter& rep, const krm::Item& item, const krm::Document& doc, krm::Editor& ed,
                        krm::NodeId node, const std::string& path) {
  Decision d;
  if (!doc.isScalar(node)) return d;
  std::string current(doc.value(node));
  if (current.empty()) return d;
  std::string next;
  d = rep.rules().relocate(current, next);
  if (d.outcome == Outcome::Invalid) {
    rep.add(krm::Severity::Warning, item, path,
            d.source.path.empty() ? "not relocated: '" + current + "' is not an image reference (" + d.reason + ")"
                                  : "not relocated: " + current + ": " + d.reason,
            current);
    return d;
  }
  if (!d.changed()) return d;
  if (!ed.setScalar(node, next)) {
    rep.add(krm::Severity::Warning, item, path,
            "not relocated: the value spans several lines or its extent is unclear; write it on one line", current,
            next);
    d.outcome = Outcome::Invalid;
    return d;
  }
  rep.countChange();
  rep.add(krm::Severity::Info, item, path, "relocated " + current + " to " + next, current, next);
  if (rep.config().mode == PathMode::Flatten) rep.noteTarget(d.domain + "/" + d.path, d.source.name(), item, path);
  return d;
}

}  // namespace fn
