#include "fn/operator_deployment.h"

#include "fn/field_path.h"
#include "fn/names.h"
#include "fn/pull_secret.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Severity;
using krm::Value;

OperatorContainer WhichOperator(const Document& d, const krm::Item& item) {
  OperatorContainer out;
  if (item.kind != names::kDeployment || item.group() != names::kAppsGroup) return out;
  size_t i = 0;
  for (NodeId c : d.items(d.at(item.node, "spec.template.spec.containers"))) {
    ParsedRef p = ParseImageRef(d.str(c, "image"));
    std::string last = p.ok ? LastComponent(p.ref.path) : "";
    if (last == names::kCassOperatorName || last == names::kK8ssandraOperatorName) {
      out.op = last == names::kCassOperatorName ? Operator::CassOperator : Operator::K8ssandraOperator;
      out.container = c;
      out.index = i;
      return out;
    }
    ++i;
  }
  return out;
}

namespace {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// Sets environment variables on a container: edits existing entries,
// appends new ones, or writes the env list once.
void SetEnv(const ItemContext& ctx, NodeId c, const std::string& path, const EnvVars& vars) {
  const Document& d = ctx.doc();
  NodeId env = d.get(c, "env");
  std::vector<Value> added;
  krm::EditGroup group(ctx.editor());
  EnvVars set;
  for (auto& [name, value] : vars) {
    NodeId found = krm::kNoNode;
    for (NodeId e : d.items(env)) {
      if (d.str(e, "name") == name) found = e;
    }
    if (found != krm::kNoNode) {
      if (d.keyOf(found, "valueFrom") != krm::kNoNode) {
        ctx.report(Severity::Warning, Field(path, "env"),
                   name + " comes from valueFrom and was left unchanged; make it " + value);
        continue;
      }
      if (d.str(found, "value") == value) continue;
      group.step(ctx.editor().setKey(found, "value", Value::String(value)));
    } else {
      added.push_back(Value::Map({{"name", Value::String(name)}, {"value", Value::String(value)}}));
    }
    set.emplace_back(name, value);
  }
  if (!added.empty() && d.isSeq(env)) {
    for (auto& v : added) group.step(ctx.editor().append(env, v));
  } else if (!added.empty()) {
    group.step(ctx.editor().setKey(c, "env", Value::List(added)));
  }
  if (!group.commit()) {
    ctx.report(
        Severity::Warning, Field(path, "env"),
        "not changed: the env list or a value in it cannot be rewritten in place (a value spans several "
        "lines); set these by hand: " +
            [&] {
              std::string s;
              for (auto& [n, v] : set) s += (s.empty() ? "" : ", ") + n + "=" + v;
              return s;
            }());
    return;
  }
  for (auto& [name, value] : set) ctx.changed(Field(path, "env"), "set " + name + " to " + value, std::nullopt, value);
}

// The restart annotation on the pod template.
void AnnotateRestart(const ItemContext& ctx, const ImageConfigChange& change) {
  const Document& d = ctx.doc();
  NodeId tmpl = d.at(ctx.item().node, "spec.template");
  std::string cur(d.str(d.at(tmpl, "metadata.annotations"), names::kConfigHashAnnotation));
  if (!d.isMap(tmpl) || cur == change.hash) return;
  if (!ctx.editor().setPath(tmpl, {"metadata", "annotations", names::kConfigHashAnnotation},
                            Value::String(change.hash))) {
    ctx.report(Severity::Warning, "spec.template.metadata.annotations",
               "the config-hash annotation could not be added (the annotations are not a map): restart the operator "
               "by hand after applying");
    return;
  }
  ctx.report(Severity::Info, std::string("spec.template.metadata.annotations.") + names::kConfigHashAnnotation,
             "the operator reads its image config only at start: this annotation restarts it when the config "
             "changes",
             cur.empty() ? std::nullopt : std::optional<std::string>(cur), change.hash);
}

// DEFAULT_REGISTRY when it can send every built-in default to the mirror;
// otherwise a warning when the rules would move those defaults.
void DefaultRegistry(const ItemContext& ctx, const std::string& path, EnvVars& vars) {
  std::string why;
  std::optional<std::string> value = DefaultRegistryValue(ctx.rules(), why);
  if (value) {
    vars.emplace_back(names::kEnvDefaultRegistry, *value);
    return;
  }
  // The built-in defaults live on Docker Hub (stargateio/..., thelastpickle/...).
  ParsedRef builtin = ParseImageRef(names::kStargateBuiltinImage);
  if (!builtin.ok || !ctx.rules().decide(builtin.ref, Custom::Skip).changed()) return;
  ctx.report(Severity::Warning, Field(path, "env"),
             std::string("k8ssandra-operator takes Stargate's image (and before v1.27 Reaper's and Medusa's) from "
                         "built-in Docker Hub defaults; its only knob, ") +
                 names::kEnvDefaultRegistry + ", is one registry prefix, but " + why +
                 ": those defaults escape the mirror unless the K8ssandraCluster sets their containerImage in full");
}

}  // namespace

// The DEFAULT_REGISTRY value that sends every Docker Hub default of
// k8ssandra-operator where the rules send it, or why there is none.
// Image.String() joins registry/repository/name, so a value with a path
// works: keep gives target/stargateio/..., nest target/docker.io/stargateio/...;
// flatten (target/stargate-4_0) cannot be expressed.
std::optional<std::string> DefaultRegistryValue(const Relocator& rules, std::string& why) {
  if (rules.config().mode == PathMode::Flatten) {
    why = "flatten drops the repository, which DEFAULT_REGISTRY cannot do";
    return std::nullopt;
  }
  std::optional<std::string> value = rules.relocateRegistry(names::kDockerHub);
  if (!value) {
    why = "no rule or registry moves docker.io (or it is excluded)";
    return std::nullopt;
  }
  for (const char* repository : names::kDefaultImageRepositories) {
    Decision d = rules.decidePrefix(names::kDockerHub, repository);
    if (!d.changed() || d.destination() != *value + "/" + repository) {
      why = std::string("the rules send docker.io/") + repository + " elsewhere than the rest of docker.io";
      return std::nullopt;
    }
  }
  return value;
}

void RewriteOperatorDeployment(const ItemContext& ctx, const ImageConfigChange& change) {
  OperatorContainer oc = WhichOperator(ctx.doc(), ctx.item());
  if (oc.op == Operator::None) return;
  const Config& cfg = ctx.config();
  if (change.changed && cfg.targets.image_config) AnnotateRestart(ctx, change);
  if (oc.op != Operator::K8ssandraOperator) return;
  std::string path = Indexed("spec.template.spec.containers", oc.index);
  // DEFAULT_REGISTRY and IMAGE_PULL_SECRETS are read from v1.15.0
  // (pkg/config/config.go, 9071e394b0357581490006f7d386198c3d5e3221).
  ParsedRef own = ParseImageRef(ctx.doc().str(oc.container, "image"));
  std::optional<Version> version = own.ok ? Version::Parse(own.ref.tag) : std::nullopt;
  if (version && !version->atLeast(1, 15)) {
    std::string dummy;
    if (DefaultRegistryValue(ctx.rules(), dummy) || !cfg.pull_secret.empty())
      ctx.report(Severity::Warning, Field(path, "env"),
                 "k8ssandra-operator " + version->text() +
                     " reads neither DEFAULT_REGISTRY nor IMAGE_PULL_SECRETS (both from v1.15.0), so they were not "
                     "set: its coded Reaper, Medusa and Stargate defaults stay on Docker Hub unless each "
                     "K8ssandraCluster sets their containerImage in full (and pullSecretRef)");
    return;
  }
  EnvVars vars;
  DefaultRegistry(ctx, path, vars);
  if (!cfg.pull_secret.empty()) {
    std::string cur;
    for (NodeId e : ctx.doc().items(ctx.doc().get(oc.container, "env"))) {
      if (ctx.doc().str(e, "name") == names::kEnvImagePullSecrets) cur = std::string(ctx.doc().str(e, "value"));
    }
    if (auto next = AddSecretToCsv(cur, cfg.pull_secret)) vars.emplace_back(names::kEnvImagePullSecrets, *next);
  }
  SetEnv(ctx, oc.container, path, vars);
}

}  // namespace fn
