#include "fn/structured_image.h"

#include "fn/names.h"

namespace fn {

using krm::NodeId;
using krm::Severity;
using krm::Value;

namespace {

std::string Describe(const Structured& s, const std::string& tag) {
  std::string o = s.registry.empty() ? "" : s.registry + "/";
  if (!s.repository.empty()) o += s.repository + "/";
  o += s.name;
  if (!tag.empty()) o += ":" + tag;
  return o;
}

void ApplyPullSettings(Reporter& rep, const krm::Document& d, krm::Editor& ed, NodeId node) {
  const Config& cfg = rep.config();
  if (!cfg.pull_policy.empty() && d.str(node, "pullPolicy") != cfg.pull_policy)
    ed.setKey(node, "pullPolicy", Value::String(cfg.pull_policy));
  if (!cfg.pull_secret.empty() && d.str(d.get(node, "pullSecretRef"), "name") != cfg.pull_secret)
    ed.setPath(node, {"pullSecretRef", "name"}, Value::String(cfg.pull_secret));
}

}  // namespace

void RelocateStructured(Reporter& rep, const krm::Item& item, const krm::Document& d, krm::Editor& ed, NodeId node,
                        const std::string& path, const std::string& component, const ComponentImages& known) {
  if (!d.isMap(node)) return;
  if (d.keyOf(node, "image") != krm::kNoNode) {
    rep.add(Severity::Warning, item, Field(path, "image"),
            "a structured image has no 'image' field (only registry, repository, name, tag, pullPolicy, "
            "pullSecretRef); the API server drops it, so it was left unchanged: split it into those fields");
  }
  Structured src{std::string(d.str(node, "registry")), std::string(d.str(node, "repository")),
                 std::string(d.str(node, "name"))};
  std::string tag(d.str(node, "tag"));
  bool complete = !src.name.empty() && !tag.empty();
  const Config& cfg = rep.config();
  bool filled = false;
  if (!complete) {
    auto it = component.empty() ? known.end() : known.find(component);
    if (it != known.end()) {
      // Field by field, as the operator merges: what the object sets wins.
      const ComponentImage& c = it->second;
      if (src.registry.empty()) src.registry = c.registry;
      if (d.keyOf(node, "repository") == krm::kNoNode) src.repository = c.repository;
      if (src.name.empty()) src.name = c.name;
      if (tag.empty()) tag = c.tag;
      filled = !src.name.empty() && !tag.empty();
      if (!filled) return;
      rep.add(Severity::Info, item, path,
              "completed from " + c.where + " so the CRD default tag: latest does not apply: " +
                  Describe(src, tag));
    } else {
      // Say nothing when the rules would leave this image's source alone.
      ImageRef probe;
      probe.domain = CanonicalDomain(src.registry.empty() ? std::string(names::kDockerHub) : src.registry);
      probe.path = src.repository.empty() ? "x" : src.repository + "/x";
      if (!IsDomain(probe.domain) || !rep.rules().decide(probe).changed()) return;
      std::optional<Target> sole = rep.rules().soleTarget();
      std::string missing = src.name.empty() && tag.empty() ? "name and tag" : src.name.empty() ? "name" : "tag";
      if (sole && sole->prefix.empty() && cfg.mode == PathMode::Keep) {
        if (src.registry != sole->host) {
          ed.setKey(node, "registry", Value::String(sole->host), true);
          rep.countChange();
          rep.add(Severity::Info, item, Field(path, "registry"), "set registry to " + sole->host,
                  src.registry.empty() ? std::nullopt : std::optional<std::string>(src.registry), sole->host);
        }
        ApplyPullSettings(rep, d, ed, node);
        if (tag.empty())
          rep.add(Severity::Warning, item, path,
                  "only registry was set: this image sets no " + missing + ", and while k8ssandra-operator merges "
                  "it field by field with its defaults, the CRD defaults tag to latest whenever the object exists "
                  "(k8ssandra/k8ssandra-operator#1396): set tag explicitly");
      } else {
        rep.add(Severity::Warning, item, path,
                "not relocated: this image sets no " + missing + ", and the CRD defaults tag to latest whenever the "
                "object exists (k8ssandra/k8ssandra-operator#1396); add repository, name and tag (or put the image "
                "config that defines " + (component.empty() ? std::string("it") : "images." + component) +
                " in the same input)");
      }
      return;
    }
  }
  Structured out;
  Decision dec = rep.rules().relocate(src, out);
  if (dec.outcome == Outcome::Invalid) {
    rep.add(Severity::Warning, item, path, "not relocated: " + dec.reason);
    return;
  }
  if (dec.changed() && out.repository.empty()) {
    rep.add(Severity::Warning, item, path,
            "not relocated: the target leaves no repository, and k8ssandra-operator would render " + out.registry +
                "//" + out.name + "; give the target a path (e.g. " + out.registry + "/mirror)");
    return;
  }
  if (dec.changed()) {
    std::string before = Describe(Structured{std::string(d.str(node, "registry")), std::string(d.str(node, "repository")),
                                             std::string(d.str(node, "name"))}, std::string(d.str(node, "tag")));
    ed.setKey(node, "registry", Value::String(out.registry), true);
    if (d.str(node, "repository") != out.repository || d.keyOf(node, "repository") == krm::kNoNode)
      ed.setKey(node, "repository", Value::String(out.repository));
    if (d.str(node, "name") != out.name) ed.setKey(node, "name", Value::String(out.name));
    if (filled && d.str(node, "tag").empty()) ed.setKey(node, "tag", Value::String(tag));
    rep.countChange();
    rep.add(Severity::Info, item, path, "relocated " + before + " to " + Describe(out, tag), before,
            Describe(out, tag));
    if (cfg.mode == PathMode::Flatten)
      rep.noteTarget(out.registry + "/" + (out.repository.empty() ? "" : out.repository + "/") + out.name,
                     dec.source.name(), item, path);
  }
  if (dec.changed() || dec.outcome == Outcome::OnTarget) ApplyPullSettings(rep, d, ed, node);
}

}  // namespace fn
