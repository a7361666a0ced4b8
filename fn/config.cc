#include "fn/config.h"

#include "fn/glob.h"
#include "fn/image_ref.h"
#include "fn/names.h"

namespace fn {
namespace {

using krm::Document;
using krm::NodeId;

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Splits a ConfigMap string list at commas, spaces and new lines.
std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

class Reader {
 public:
  Reader(const krm::FunctionConfig& fc, std::vector<krm::Result>& results) : fc_(fc), d_(fc.doc()), results_(results) {}

  void error(const std::string& path, const std::string& message, std::optional<std::string> current = std::nullopt) {
    results_.push_back(krm::Result::Error(message).about(fc_.ref()).at(path, std::move(current)));
    ok_ = false;
  }

  // A string field: a scalar in either form.
  std::optional<std::string> scalar(const char* key) {
    NodeId n = fc_.field(key);
    if (n == krm::kNoNode || d_.isNull(n)) return std::nullopt;
    if (!d_.isScalar(n)) {
      error(fc_.path(key), std::string(key) + " must be a string");
      return std::nullopt;
    }
    return Trim(std::string(d_.value(n)));
  }

  // A list of strings: a sequence (typed form) or a comma-separated string.
  std::vector<std::pair<std::string, std::string>> list(const char* key) {
    std::vector<std::pair<std::string, std::string>> out;  // value, path
    NodeId n = fc_.field(key);
    if (n == krm::kNoNode || d_.isNull(n)) return out;
    if (d_.isScalar(n)) {
      for (auto& v : SplitList(std::string(d_.value(n)))) out.emplace_back(v, fc_.path(key));
      return out;
    }
    if (!d_.isSeq(n)) {
      error(fc_.path(key), std::string(key) + " must be a list or a comma-separated string");
      return out;
    }
    size_t i = 0;
    for (NodeId item : d_.items(n)) {
      std::string p = fc_.path(key) + "[" + std::to_string(i++) + "]";
      if (!d_.isScalar(item)) {
        error(p, std::string(key) + " entries must be strings");
        continue;
      }
      out.emplace_back(Trim(std::string(d_.value(item))), p);
    }
    return out;
  }

  std::optional<Config> read() {
    Config c;
    readRegistry(c);
    readRules(c);
    readMode(c);
    readExclude(c);
    readPullSettings(c);
    readTargets(c);
    readFieldSpecs(c);
    readStrict(c);
    readOperatorVersions(c);
    readImageList(c);
    readImages(c);
    if (ok_ && !c.registry && c.rules.empty() && c.images.empty()) {
      error(fc_.isConfigMap() ? "data" : "spec",
            "nothing to do: set registry (one target for every image, e.g. registry=registry.corp.example:5000), "
            "rules (a source-to-mirror table, e.g. rules=docker.io=registry.corp.example:5000/hub), or images "
            "(custom images, e.g. images=k8ssandra/medusa=:0.30.1)");
    }
    if (!ok_) return std::nullopt;
    return c;
  }

 private:
  void readRegistry(Config& c) {
    auto reg = scalar(names::kRegistry);
    if (!reg || reg->empty()) return;
    Target t;
    std::string why = ParseTarget(*reg, t);
    if (why.empty()) {
      c.registry = t;
    } else {
      error(fc_.path(names::kRegistry), "registry: " + why, *reg);
    }
  }

  // A field with a fixed set of values: `into` gets the one written (an
  // empty or missing field leaves the default), anything else is an error.
  template <typename T>
  void choose(const char* key, std::initializer_list<std::pair<const char*, T>> options, T& into, const char* message) {
    auto v = scalar(key);
    if (!v || v->empty()) return;
    for (const auto& [name, value] : options) {
      if (*v == name) {
        into = value;
        return;
      }
    }
    error(fc_.path(key), message, *v);
  }

  void readMode(Config& c) {
    choose(names::kPath, {{"keep", PathMode::Keep}, {"flatten", PathMode::Flatten}, {"nest", PathMode::Nest}}, c.mode,
           "path must be keep, flatten or nest");
  }

  void readExclude(Config& c) {
    for (auto& [v, p] : list(names::kExclude)) {
      Exclusion e;
      std::string why = ParseExclusion(v, e);
      if (why.empty())
        c.exclude.push_back(e);
      else
        error(p, "exclude: " + why, v);
    }
  }

  void readPullSettings(Config& c) {
    if (auto s = scalar(names::kPullSecret); s && !s->empty()) {
      if (IsDns1123Subdomain(*s))
        c.pull_secret = *s;
      else
        error(fc_.path(names::kPullSecret),
              "pullSecret must be a Secret name (a DNS-1123 subdomain: lower-case letters, digits, '-' and '.')", *s);
    }
    choose<std::string>(names::kPullPolicy,
                        {{"Always", "Always"}, {"IfNotPresent", "IfNotPresent"}, {"Never", "Never"}}, c.pull_policy,
                        "pullPolicy must be Always, IfNotPresent or Never");
  }

  void readTargets(Config& c) {
    auto targets = list(names::kTargets);
    if (!targets.empty()) {
      c.targets = Targets{false, false, false};
      for (auto& [v, p] : targets) {
        if (v == names::kTargetImageConfig)
          c.targets.image_config = true;
        else if (v == names::kTargetK8ssandra)
          c.targets.k8ssandra = true;
        else if (v == names::kTargetWorkloads)
          c.targets.workloads = true;
        else
          error(p, "unknown target '" + v + "'; targets are imageConfig, k8ssandra and workloads", v);
      }
    }
    choose(names::kImageConfig, {{"rewrite", ImageConfigMode::Rewrite}, {"override", ImageConfigMode::Override}},
           c.image_config_mode, "imageConfig must be rewrite or override");
  }

  void readStrict(Config& c) {
    choose(names::kStrict, {{"true", true}, {"false", false}}, c.strict, "strict must be true or false");
    choose<std::string>(names::kAutoUpdate, {{"once", "once"}, {"always", "always"}}, c.auto_update,
                        "autoUpdate must be once or always");
  }

  // operatorVersions: {cassOperator: v1.30.2, k8ssandraOperator: v1.32.5},
  // or "cassOperator=v1.30.2,k8ssandraOperator=v1.32.5".
  void readOperatorVersions(Config& c) {
    NodeId n = fc_.field(names::kOperatorVersions);
    if (n == krm::kNoNode || d_.isNull(n)) return;
    std::string base = fc_.path(names::kOperatorVersions);
    std::vector<std::pair<std::string, std::string>> entries;  // key, version
    if (d_.isScalar(n)) {
      for (auto& entry : SplitList(std::string(d_.value(n)))) {
        size_t eq = entry.find('=');
        entries.emplace_back(entry.substr(0, eq), eq == std::string::npos ? "" : entry.substr(eq + 1));
      }
    } else if (d_.isMap(n)) {
      for (auto& [k, v] : d_.pairs(n)) entries.emplace_back(std::string(d_.value(k)), std::string(d_.value(v)));
    } else {
      error(base,
            "operatorVersions must be a map {cassOperator, k8ssandraOperator} or a string "
            "cassOperator=v1.30.2,k8ssandraOperator=v1.32.5");
      return;
    }
    for (auto& [key, text] : entries) {
      std::string why = SetOperatorVersion(key, text, c.operator_versions);
      if (!why.empty()) error(d_.isMap(n) ? base + "." + key : base, why, text);
    }
  }

  void readImageList(Config& c) {
    auto s = scalar(names::kImageList);
    if (!s || s->empty()) return;
    if (IsDns1123Subdomain(*s))
      c.image_list = *s;
    else
      error(fc_.path(names::kImageList),
            "imageList must be a ConfigMap name (a DNS-1123 subdomain: lower-case letters, digits, '-' and '.')", *s);
  }

  void addImage(Config& c, std::string why, ImageOverride& o, const std::string& path, const std::string& current) {
    if (!why.empty()) return error(path, "images: " + why, current);
    o.field = path;
    c.images.push_back(o);
  }

  // images: [{name, newName, newTag, digest}], or
  // "NAME=NEWNAME:TAG@DIGEST,..." in a ConfigMap.
  void readImages(Config& c) {
    NodeId n = fc_.field(names::kImages);
    if (n == krm::kNoNode || d_.isNull(n)) return;
    std::string base = fc_.path(names::kImages);
    if (d_.isScalar(n)) {
      for (auto& entry : SplitList(std::string(d_.value(n)))) {
        ImageOverride o;
        addImage(c, ParseImageOverrideEntry(entry, o), o, base, entry);
      }
      return;
    }
    if (!d_.isSeq(n)) return error(base, "images must be a list of {name, newName, newTag, digest}");
    size_t i = 0;
    for (NodeId item : d_.items(n)) {
      std::string p = base + "[" + std::to_string(i++) + "]";
      if (!d_.isMap(item)) {
        error(p, "each images entry is a map {name, newName, newTag, digest}");
        continue;
      }
      for (auto& [k, v] : d_.pairs(item)) {
        std::string key(d_.value(k));
        if (key != names::kImageName && key != names::kImageNewName && key != names::kImageNewTag &&
            key != names::kImageDigest)
          error(p + "." + key, "unknown images field '" + key + "'; the fields are name, newName, newTag, digest");
        else if (!d_.isScalar(v))
          error(p + "." + key, "images " + key + " must be a string");
      }
      ImageOverride o;
      std::string get[4];
      const char* keys[4] = {names::kImageName, names::kImageNewName, names::kImageNewTag, names::kImageDigest};
      for (int j = 0; j < 4; ++j) get[j] = Trim(std::string(d_.str(item, keys[j])));
      addImage(c, ParseImageOverride(get[0], get[1], get[2], get[3], o), o, p, get[0]);
    }
  }

  void addRule(Config& c, const std::string& from, const std::string& to, const std::string& path) {
    Rule r;
    std::string why = ParseFrom(from, r);
    if (!why.empty()) {
      error(path, "from: " + why, from);
      return;
    }
    why = ParseTarget(to, r.to);
    if (!why.empty()) {
      error(path, "to: " + why, to);
      return;
    }
    c.rules.push_back(r);
  }

  void readRules(Config& c) {
    NodeId n = fc_.field(names::kRules);
    if (n == krm::kNoNode || d_.isNull(n)) return;
    std::string base = fc_.path(names::kRules);
    if (d_.isScalar(n)) {
      for (auto& entry : SplitList(std::string(d_.value(n)))) {
        size_t eq = entry.find('=');
        if (eq == std::string::npos) {
          error(base, "rules entries are written from=to, e.g. docker.io=registry.corp.example:5000/hub", entry);
          continue;
        }
        addRule(c, entry.substr(0, eq), entry.substr(eq + 1), base);
      }
      return;
    }
    if (!d_.isSeq(n)) {
      error(base, "rules must be a list of {from, to}");
      return;
    }
    size_t i = 0;
    for (NodeId item : d_.items(n)) {
      std::string p = base + "[" + std::to_string(i++) + "]";
      std::string from(d_.str(item, names::kFrom)), to(d_.str(item, names::kTo));
      if (!d_.isMap(item) || from.empty() || to.empty()) {
        error(p, "each rule needs from and to");
        continue;
      }
      size_t before = results_.size();
      addRule(c, from, to, p);
      // Point at the exact field that is wrong.
      if (results_.size() > before) {
        auto& f = results_.back().field->path;
        f += results_.back().message.rfind("from:", 0) == 0 ? ".from" : ".to";
      }
    }
  }

  void readFieldSpecs(Config& c) {
    NodeId n = fc_.field(names::kAdditionalImageFields);
    if (n == krm::kNoNode || d_.isNull(n)) return;
    std::string base = fc_.path(names::kAdditionalImageFields);
    auto check = [&](FieldSpec& f, const std::string& p) {
      if (f.path.empty()) {
        error(p, "additionalImageFields entries need a path (kind, group and version may be left out: any)");
        return;
      }
      c.additional_fields.push_back(f);
    };
    if (d_.isScalar(n)) {
      // [group/]version/Kind:path or Kind:path, comma-separated.
      for (auto& entry : SplitList(std::string(d_.value(n)))) {
        size_t colon = entry.rfind(':');
        FieldSpec f;
        if (colon == std::string::npos) f.path = entry;  // a path alone: any kind
        if (colon != std::string::npos) {
          std::string gvk = entry.substr(0, colon);
          f.path = entry.substr(colon + 1);
          size_t s2 = gvk.rfind('/');
          f.kind = gvk.substr(s2 == std::string::npos ? 0 : s2 + 1);
          if (s2 != std::string::npos) {
            std::string gv = gvk.substr(0, s2);
            size_t s1 = gv.rfind('/');
            f.version = gv.substr(s1 == std::string::npos ? 0 : s1 + 1);
            if (s1 != std::string::npos) f.group = gv.substr(0, s1);
          }
        }
        check(f, base);
      }
      return;
    }
    if (!d_.isSeq(n)) {
      error(base,
            "additionalImageFields must be a list of {group, version, kind, path} or a comma-separated "
            "string of [group/]version/Kind:path");
      return;
    }
    size_t i = 0;
    for (NodeId item : d_.items(n)) {
      FieldSpec f{std::string(d_.str(item, "group")), std::string(d_.str(item, "version")),
                  std::string(d_.str(item, "kind")), std::string(d_.str(item, "path"))};
      check(f, base + "[" + std::to_string(i++) + "]");
    }
  }

  const krm::FunctionConfig& fc_;
  const Document& d_;
  std::vector<krm::Result>& results_;
  bool ok_ = true;
};

}  // namespace

krm::ConfigSchema Schema() {
  return {names::kGroup,
          {names::kVersion},
          names::kKind,
          {names::kRegistry, names::kRules, names::kPath, names::kExclude, names::kPullSecret, names::kPullPolicy,
           names::kTargets, names::kImageConfig, names::kAdditionalImageFields, names::kStrict,
           names::kOperatorVersions, names::kImageList, names::kImages, names::kAutoUpdate}};
}

namespace {

// Why a registry host written in the config is not one, or "": a URL
// scheme, or a port past 65535.
std::string HostMistake(const std::string& text, const std::string& host) {
  for (const char* scheme : {"https://", "http://", "oci://", "docker://"}) {
    std::string s = scheme;
    if (text.compare(0, s.size(), s) == 0)
      return "'" + text + "' starts with a URL scheme: drop '" + s + "' (write " + text.substr(s.size()) + ")";
  }
  size_t colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']') == std::string::npos && colon + 1 < host.size() &&
      host.size() - colon - 1 <= 10 && host.find_first_not_of("0123456789", colon + 1) == std::string::npos &&
      std::stoull(host.substr(colon + 1)) > 65535)
    return "port " + host.substr(colon + 1) + " of '" + host + "' is past 65535";
  return "";
}

}  // namespace

std::string SetOperatorVersion(const std::string& key, const std::string& text, OperatorVersions& out) {
  std::optional<Version>* into = key == names::kCassOperatorKey        ? &out.cass_operator
                                 : key == names::kK8ssandraOperatorKey ? &out.k8ssandra_operator
                                                                       : nullptr;
  if (!into) return "operatorVersions: unknown operator '" + key + "'; write cassOperator or k8ssandraOperator";
  *into = Version::Parse(Trim(text));
  if (!*into) return "operatorVersions: '" + text + "' is not a release version like v1.32.5";
  return "";
}

std::string ParseOperatorVersions(const std::string& text, OperatorVersions& out) {
  for (const std::string& entry : SplitList(text)) {
    size_t eq = entry.find('=');
    std::string why = SetOperatorVersion(entry.substr(0, eq), eq == std::string::npos ? "" : entry.substr(eq + 1), out);
    if (!why.empty()) return why;
  }
  return "";
}

std::string ParseTarget(const std::string& text, Target& out) {
  std::string t = text;
  while (!t.empty() && t.back() == '/') t.pop_back();
  size_t slash = t.find('/');
  std::string host = t.substr(0, slash);
  if (host.empty()) return "expected registry[/path], e.g. registry.corp.example:5000/mirror";
  if (std::string why = HostMistake(text, host); !why.empty()) return why;
  if (!LooksLikeRegistry(host) || !IsRegistryHost(host))
    return "'" + host +
           "' is not a registry host (it needs a '.', a ':port', or to be localhost; "
           "otherwise runtimes read it as a Docker Hub namespace)";
  out.registry = host;
  out.prefix = slash == std::string::npos ? "" : t.substr(slash + 1);
  if (t.find_first_of(":@", host.size()) != std::string::npos) return "a target holds no tag or digest";
  if (!out.prefix.empty() && !IsPath(out.prefix))
    return "path '" + out.prefix + "' is not a repository path (lower-case components separated by '/')";
  return "";
}

std::string ParseFrom(const std::string& text, Rule& out) {
  std::string t = text;
  while (!t.empty() && t.back() == '/') t.pop_back();
  size_t slash = t.find('/');
  std::string host = t.substr(0, slash);
  if (std::string why = HostMistake(text, host); !why.empty()) return why;
  if (host.empty() || !LooksLikeRegistry(host) || !IsRegistryHost(host))
    return "'" + text + "' must start with a registry host (for Docker Hub write docker.io/...)";
  out.from_registry = CanonicalRegistry(host);
  out.from_path = slash == std::string::npos ? "" : t.substr(slash + 1);
  if (out.from_path.find_first_of(":@") != std::string::npos)
    return "'" + text + "' holds a tag or digest, but rules match names (every tag): drop it";
  if (!out.from_path.empty() && !IsPath(out.from_path))
    return "path '" + out.from_path + "' is not a repository path prefix";
  return "";
}

std::string ParseExclusion(const std::string& text, Exclusion& out) {
  out.written = text;
  out.pattern = NormalizedPattern(text);
  if (IsGlob(text)) return "";
  ParsedRef parsed = ParseImageRef(text);
  if (!parsed.ok) return "'" + text + "' is neither an image name nor a pattern (" + parsed.error + ")";
  if (!parsed.ref.suffix().empty())
    return "'" + text + "' has a tag or digest, but exclusions match names (every tag): write " + parsed.ref.name();
  out.pattern = parsed.ref.name();
  return "";
}

bool IsDns1123Subdomain(const std::string& s) {
  if (s.empty() || s.size() > 253) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(s.front()) || !alnum(s.back())) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (alnum(c) || c == '-') continue;
    if (c == '.' && alnum(s[i - 1]) && alnum(s[i + 1])) continue;
    return false;
  }
  return true;
}

std::optional<Config> ReadConfig(const krm::FunctionConfig& fc, std::vector<krm::Result>& results) {
  if (!fc.usable()) return std::nullopt;
  return Reader(fc, results).read();
}

}  // namespace fn
