#include "fn/cli.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/run.h"

#ifndef K8SI_VERSION
#define K8SI_VERSION "0.0.0-dev"
#endif

namespace fn {
namespace fs = std::filesystem;

const std::string& HelpText() {
  static const std::string kHelp = R"(k8ssandra-images: relocate every K8ssandra image to your own registry.

A KRM function. It reads a ResourceList on stdin and writes it back on stdout
with every image relocated: the cass-operator ImageConfig embedded in its
ConfigMap (v1beta1 and v1beta2), K8ssandraCluster, CassandraDatacenter, Reaper
and Stargate images (strings and structured), and every workload's pod images.
Only the edited values change; comments, quoting and layout stay byte for byte.

Usage:
  k8ssandra-images < resource-list.yaml          ResourceList mode (kpt, kustomize)
  k8ssandra-images --config CFG [FILE|DIR...]    plain YAML files (or stdin) -> stdout
  k8ssandra-images CFG < stream.yaml             kustomize legacy exec plugin
  k8ssandra-images --help | --version

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

// Every .yaml/.yml/.json file of a directory, sorted, recursively.
std::vector<std::string> Expand(const std::string& arg) {
  std::vector<std::string> out;
  if (!fs::is_directory(arg)) {
    out.push_back(arg);
    return out;
  }
  for (const auto& e : fs::recursive_directory_iterator(arg)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext == ".yaml" || ext == ".yml") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int Usage(std::ostream& err, const std::string& why) {
  err << names::kProgram << ": " << why << "\nRun '" << names::kProgram << " --help' for usage.\n";
  return 2;
}

}  // namespace

int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::string program = names::kProgram;
  if (args.empty()) return krm::RunResourceList(krm::ReadAll(in), out, err, program, Relocate);
  if (args[0] == "--help" || args[0] == "-h") {
    out << HelpText();
    return 0;
  }
  if (args[0] == "--version") {
    out << VersionText() << "\n";
    return 0;
  }
  std::string config_path;
  std::vector<std::string> files;
  bool plugin = false;
  if (args.size() == 1 && args[0][0] != '-') {
    config_path = args[0];  // kustomize legacy exec plugin: argv[1] is the config
    plugin = true;
  } else {
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--config") {
        if (i + 1 >= args.size()) return Usage(err, "--config needs a file");
        config_path = args[++i];
      } else if (args[i].rfind("--config=", 0) == 0) {
        config_path = args[i].substr(9);
      } else if (!args[i].empty() && args[i][0] == '-' && args[i] != "-") {
        return Usage(err, "unknown option " + args[i]);
      } else {
        files.push_back(args[i]);
      }
    }
    if (config_path.empty()) return Usage(err, "plain files need --config CFG");
  }
  std::string config;
  if (!ReadFile(config_path, config)) {
    err << program << ": cannot read config " << config_path << "\n";
    return 1;
  }
  std::string stream;
  if (plugin || files.empty() || (files.size() == 1 && files[0] == "-")) {
    stream = krm::ReadAll(in);
  } else {
    for (const std::string& arg : files) {
      if (!fs::exists(arg)) {
        err << program << ": no such file or directory: " << arg << "\n";
        return 1;
      }
      for (const std::string& path : Expand(arg)) {
        std::string text;
        if (!ReadFile(path, text)) {
          err << program << ": cannot read " << path << "\n";
          return 1;
        }
        if (!stream.empty()) stream += "---\n";
        stream += text;
        if (!text.empty() && text.back() != '\n') stream += "\n";
      }
    }
  }
  return krm::RunStream(std::move(stream), std::move(config), out, err, program, Relocate);
}

}  // namespace fn
