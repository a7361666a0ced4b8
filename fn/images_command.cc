// `k8ssandra-images images`: the inventory of every image the cluster will
// pull, before and after the config's relocation, in the format a mirroring
// tool reads.
#include <iostream>
#include <memory>

#include "fn/audit.h"
#include "fn/cli_internal.h"
#include "fn/config.h"
#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/resource_list.h"

namespace fn {
namespace {

struct ImagesArgs {
  PlainArgs plain;
  InventoryFormat format = InventoryFormat::Table;
  bool verbose = false;
  std::string versions;  // --operator-versions
  std::string explain;   // --explain COMPONENT|all
};

std::string ParseImagesArgs(const std::vector<std::string>& args, ImagesArgs& ia) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string value;
    auto take = [&](const std::string& flag) {
      if (a.rfind(flag + "=", 0) == 0) {
        value = a.substr(flag.size() + 1);
        return true;
      }
      if (a != flag) return false;
      value = i + 1 < args.size() ? args[++i] : "";
      return true;
    };
    if (take("--config")) {
      ia.plain.config_path = value;
      if (value.empty()) return "--config needs a file";
    } else if (take("--format")) {
      std::optional<InventoryFormat> f = ParseInventoryFormat(value);
      if (!f) return "--format must be table, tsv, json, skopeo or crane";
      ia.format = *f;
    } else if (take("--explain")) {
      ia.explain = value;
      if (value.empty()) return "--explain needs a component (cassandra, reaper, stargate, ...) or all";
    } else if (take("--operator-versions")) {
      ia.versions = value;
    } else if (a == "--verbose" || a == "-v") {
      ia.verbose = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return "unknown option " + a;
    } else {
      ia.plain.files.push_back(a);
    }
  }
  return "";
}

// --operator-versions, read as the config field's string form is read.
bool ReadVersions(const std::string& text, OperatorVersions& out, std::ostream& err) {
  std::string why = ParseOperatorVersions(text, out);
  if (!why.empty()) err << names::kProgram << ": --operator-versions: " << why << "\n";
  return why.empty();
}

// The input as a ResourceList: a ResourceList given whole, or a stream.
std::unique_ptr<krm::ResourceList> ReadList(std::string stream, std::string config) {
  std::string copy = stream;
  std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::ParseStream(std::move(stream), std::move(config));
  if (rl->items().size() == 1 && rl->items()[0].kind == "ResourceList") return krm::ResourceList::Parse(copy);
  return rl;
}

void PrintResults(const std::vector<krm::Result>& results, std::ostream& err) {
  for (const krm::Result& r : results) {
    if (r.severity != krm::Severity::Info) err << krm::RenderResultLine(r) << "\n";
  }
}

}  // namespace

int RunImages(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string program = names::kProgram;
  ImagesArgs ia;
  std::string why = ParseImagesArgs(args, ia);
  if (!why.empty()) {
    err << program << ": images: " << why << "\nRun '" << program << " --help' for usage.\n";
    return 2;
  }
  std::string config;
  if (!ia.plain.config_path.empty() && !ReadFile(ia.plain.config_path, config)) {
    err << program << ": cannot read config " << ia.plain.config_path << "\n";
    return 1;
  }
  OperatorVersions versions;
  if (!ReadVersions(ia.versions, versions, err)) return 2;
  std::string stream;
  krm::StreamOptions options;
  if (!ReadPlainInput(ia.plain, in, err, stream, options)) return 1;
  std::unique_ptr<krm::ResourceList> rl;
  try {
    rl = ReadList(std::move(stream), std::move(config));
  } catch (const krm::InputError& e) {
    err << krm::FormatInputError(program, e) << "\n";
    return 1;
  }
  std::vector<krm::Result> results;
  std::vector<InventoryEntry> entries;
  if (rl->functionConfig() != krm::kNoNode) {
    krm::Patch patch;
    if (!RelocateWithVersions(*rl, patch, results, versions, &entries)) {
      PrintResults(results, err);
      return 1;
    }
  } else {
    entries = AuditInventory(*rl, nullptr, versions);
    Findings findings(nullptr, results);
    findings.add(entries);
    findings.finish(results);
  }
  PrintResults(results, err);
  if (!ia.explain.empty()) {
    size_t shown = 0;
    for (const InventoryEntry& e : entries) {
      if (ia.explain != "all" && e.target.component != ia.explain) continue;
      out << (shown++ ? "\n" : "") << ExplainSite(e.target);
    }
    if (!shown) {
      err << program << ": images: no pull site of component " << ia.explain << "\n";
      return 1;
    }
  } else {
    out << RenderInventory(entries, ia.format, ia.verbose);
  }
  size_t unknown = 0;
  for (const auto& e : entries) unknown += e.target.unknown.empty() && e.source.unknown.empty() ? 0u : 1u;
  if (unknown) err << program << ": the inventory is incomplete: " << unknown << " image(s) cannot be known\n";
  return krm::HasError(results) || unknown ? 1 : 0;
}

}  // namespace fn
