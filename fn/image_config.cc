#include "fn/image_config.h"

#include <cstdio>

#include "fn/names.h"
#include "krm/embedded.h"

namespace fn {

using krm::Document;
using krm::NodeId;
using krm::Severity;
using krm::Value;

namespace {

using Edits = std::vector<std::pair<std::vector<std::string>, Value>>;

NodeId ConfigScalar(const Document& d, const krm::Item& item) {
  if (item.kind != "ConfigMap" || item.api_version != "v1") return krm::kNoNode;
  NodeId s = d.at(item.node, "data");
  NodeId v = d.get(s, names::kImageConfigKey);
  return d.isScalar(v) ? v : krm::kNoNode;
}

bool Labelled(const Document& d, const krm::Item& item) {
  return d.str(d.at(item.node, "metadata.labels"), names::kConfigLabel) == names::kConfigLabelImage;
}

// The new value of a registry-valued field (host[/path]) as the rules would
// relocate the images under it, or "" when it stays.
std::string RelocateRegistryValue(const Relocator& rel, const std::string& value) {
  std::string v = value;
  while (!v.empty() && v.back() == '/') v.pop_back();
  if (v.empty()) return "";
  size_t slash = v.find('/');
  ImageRef ref;
  ref.written_domain = v.substr(0, slash);
  if (!IsDomain(ref.written_domain)) return "";
  ref.domain = CanonicalDomain(ref.written_domain);
  std::string rest = slash == std::string::npos ? "" : v.substr(slash + 1);
  ref.path = rest.empty() ? "x" : rest + "/x";  // a stand-in image name
  Decision d = rel.decide(ref);
  if (!d.changed()) return "";
  std::string path = d.path.substr(0, d.path.size() - 1);  // drop the stand-in "x"
  if (!path.empty() && path.back() == '/') path.pop_back();
  return path.empty() ? d.domain : d.domain + "/" + path;
}

class Rewriter {
 public:
  Rewriter(Reporter& rep, const krm::Item& item, const Document& inner, krm::Editor& ed, std::string base)
      : rep_(rep), item_(item), d_(inner), ed_(ed), base_(std::move(base)), rel_(rep.rules()),
        cfg_(rep.config()) {}

  std::string at(const std::string& inner_path) const { return base_ + kEmbeddedSeparator + inner_path; }

  void info(const std::string& path, const std::string& msg, std::optional<std::string> cur,
            std::optional<std::string> next) {
    rep_.countChange();
    rep_.add(Severity::Info, item_, at(path), msg, std::move(cur), std::move(next));
  }

  void registryField(NodeId node, const std::string& path) {
    if (!d_.isScalar(node)) return;
    std::string cur(d_.value(node));
    std::string next = RelocateRegistryValue(rel_, cur);
    if (next.empty() || next == cur) return;
    if (ed_.setScalar(node, next)) info(path, "relocated registry " + cur + " to " + next, cur, next);
  }

  // An image string composed under an imageRegistry, cut to its last path
  // component (with its tag and digest), so that the registry flattens it.
  void flattenUnderRegistry(NodeId node, const std::string& path) {
    if (!d_.isScalar(node)) return;
    std::string cur(d_.value(node));
    ParsedRef p = ParseImageRef(cur);
    if (!p.ok) return;
    std::string next = p.ref.path.substr(p.ref.path.rfind('/') + 1) + p.ref.suffix();
    if (next == cur || !ed_.setScalar(node, next)) return;
    info(path, "flattened " + cur + " to " + next + " under its imageRegistry", cur, next);
  }

  void pullSettings(Edits& edits, NodeId root, bool v1beta1) {
    if (v1beta1) {
      if (!cfg_.pull_secret.empty() && d_.str(d_.get(root, "imagePullSecret"), "name") != cfg_.pull_secret)
        edits.push_back({{"imagePullSecret", "name"}, Value::String(cfg_.pull_secret)});
      if (!cfg_.pull_policy.empty() && d_.str(root, "imagePullPolicy") != cfg_.pull_policy)
        edits.push_back({{"imagePullPolicy"}, Value::String(cfg_.pull_policy)});
      return;
    }
    NodeId defaults = d_.get(root, "defaults");
    if (!cfg_.pull_secret.empty()) {
      NodeId secrets = d_.get(defaults, "pullSecrets");
      bool present = false;
      for (NodeId s : d_.items(secrets)) present = present || d_.value(s) == cfg_.pull_secret;
      if (!present) {
        if (d_.isSeq(secrets)) {
          ed_.append(secrets, Value::String(cfg_.pull_secret));
        } else {
          edits.push_back({{"defaults", "pullSecrets"}, Value::List({Value::String(cfg_.pull_secret)})});
        }
      }
    }
    if (!cfg_.pull_policy.empty() && d_.str(defaults, "pullPolicy") != cfg_.pull_policy)
      edits.push_back({{"defaults", "pullPolicy"}, Value::String(cfg_.pull_policy)});
  }

  // --- v1beta1 -----------------------------------------------------------

  // The imageRegistry that applies to a component, or kNoNode.
  NodeId v1Registry(NodeId root, const std::string& component) const {
    NodeId own = d_.at(d_.get(d_.get(root, "defaults"), component), "imageRegistry");
    if (d_.isScalar(own) && !d_.value(own).empty()) return own;
    NodeId top = d_.get(root, "imageRegistry");
    if (d_.isScalar(top) && !d_.value(top).empty()) return top;
    return krm::kNoNode;
  }

  void v1beta1(NodeId root) {
    Edits edits;
    if (cfg_.image_config_mode == ImageConfigMode::Override) {
      std::optional<Target> sole = overrideTarget("v1beta1 imageRegistry", cfg_.mode == PathMode::Keep);
      if (!sole) return;
      std::string want = sole->text();
      if (d_.str(root, "imageRegistry") != want) {
        edits.push_back({{"imageRegistry"}, Value::String(want)});
        info("imageRegistry", "set imageRegistry to " + want, std::nullopt, want);
      }
      for (auto& [k, v] : d_.pairs(d_.get(root, "defaults"))) {
        NodeId own = d_.get(v, "imageRegistry");
        if (d_.isScalar(own) && d_.value(own) != want && ed_.setScalar(own, want))
          info("defaults." + std::string(d_.value(k)) + ".imageRegistry", "set imageRegistry to " + want,
               std::string(d_.value(own)), want);
      }
      pullSettings(edits, root, true);
      ed_.setPaths(root, edits);
      return;
    }
    // An image under an imageRegistry is composed as <imageRegistry>/<image
    // without its registry>: the registry setting is rewritten instead, and
    // in flatten mode the image keeps only its last path component.
    auto image = [&](NodeId node, const std::string& comp, const std::string& path) {
      if (v1Registry(root, comp) == krm::kNoNode) {
        RelocateString(rep_, item_, d_, ed_, node, at(path));
      } else if (cfg_.mode == PathMode::Flatten) {
        flattenUnderRegistry(node, path);
      }
    };
    for (auto& [k, v] : d_.pairs(d_.get(root, "images"))) {
      std::string comp(d_.value(k));
      if (d_.isScalar(v)) image(v, comp, "images." + comp);
      for (auto& [ver, img] : d_.pairs(v)) image(img, comp, "images." + comp + "." + std::string(d_.value(ver)));
    }
    NodeId defaults = d_.get(root, "defaults");
    for (auto& [k, v] : d_.pairs(defaults)) {
      std::string comp(d_.value(k));
      image(d_.get(v, "repository"), comp, "defaults." + comp + ".repository");
    }
    // Without defaults.<x>.repository the operator uses a built-in Docker Hub
    // repository for server images: write the relocated one.
    const std::pair<const char*, const char*> builtins[] = {{"cassandra", names::kBuiltinCassandraRepository},
                                                            {"dse", names::kBuiltinDseRepository}};
    for (auto& [comp, repo] : builtins) {
      if (d_.isScalar(d_.get(d_.get(defaults, comp), "repository"))) continue;
      std::string next;
      if (v1Registry(root, comp) != krm::kNoNode) {
        if (cfg_.mode != PathMode::Flatten) continue;
        next = std::string(repo).substr(std::string(repo).rfind('/') + 1);
      } else if (!rel_.relocate(repo, next).changed()) {
        continue;
      }
      edits.push_back({{"defaults", comp, "repository"}, Value::String(next)});
      info(std::string("defaults.") + comp + ".repository",
           std::string("added ") + next + " in place of the built-in " + repo, std::nullopt, next);
    }
    registryField(d_.get(root, "imageRegistry"), "imageRegistry");
    for (auto& [k, v] : d_.pairs(defaults))
      registryField(d_.get(v, "imageRegistry"), "defaults." + std::string(d_.value(k)) + ".imageRegistry");
    pullSettings(edits, root, true);
    ed_.setPaths(root, edits);
  }

  // --- v1beta2 -----------------------------------------------------------

  void entry(NodeId e, const std::string& path, const std::string& def_registry, const std::string& def_repo) {
    if (!d_.isMap(e)) return;
    std::string name(d_.str(e, "name"));
    if (name.empty()) {
      rep_.add(Severity::Warning, item_, at(path), "not relocated: the entry has no name");
      return;
    }
    Structured src{std::string(d_.str(e, "registry")), std::string(d_.str(e, "repository")), name};
    if (src.registry.empty()) src.registry = def_registry;
    if (d_.keyOf(e, "repository") == krm::kNoNode) src.repository = def_repo;
    Structured out;
    Decision dec = rel_.relocate(src, out);
    if (dec.outcome == Outcome::Invalid) {
      rep_.add(Severity::Warning, item_, at(path), "not relocated: " + dec.reason);
      return;
    }
    if (!dec.changed()) return;
    std::string before = (src.registry.empty() ? "" : src.registry + "/") +
                         (src.repository.empty() ? "" : src.repository + "/") + src.name;
    std::string after = out.registry + "/" + (out.repository.empty() ? "" : out.repository + "/") + out.name;
    ed_.setKey(e, "registry", Value::String(out.registry), true);
    if (d_.keyOf(e, "repository") == krm::kNoNode || d_.str(e, "repository") != out.repository)
      ed_.setKey(e, "repository", Value::String(out.repository));
    if (out.name != name) ed_.setKey(e, "name", Value::String(out.name));
    info(path, "relocated " + before + " to " + after, before, after);
    if (out.repository.empty() && !def_repo.empty())
      rep_.add(Severity::Warning, item_, at(path + ".repository"),
               "an empty repository takes defaults.repository (" + def_repo + "); clear it or give the target a path");
    if (cfg_.mode == PathMode::Flatten) rep_.noteTarget(after, dec.source.name(), item_, at(path));
  }

  void v1beta2(NodeId root) {
    Edits edits;
    NodeId defaults = d_.get(root, "defaults");
    std::string def_registry(d_.str(defaults, "registry"));
    std::string def_repo(d_.str(defaults, "repository"));
    if (cfg_.image_config_mode == ImageConfigMode::Override) {
      std::optional<Target> sole = overrideTarget("v1beta2 overrides", cfg_.mode != PathMode::Nest);
      if (!sole) return;
      NodeId overrides = d_.get(root, "overrides");
      std::string reg = cfg_.mode == PathMode::Flatten ? sole->host : sole->text();
      if (d_.str(overrides, "registry") != reg) {
        edits.push_back({{"overrides", "registry"}, Value::String(reg)});
        info("overrides.registry", "set overrides.registry to " + reg, std::nullopt, reg);
      }
      if (cfg_.mode == PathMode::Flatten &&
          (d_.str(overrides, "repository") != sole->prefix || d_.keyOf(overrides, "repository") == krm::kNoNode)) {
        edits.push_back({{"overrides", "repository"}, Value::String(sole->prefix)});
        info("overrides.repository", "set overrides.repository to '" + sole->prefix + "'", std::nullopt, sole->prefix);
      }
      pullSettings(edits, root, false);
      ed_.setPaths(root, edits);
      return;
    }
    for (const char* section : {"images", "types"}) {
      for (auto& [k, v] : d_.pairs(d_.get(root, section)))
        entry(v, std::string(section) + "." + std::string(d_.value(k)), def_registry, def_repo);
    }
    // defaults.registry: for entries without their own, now and later.
    std::string cur = def_registry.empty() ? std::string(names::kDockerHub) : def_registry;
    std::string next = RelocateRegistryValue(rel_, cur);
    if (!next.empty() && next != def_registry) {
      NodeId n = d_.get(defaults, "registry");
      if (d_.isScalar(n)) {
        ed_.setScalar(n, next);
      } else {
        edits.push_back({{"defaults", "registry"}, Value::String(next)});
      }
      info("defaults.registry", "set defaults.registry to " + next,
           def_registry.empty() ? std::nullopt : std::optional<std::string>(def_registry), next);
    }
    registryField(d_.get(d_.get(root, "overrides"), "registry"), "overrides.registry");
    pullSettings(edits, root, false);
    ed_.setPaths(root, edits);
  }

 private:
  std::optional<Target> overrideTarget(const char* knob, bool mode_ok) {
    std::optional<Target> sole = rel_.soleTarget();
    std::string why;
    if (!sole) why = "it needs one target for every image: a registry, and no rules or exclusions";
    else if (!mode_ok) why = "the path mode cannot be expressed through it";
    if (why.empty()) return sole;
    rep_.add(Severity::Error, item_, base_, std::string("imageConfig: override sets the ") + knob + ", but " + why +
                                                "; use imageConfig: rewrite");
    return std::nullopt;
  }

  Reporter& rep_;
  const krm::Item& item_;
  const Document& d_;
  krm::Editor& ed_;
  std::string base_;
  const Relocator& rel_;
  const Config& cfg_;
};

}  // namespace

std::string Fingerprint(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

bool IsImageConfigMap(const Document& d, const krm::Item& item) {
  NodeId s = ConfigScalar(d, item);
  if (s == krm::kNoNode) return false;
  if (Labelled(d, item)) return true;
  // Unlabelled (legacy *-manager-config): only when the document says so.
  std::string_view v = d.value(s);
  return v.find("kind: ImageConfig") != std::string_view::npos ||
         v.find("kind: \"ImageConfig\"") != std::string_view::npos;
}

void CollectComponents(const Document& d, const krm::Item& item, ComponentImages& out) {
  NodeId s = ConfigScalar(d, item);
  if (s == krm::kNoNode) return;
  std::string text(d.value(s));
  std::unique_ptr<Document> parsed;
  try {
    parsed = std::make_unique<Document>(Document::ParseYaml(text));
  } catch (const krm::ParseError&) {
    return;  // reported by RewriteImageConfig
  }
  const Document& inner = *parsed;
  if (inner.roots().empty()) return;
  NodeId root = inner.roots()[0];
  std::string version(inner.str(root, "apiVersion"));
  std::string where = "ConfigMap/" + item.name + " images.";
  for (auto& [k, v] : inner.pairs(inner.get(root, "images"))) {
    std::string comp(inner.value(k));
    ComponentImage c;
    if (version == names::kImageConfigV1beta2 && inner.isMap(v)) {
      NodeId defaults = inner.get(root, "defaults");
      c.registry = std::string(inner.str(v, "registry"));
      if (c.registry.empty()) c.registry = std::string(inner.str(defaults, "registry"));
      c.repository = std::string(inner.keyOf(v, "repository") == krm::kNoNode ? inner.str(defaults, "repository")
                                                                              : inner.str(v, "repository"));
      c.name = std::string(inner.str(v, "name"));
      c.tag = std::string(inner.str(v, "tag"));
    } else if (version == names::kImageConfigV1beta1 && inner.isScalar(v)) {
      ParsedRef p = ParseImageRef(inner.value(v));
      if (!p.ok || !p.ref.digest.empty()) continue;
      c.registry = p.ref.implicit_domain ? "" : p.ref.written_domain;
      std::string path = p.ref.implicit_library ? p.ref.path.substr(8) : p.ref.path;
      size_t slash = path.rfind('/');
      c.repository = slash == std::string::npos ? "" : path.substr(0, slash);
      c.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
      c.tag = p.ref.tag;
    } else {
      continue;
    }
    if (c.name.empty() || c.tag.empty()) continue;
    c.where = where + comp;
    // v1beta2 wins over a legacy v1beta1 file in the same input.
    if (out.count(comp) && version != names::kImageConfigV1beta2) continue;
    out[comp] = c;
  }
}

void RewriteImageConfig(Reporter& rep, const krm::Item& item, const Document& d, krm::Patch& outer,
                        const std::string& eol, ImageConfigFacts& facts) {
  NodeId s = ConfigScalar(d, item);
  std::string base = std::string("data.") + names::kImageConfigKey;
  krm::Embedded embedded(d, s);
  std::unique_ptr<Document> inner;
  try {
    inner = std::make_unique<Document>(Document::ParseYaml(embedded.text()));
  } catch (const krm::ParseError& e) {
    krm::LineCol at = krm::PositionOf(embedded.text(), e.offset());
    rep.add(Severity::Error, item, base,
            "the image config is not readable YAML (" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                " inside the string: " + e.what() + "); it was left unchanged");
    return;
  }
  if (inner->roots().empty() || !inner->isMap(inner->roots()[0])) {
    rep.add(Severity::Error, item, base, "the image config is not a YAML mapping; it was left unchanged");
    return;
  }
  NodeId root = inner->roots()[0];
  std::string version(inner->str(root, "apiVersion"));
  if (version != names::kImageConfigV1beta1 && version != names::kImageConfigV1beta2) {
    rep.add(Severity::Warning, item, base + kEmbeddedSeparator + "apiVersion",
            "left unchanged: unknown image config apiVersion '" + version + "' (expected " +
                names::kImageConfigV1beta1 + " or " + names::kImageConfigV1beta2 + ")");
    return;
  }
  krm::Patch ip;
  krm::Editor ed(*inner, ip, "\n");
  Rewriter rw(rep, item, *inner, ed, base);
  if (version == names::kImageConfigV1beta1) {
    rw.v1beta1(root);
  } else {
    rw.v1beta2(root);
  }
  if (ip.empty()) return;
  std::string why;
  if (ip.conflicts(&why) || !embedded.commit(ip, outer, eol)) {
    rep.add(Severity::Error, item, base, "internal error, the image config was left unchanged: " + why);
    return;
  }
  facts.changed = true;
  facts.hash = Fingerprint(facts.hash + ip.apply(embedded.text()));
  facts.where.push_back("ConfigMap/" + item.name);
}

}  // namespace fn
