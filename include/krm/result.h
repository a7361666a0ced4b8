// krm/result.h: KRM function results, in the shape of the KRM functions
// specification (config.kubernetes.io/v1).
#ifndef KRM_RESULT_H_
#define KRM_RESULT_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace krm {

enum class Severity { Error, Warning, Info };

// "error", "warning" or "info".
const char* SeverityName(Severity s);

struct ResourceRef {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string ns;  // may be empty
};

struct FieldRef {
  std::string path;  // e.g. spec.template.spec.containers[0].image
  std::optional<std::string> current;
  std::optional<std::string> proposed;
};

struct FileRef {
  std::string path;
  long index = 0;
};

// One result. Build it one way (as the kpt function SDK's Results.Errorf
// and Warningf do): Result::Error("message").about(ref).at("spec.x").
struct Result {
  Severity severity = Severity::Info;
  std::string message;
  std::optional<ResourceRef> resource;
  std::optional<FieldRef> field;
  std::optional<FileRef> file;
  // How many more info results with this message were counted with this
  // one (InfoGroups) instead of kept; GroupInfo says so in the message.
  size_t alike = 0;

  static Result Of(Severity severity, std::string message);
  static Result Error(std::string message) { return Of(Severity::Error, std::move(message)); }
  static Result Warning(std::string message) { return Of(Severity::Warning, std::move(message)); }
  static Result Info(std::string message) { return Of(Severity::Info, std::move(message)); }
  // The resource it is about.
  Result& about(ResourceRef ref);
  // The field it is about, with its current and proposed values; an empty
  // path sets no field.
  Result& at(std::string path, std::optional<std::string> current = std::nullopt,
             std::optional<std::string> proposed = std::nullopt);
  // The file the resource came from, when known.
  Result& in(std::optional<FileRef> file);
};

// True when any result is an error.
bool HasError(const std::vector<Result>& results);

// Keeps a large run's results readable: when there are more than `limit`
// info results, the info results with one message are reported once, at
// the first one's place (its resource and field), the message saying how
// many more there were. Warnings and errors are never grouped.
void GroupInfo(std::vector<Result>& results, size_t limit);

// Adds results to `results` for a run that may make very many: once more
// than `limit` info results have been added, an info result whose message
// an earlier one has is counted with that one (Result::alike) instead of
// kept. GroupInfo at the end then gives what it gives for all of them.
class InfoGroups {
 public:
  InfoGroups(std::vector<Result>& results, size_t limit) : results_(results), limit_(limit) {}
  void add(Result r);

 private:
  // The earlier info result with `r`'s message, or nullptr.
  Result* earlier(const Result& r);
  std::vector<Result>& results_;
  size_t limit_;
  size_t infos_ = 0;
  bool grouping_ = false;
  std::unordered_multimap<size_t, size_t> first_;  // hash of a message: where its first info result is
};

// `results:` and its list, in block YAML, each line ending with `eol`.
std::string RenderResultsYaml(const std::vector<Result>& results, const std::string& eol);
// The JSON array of results.
std::string RenderResultsJson(const std::vector<Result>& results);
// `text` on one line: a line break, tab or other control character is
// written as an escape (\n, \r, \t, \xNN), so that a value from the input
// cannot split a message that tools read line by line.
std::string OneLine(std::string_view text);

// One line per result, for stderr: "warning: message (Kind/ns/name field)",
// then " in FILE" when the result names a file.
std::string RenderResultLine(const Result& r);

}  // namespace krm

#endif  // KRM_RESULT_H_
