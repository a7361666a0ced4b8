#include "fn/cli.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <vector>

#include "fn/cli_internal.h"
#include "fn/items_to_read.h"
#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/document.h"
#include "krm/package.h"
#include "krm/run.h"

#ifndef K8SI_VERSION
#define K8SI_VERSION "0.0.0-dev"
#endif

namespace fn {

std::string VersionText() { return std::string(names::kProgram) + " " + K8SI_VERSION; }

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out = krm::ReadAll(f);
  return true;
}

namespace {

int Usage(std::ostream& err, const std::string& why) {
  err << names::kProgram << ": " << why << "\nRun '" << names::kProgram << " --help' for usage.\n";
  return 2;
}

// Returns "" or the usage error.
std::string ParsePlainArgs(const std::vector<std::string>& args, PlainArgs& pa) {
  if (args.size() == 1 && !args[0].empty() && args[0][0] != '-') {
    pa.config_path = args[0];
    pa.plugin = true;
    return "";
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag, std::string& into) -> std::string {
      std::string eq = std::string(flag) + "=";
      if (a.rfind(eq, 0) == 0) {
        into = a.substr(eq.size());
      } else if (i + 1 < args.size()) {
        into = args[++i];
      } else {
        return std::string(flag) + " needs a file";
      }
      return into.empty() ? std::string(flag) + " needs a file" : "";
    };
    std::string why;
    if (a == "--config" || a.rfind("--config=", 0) == 0) {
      why = value("--config", pa.config_path);
    } else if (a == "--results" || a.rfind("--results=", 0) == 0) {
      why = value("--results", pa.results_path);
    } else if (a == "--quiet" || a == "-q") {
      pa.quiet = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      why = "unknown option " + a;
    } else {
      pa.files.push_back(a);
    }
    if (!why.empty()) return why;
  }
  if (pa.config_path.empty()) return "plain files need --config CFG";
  return "";
}

}  // namespace

bool ReadPlainInput(const PlainArgs& pa, std::istream& in, std::ostream& err, std::string& stream,
                    krm::StreamOptions& options) {
  const std::string program = names::kProgram;
  if (pa.files.empty() || (pa.files.size() == 1 && pa.files[0] == "-")) {
    stream = krm::ReadAll(in);
    return true;
  }
  std::vector<std::string> paths;
  try {
    for (const std::string& arg : pa.files) {
      std::vector<std::string> more = krm::PackageFiles(arg);
      paths.insert(paths.end(), more.begin(), more.end());
    }
    krm::PackageStream ps = krm::ReadPackage(paths, pa.config_path);
    if (ps.files.empty()) {
      std::string named;
      for (const std::string& arg : pa.files) named += (named.empty() ? "" : ", ") + arg;
      err << program << ": no resources in " << named << ": refusing to write an empty stream\n";
      return false;
    }
    stream = std::move(ps.text);
    options.files = std::move(ps.files);
  } catch (const krm::InputError& e) {
    err << krm::FormatInputError(program, e) << "\n";
    return false;
  }
  return true;
}

namespace {

// The legacy plugin's one argument is its config. When that file holds a
// resource instead, the user most likely meant `--config CFG FILE`: say so.
void HintForgottenConfig(const PlainArgs& pa, const std::string& config, std::ostream& err) {
  if (!pa.plugin) return;
  std::string kind;
  try {
    krm::Document d = krm::Document::ParseYaml(config);
    if (!d.roots().empty()) kind = std::string(d.str(d.roots()[0], "kind"));
  } catch (const krm::ParseError&) {
    return;
  }
  if (kind.empty() || kind == names::kConfigMap || kind == names::kKind) return;
  err << names::kProgram << ": " << pa.config_path << " holds a " << kind
      << ", not a config: a lone file argument is the config of kustomize's legacy exec plugin (the resources "
         "come on stdin); to relocate the file, run "
      << names::kProgram << " --config CFG " << pa.config_path << "\n";
}

// Plain files, stdin, or the legacy plugin: the config comes from a file.
int RunPlain(const PlainArgs& pa, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string program = names::kProgram;
  std::string config;
  if (!ReadFile(pa.config_path, config)) {
    err << program << ": cannot read config " << pa.config_path << "\n";
    return 1;
  }
  HintForgottenConfig(pa, config, err);
  krm::StreamOptions options;
  options.quiet = pa.quiet;
  options.summary = !pa.plugin;
  options.select = ItemsToRead();
  std::ofstream results;
  if (!pa.results_path.empty()) {
    results.open(pa.results_path, std::ios::binary | std::ios::trunc);
    if (!results) {
      err << program << ": cannot write results to " << pa.results_path << "\n";
      return 1;
    }
    options.results = &results;
  }
  std::string stream;
  if (!ReadPlainInput(pa, in, err, stream, options)) return 1;
  return krm::RunStream(std::move(stream), std::move(config), out, err, program, Relocate, options);
}

}  // namespace

int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (const char* mode = std::getenv(names::kReadModeEnv); mode && std::string(mode) == "full")
    krm::SetReadMode(krm::ReadMode::Full);
  if (args.empty()) return krm::RunResourceList(krm::ReadAll(in), out, err, names::kProgram, Relocate, ItemsToRead());
  if (args[0] == "--help" || args[0] == "-h" || (args.size() == 1 && args[0] == "help")) {
    out << HelpText();
    return 0;
  }
  if (args[0] == "images") return RunImages(std::vector<std::string>(args.begin() + 1, args.end()), in, out, err);
  if (args[0] == "--version") {
    out << VersionText() << "\n";
    return 0;
  }
  PlainArgs pa;
  std::string why = ParsePlainArgs(args, pa);
  if (!why.empty()) return Usage(err, why);
  return RunPlain(pa, in, out, err);
}

}  // namespace fn
