#include "fn/cli.h"

#include <fstream>
#include <iostream>
#include <vector>

#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/package.h"
#include "krm/run.h"

#ifndef K8SI_VERSION
#define K8SI_VERSION "0.0.0-dev"
#endif

namespace fn {

const std::string& HelpText() {
  static const std::string kHelp = R"(k8ssandra-images: relocate every K8ssandra image to your own registry.

A KRM function. It reads a ResourceList on stdin and writes it back on stdout
with every image relocated: the cass-operator ImageConfig embedded in its
ConfigMap (v1beta1 and v1beta2), K8ssandraCluster, CassandraDatacenter, Reaper
and Stargate images (strings and structured), and every workload's pod images.
Only the edited values change; comments, quoting and layout stay byte for byte.

Usage:
  k8ssandra-images < resource-list.yaml          ResourceList mode (kpt, kustomize)
  k8ssandra-images --config CFG [--results FILE] [--quiet] [FILE|DIR...]
                                                 plain YAML files (or stdin) -> stdout;
                                                 also a Helm post-renderer
  k8ssandra-images CFG < stream.yaml             kustomize legacy exec plugin
  k8ssandra-images --help | help | --version

Plain files: a DIR is read as kpt reads a package: *.yaml and *.yml files,
recursively, each directory's entries in name order; hidden files and
directories, what a .krmignore matches, Kptfile and kustomization.yaml/.yml/
Kustomization are skipped. Objects annotated config.kubernetes.io/local-config:
"true" and the config file itself are not written. A document without
apiVersion or kind is an error (FILE:LINE:COL). No resources at all is an error
(exit 1), never an empty stream. Results go to stderr, then a summary line;
--quiet drops the info lines, --results FILE also writes them as YAML.

  kpt fn eval DIR --exec k8ssandra-images -- registry=registry.corp.example:5000

functionConfig: a v1 ConfigMap (data holds strings) or
  apiVersion: fn.k8ssandra-images.dev/v1alpha1
  kind: RegistryRewrite
  spec: (the same fields)

  registry      target for every image no rule matches: host[:port][/path]
                (optional when rules are given)
  rules         source prefix -> target; the longest matching `from` wins.
                typed: [{from: docker.io, to: reg.example:5000/hub}, ...]
                ConfigMap: "docker.io=reg.example:5000/hub,cr.k8ssandra.io=reg.example:5000/k8s"
  path          keep (default): target + source path (busybox -> REG/library/busybox)
                flatten: target + last path component (REG/medusa:0.29.1)
                nest: target + source registry + path (REG/docker.io/k8ssandra/medusa:0.29.1)
  exclude       glob patterns on the normalized name without tag/digest
                (docker.io/library/busybox, ghcr.io/*); list or comma-separated
  pullSecret    a Secret name: added to imagePullSecrets, pullSecretRef, the
                ImageConfig's pull secrets and IMAGE_PULL_SECRETS
  pullPolicy    Always | IfNotPresent | Never: set where an image was relocated
  targets       which families to touch: imageConfig, k8ssandra, workloads
                (default: all); list or comma-separated
  imageConfig   rewrite (default): relocate each ImageConfig entry;
                override: set only the format's own switch (v1beta1
                imageRegistry, v1beta2 overrides.registry/.repository); needs
                one target for every image
  strict        true: every warning (an image left off the mirror, a config
                key not understood) becomes an error, so the run fails (exit 1)
  additionalImageFields
                string image fields of other kinds, kustomize fieldSpec style:
                typed: [{group, version, kind, path: spec/list[]/image}]
                ConfigMap: "example.com/v1/Foo:spec/image,Bar:spec/x/image"

Results: one info result per change, warnings for what could not be relocated
safely, errors for a bad config. Paths inside the embedded ImageConfig are the
ConfigMap field, '|', then the path in the document:
  data.image_config.yaml|images.system-logger.registry

Exit codes: 0 done (warnings possible); 1 an error result, or unreadable input
(then stdout is empty and stderr says line:column); 2 a usage error.
)";
  return kHelp;
}

std::string VersionText() { return std::string(names::kProgram) + " " + K8SI_VERSION; }

namespace {

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out = krm::ReadAll(f);
  return true;
}

int Usage(std::ostream& err, const std::string& why) {
  err << names::kProgram << ": " << why << "\nRun '" << names::kProgram << " --help' for usage.\n";
  return 2;
}

// The plain modes' command line.
struct PlainArgs {
  std::string config_path;
  std::vector<std::string> files;  // empty, or "-": stdin
  std::string results_path;
  bool quiet = false;
  bool plugin = false;  // kustomize's legacy exec plugin: argv[1] is the config
};

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

int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::string program = names::kProgram;
  if (args.empty()) return krm::RunResourceList(krm::ReadAll(in), out, err, program, Relocate);
  if (args[0] == "--help" || args[0] == "-h" || (args.size() == 1 && args[0] == "help")) {
    out << HelpText();
    return 0;
  }
  if (args[0] == "--version") {
    out << VersionText() << "\n";
    return 0;
  }
  PlainArgs pa;
  std::string why = ParsePlainArgs(args, pa);
  if (!why.empty()) return Usage(err, why);
  std::string config;
  if (!ReadFile(pa.config_path, config)) {
    err << program << ": cannot read config " << pa.config_path << "\n";
    return 1;
  }
  krm::StreamOptions options;
  options.quiet = pa.quiet;
  options.summary = !pa.plugin;
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
  if (pa.files.empty() || (pa.files.size() == 1 && pa.files[0] == "-")) {
    stream = krm::ReadAll(in);
  } else {
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
        return 1;
      }
      stream = std::move(ps.text);
      options.files = std::move(ps.files);
    } catch (const krm::InputError& e) {
      err << krm::FormatInputError(program, e) << "\n";
      return 1;
    }
  }
  return krm::RunStream(std::move(stream), std::move(config), out, err, program, Relocate, options);
}

}  // namespace fn
