// tests/rewrite_util.h: runs one rewriter over one resource for the unit
// tests of fn's rewriters: a stream, a config, the patched text and results.
#ifndef TESTS_REWRITE_UTIL_H_
#define TESTS_REWRITE_UTIL_H_

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fn/config.h"
#include "fn/item_context.h"
#include "krm/function_config.h"
#include "krm/resource_list.h"

namespace fn {

struct Rewritten {
  std::string text;                  // the stream after the rewrite
  std::vector<krm::Result> results;  // what it reported
  // The messages, one per result, "severity: path: message".
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const krm::Result& r : results)
      out.push_back(std::string(krm::SeverityName(r.severity)) + ": " + (r.field ? r.field->path : "") + ": " +
                    r.message);
    return out;
  }
};

// Runs `rewrite` on the first resource of `stream` with the ConfigMap data
// `config` ("{registry: reg.example}").
inline Rewritten RunRewrite(const std::string& stream, const std::string& config,
                            const std::function<void(const ItemContext&)>& rewrite) {
  std::string cfg = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: " + config + "\n";
  std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::ParseStream(stream, cfg);
  Rewritten out;
  krm::FunctionConfig fc = krm::FunctionConfig::Read(rl->configDoc(), rl->functionConfig(), Schema(), out.results);
  std::optional<Config> c = ReadConfig(fc, out.results);
  REQUIRE(c);
  Relocator rules(*c);
  RunContext run(*rl, rules, out.results);
  krm::Patch patch;
  krm::Editor ed(rl->doc(), patch, rl->source().eol());
  ItemContext ctx(run, rl->items().at(0), ed);
  rewrite(ctx);
  REQUIRE_FALSE(patch.conflicts());
  out.text = patch.apply(rl->source().text());
  return out;
}

}  // namespace fn

#endif  // TESTS_REWRITE_UTIL_H_
