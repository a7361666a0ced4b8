#include "krm/result.h"

#include <unordered_map>

#include "krm/scalar_internal.h"

namespace krm {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "info";
}

Result Result::Of(Severity severity, std::string message) {
  Result r;
  r.severity = severity;
  r.message = std::move(message);
  return r;
}

Result& Result::about(ResourceRef ref) {
  resource = std::move(ref);
  return *this;
}

Result& Result::at(std::string path, std::optional<std::string> current, std::optional<std::string> proposed) {
  if (!path.empty()) field = FieldRef{std::move(path), std::move(current), std::move(proposed)};
  return *this;
}

Result& Result::in(std::optional<FileRef> f) {
  file = std::move(f);
  return *this;
}

bool HasError(const std::vector<Result>& results) {
  for (const auto& r : results) {
    if (r.severity == Severity::Error) return true;
  }
  return false;
}

namespace {

// Each info result with the message of an earlier one counted with that
// one (Result::alike) and dropped.
void Fold(std::vector<Result>& results) {
  std::unordered_map<std::string, size_t> first;  // message: index in out
  std::vector<Result> out;
  for (Result& r : results) {
    if (r.severity == Severity::Info) {
      auto [it, fresh] = first.try_emplace(r.message, out.size());
      if (!fresh) {
        out[it->second].alike += 1 + r.alike;
        continue;
      }
    }
    out.push_back(std::move(r));
  }
  results = std::move(out);
}

}  // namespace

void GroupInfo(std::vector<Result>& results, size_t limit) {
  size_t infos = 0;
  for (const Result& r : results) infos += r.severity == Severity::Info ? 1 + r.alike : 0;
  if (infos <= limit) return;
  Fold(results);
  for (Result& r : results) {
    if (r.severity != Severity::Info || r.alike == 0) continue;
    r.message += " (and " + std::to_string(r.alike) + " more alike: past " + std::to_string(limit) +
                 " changes, changes with one message are reported once)";
    r.alike = 0;
  }
}

Result* InfoGroups::earlier(const Result& r) {
  auto [b, e] = first_.equal_range(std::hash<std::string>()(r.message));
  for (auto it = b; it != e; ++it)
    if (results_[it->second].message == r.message) return &results_[it->second];
  return nullptr;
}

void InfoGroups::add(Result r) {
  if (r.severity == Severity::Info && ++infos_ > limit_ && !grouping_) {
    // Past the limit: the ones so far are grouped, and each one after.
    grouping_ = true;
    Fold(results_);
    for (size_t i = 0; i < results_.size(); ++i)
      if (results_[i].severity == Severity::Info) first_.emplace(std::hash<std::string>()(results_[i].message), i);
  }
  if (grouping_ && r.severity == Severity::Info) {
    if (Result* e = earlier(r)) {
      e->alike += 1 + r.alike;
      return;
    }
    first_.emplace(std::hash<std::string>()(r.message), results_.size());
  }
  results_.push_back(std::move(r));
}

namespace {

std::string Y(const std::string& s) { return RenderScalar(s, Style::Plain, false, false); }
std::string J(const std::string& s) { return DoubleQuoted(s); }

// Appends one result's entry of a YAML results list.
void RenderResultYaml(const Result& r, const std::string& eol, std::string& o) {
  o += "- message: " + Y(r.message) + eol;
  o += "  severity: " + std::string(SeverityName(r.severity)) + eol;
  if (r.resource) {
    o += "  resourceRef:" + eol;
    o += "    apiVersion: " + Y(r.resource->api_version) + eol;
    o += "    kind: " + Y(r.resource->kind) + eol;
    o += "    name: " + Y(r.resource->name) + eol;
    if (!r.resource->ns.empty()) o += "    namespace: " + Y(r.resource->ns) + eol;
  }
  if (r.field) {
    o += "  field:" + eol;
    o += "    path: " + Y(r.field->path) + eol;
    if (r.field->current) o += "    currentValue: " + Y(*r.field->current) + eol;
    if (r.field->proposed) o += "    proposedValue: " + Y(*r.field->proposed) + eol;
  }
  if (r.file) {
    o += "  file:" + eol;
    o += "    path: " + Y(r.file->path) + eol;
    o += "    index: " + std::to_string(r.file->index) + eol;
  }
}

}  // namespace

std::string RenderResultsYaml(const std::vector<Result>& results, const std::string& eol) {
  // Measured first, then written into a string of that size: a large
  // run's results are a megabyte, which doubling would hold nearly twice.
  std::string o = "results:" + eol, entry;
  size_t size = o.size();
  for (const Result& r : results) {
    entry.clear();
    RenderResultYaml(r, eol, entry);
    size += entry.size();
  }
  o.reserve(size);
  for (const Result& r : results) RenderResultYaml(r, eol, o);
  return o;
}

std::string RenderResultsJson(const std::vector<Result>& results) {
  std::string o = "[";
  bool first = true;
  for (const Result& r : results) {
    o += first ? "\n    {" : ",\n    {";
    first = false;
    o += "\"message\": " + J(r.message);
    o += ", \"severity\": \"" + std::string(SeverityName(r.severity)) + "\"";
    if (r.resource) {
      o += ", \"resourceRef\": {\"apiVersion\": " + J(r.resource->api_version) + ", \"kind\": " + J(r.resource->kind) +
           ", \"name\": " + J(r.resource->name);
      if (!r.resource->ns.empty()) o += ", \"namespace\": " + J(r.resource->ns);
      o += "}";
    }
    if (r.field) {
      o += ", \"field\": {\"path\": " + J(r.field->path);
      if (r.field->current) o += ", \"currentValue\": " + J(*r.field->current);
      if (r.field->proposed) o += ", \"proposedValue\": " + J(*r.field->proposed);
      o += "}";
    }
    if (r.file) {
      o += ", \"file\": {\"path\": " + J(r.file->path) + ", \"index\": " + std::to_string(r.file->index) + "}";
    }
    o += "}";
  }
  o += results.empty() ? "]" : "\n  ]";
  return o;
}

std::string OneLine(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::string o;
  o.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) {
      o += c;
    } else if (c == '\n') {
      o += "\\n";
    } else if (c == '\r') {
      o += "\\r";
    } else if (c == '\t') {
      o += "\\t";
    } else {
      o += "\\x";
      o += kHex[u >> 4];
      o += kHex[u & 15];
    }
  }
  return o;
}

std::string RenderResultLine(const Result& r) {
  std::string o = std::string(SeverityName(r.severity)) + ": " + r.message;
  if (r.resource || r.field) {
    o += " (";
    if (r.resource) {
      o += r.resource->kind + "/";
      if (!r.resource->ns.empty()) o += r.resource->ns + "/";
      o += r.resource->name;
    }
    if (r.field) o += (r.resource ? " " : "") + r.field->path;
    o += ")";
  }
  if (r.file) o += " in " + r.file->path;
  return OneLine(o);
}

}  // namespace krm
