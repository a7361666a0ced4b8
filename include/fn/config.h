// fn/config.h: the functionConfig users write, read from either form and
// validated field by field.
#ifndef FN_CONFIG_H_
#define FN_CONFIG_H_

#include <optional>
#include <string>
#include <vector>

#include "fn/image_override.h"
#include "fn/upstream_defaults.h"
#include "krm/function_config.h"
#include "krm/result.h"

namespace fn {

// Where relocated images go: a registry host and an optional path prefix.
struct Target {
  std::string registry;  // the registry host: "registry.corp.example:5000"
  std::string prefix;    // "mirror/k8ssandra" or ""
  std::string text() const { return prefix.empty() ? registry : registry + "/" + prefix; }
};

enum class PathMode { Keep, Flatten, Nest };
enum class ImageConfigMode { Rewrite, Override };

// One `from -> to` row. `from` is normalized (Docker Hub aliases folded).
struct Rule {
  std::string from_registry;
  std::string from_path;  // "" matches the whole registry
  Target to;
  std::string from() const { return from_path.empty() ? from_registry : from_registry + "/" + from_path; }
};

// A string image field in a kind we do not know, kustomize fieldSpec style.
struct FieldSpec {
  std::string group;    // "" matches any group
  std::string version;  // "" matches any version
  std::string kind;
  std::string path;  // "spec/foo/image", "spec/list[]/image"
};

// An `exclude` entry, read once: a glob ('*', '?') on the normalized name,
// or an image name, normalized when read (busybox is docker.io/library/busybox).
struct Exclusion {
  std::string written;  // as the config wrote it
  std::string pattern;  // what is matched against ImageRef::name()
};

// The families of images a run touches (config `targets`).
struct Targets {
  bool image_config = true;  // the ImageConfig (not the `imageConfig` mode)
  bool k8ssandra = true;
  bool workloads = true;
};

// Operator versions the config states (operatorVersions), for inputs that
// hold only custom resources: they decide the images no manifest names.
struct OperatorVersions {
  std::optional<Version> cass_operator;
  std::optional<Version> k8ssandra_operator;
};

struct Config {
  std::optional<Target> registry;
  std::vector<Rule> rules;
  PathMode mode = PathMode::Keep;
  std::vector<Exclusion> exclude;
  std::string pull_secret;
  std::string pull_policy;
  Targets targets;
  ImageConfigMode image_config_mode = ImageConfigMode::Rewrite;
  std::vector<FieldSpec> additional_fields;
  bool strict = false;  // every warning about an image (and the config) is an error
  OperatorVersions operator_versions;
  std::string image_list;             // the image list ConfigMap's name, or ""
  std::vector<ImageOverride> images;  // custom images, applied before the rules
  std::string auto_update;            // "", "once" or "always": cassandra.datastax.com/autoupdate-spec
};

// The schema handed to krm::FunctionConfig: group, kind and every key.
krm::ConfigSchema Schema();

// Parses a target ("host[:port][/path]"); returns why it is not one, or "".
std::string ParseTarget(const std::string& text, Target& out);
// Parses a rule's `from` ("host[/path]"); returns why it is not one, or "".
std::string ParseFrom(const std::string& text, Rule& out);
// Parses an `exclude` entry; returns why it is not one, or "". A name may
// not carry a tag or digest: exclusions match names, every tag of them.
std::string ParseExclusion(const std::string& text, Exclusion& out);
// Sets one operatorVersions entry ("cassOperator", "v1.30.2"); returns why
// it cannot, or "".
std::string SetOperatorVersion(const std::string& key, const std::string& text, OperatorVersions& out);
// Reads "cassOperator=v1.30.2,k8ssandraOperator=v1.32.5"; returns the first
// reason it cannot, or "".
std::string ParseOperatorVersions(const std::string& text, OperatorVersions& out);
// True for a DNS-1123 subdomain (a Secret name).
bool IsDns1123Subdomain(const std::string& s);

// Reads and validates the config. Every problem becomes an error result
// whose field path points into the config. Returns nothing when unusable.
std::optional<Config> ReadConfig(const krm::FunctionConfig& fc, std::vector<krm::Result>& results);

}  // namespace fn

#endif  // FN_CONFIG_H_
