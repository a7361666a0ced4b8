#include "krm/function_config.h"

#include <algorithm>

namespace krm {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string o;
  for (size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + v[i];
  return o;
}

std::string Accepted(const ConfigSchema& s) {
  std::string versions;
  for (size_t i = 0; i < s.versions.size(); ++i) versions += (i ? " or " : "") + s.group + "/" + s.versions[i];
  return "a v1 ConfigMap whose data holds string values (for example `kpt fn eval --exec ... -- "
         "key=value`), or a " +
         versions + " " + s.kind + " with its fields under spec";
}

// The edit distance of two short words, case folded.
size_t Distance(const std::string& a, const std::string& b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// " Did you mean X?" for the accepted key closest to `key`, or "".
std::string DidYouMean(const std::string& key, const std::vector<std::string>& keys) {
  std::string best;
  size_t least = 3;  // at most two edits away
  for (const auto& k : keys) {
    size_t d = Distance(key, k);
    if (d < least) least = d, best = k;
  }
  return best.empty() ? "" : " Did you mean " + best + "?";
}

// A field of the schema written beside spec instead of under it.
void WarnBesideSpec(const Document& doc, NodeId node, const ConfigSchema& schema, const ResourceRef& ref,
                    std::vector<Result>& results) {
  for (auto& kv : doc.pairs(node)) {
    std::string key(doc.value(kv.first));
    if (std::find(schema.keys.begin(), schema.keys.end(), key) == schema.keys.end()) continue;
    results.push_back(
        Result::Warning("'" + key + "' is written beside spec and is ignored: move it under spec").about(ref).at(key));
  }
}

}  // namespace

FunctionConfig FunctionConfig::Read(const Document& doc, NodeId node, const ConfigSchema& schema,
                                    std::vector<Result>& results) {
  FunctionConfig fc;
  fc.doc_ = &doc;
  auto fail = [&](const std::string& why, const std::string& path) {
    fc.form_ = node == kNoNode ? Form::Missing : Form::Invalid;
    Result r = Result::Error(why + "; accepted: " + Accepted(schema));
    if (node != kNoNode && !fc.ref_.kind.empty()) r.about(fc.ref_).at(path);
    results.push_back(std::move(r));
    return fc;
  };
  if (node == kNoNode || doc.isNull(node)) return fail("no functionConfig was given", "");
  if (!doc.isMap(node)) return fail("the functionConfig is not an object", "");
  std::string api(doc.str(node, "apiVersion"));
  std::string kind(doc.str(node, "kind"));
  NodeId meta = doc.get(node, "metadata");
  fc.ref_ = {api, kind, std::string(doc.str(meta, "name")), std::string(doc.str(meta, "namespace"))};
  std::string section;
  if (kind == "ConfigMap" && api == "v1") {
    section = "data";
    fc.form_ = Form::ConfigMap;
  } else if (kind == schema.kind && api.rfind(schema.group + "/", 0) == 0) {
    std::string version = api.substr(schema.group.size() + 1);
    bool ok = false;
    for (const auto& v : schema.versions) ok = ok || v == version;
    if (!ok) return fail("unsupported version '" + api + "' of " + kind, "apiVersion");
    section = "spec";
    fc.form_ = Form::Typed;
  } else {
    std::string what = kind.empty() ? std::string("an object without kind") : "'" + api + "/" + kind + "'";
    return fail("the functionConfig is " + what, "");
  }
  if (fc.form_ == Form::Typed) WarnBesideSpec(doc, node, schema, fc.ref_, results);
  NodeId fields = doc.get(node, section);
  if (!doc.isNull(fields) && !doc.isMap(fields)) return fail(section + " must be a map", section);
  fc.fields_ = doc.isMap(fields) ? fields : kNoNode;
  for (auto& kv : doc.pairs(fc.fields_)) {
    std::string key(doc.value(kv.first));
    if (fc.form_ == Form::ConfigMap && !doc.isScalar(kv.second) && !doc.isNull(kv.second)) {
      fail("ConfigMap data." + key + " must be a string", "data." + key);
      return fc;
    }
    if (std::find(schema.keys.begin(), schema.keys.end(), key) == schema.keys.end()) {
      results.push_back(Result::Warning("unknown functionConfig key '" + key + "' is ignored; accepted keys: " +
                                        Join(schema.keys) + "." + DidYouMean(key, schema.keys))
                            .about(fc.ref_)
                            .at(section + "." + key));
    }
  }
  return fc;
}

NodeId FunctionConfig::field(std::string_view key) const {
  if (!usable() || fields_ == kNoNode) return kNoNode;
  return doc_->get(fields_, key);
}

std::string FunctionConfig::path(std::string_view key) const {
  return std::string(form_ == Form::ConfigMap ? "data." : "spec.") + std::string(key);
}

}  // namespace krm
