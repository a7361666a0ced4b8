#include "krm/function_config.h"

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
  NodeId fields = doc.get(node, section);
  if (!doc.isNull(fields) && !doc.isMap(fields)) return fail(section + " must be a map", section);
  fc.fields_ = doc.isMap(fields) ? fields : kNoNode;
  for (auto& kv : doc.pairs(fc.fields_)) {
    std::string key(doc.value(kv.first));
    if (fc.form_ == Form::ConfigMap && !doc.isScalar(kv.second) && !doc.isNull(kv.second)) {
      fail("ConfigMap data." + key + " must be a string", "data." + key);
      return fc;
    }
    bool known = false;
    for (const auto& k : schema.keys) known = known || k == key;
    if (!known) {
      results.push_back(
          Result::Warning("unknown functionConfig key '" + key + "' is ignored; accepted keys: " + Join(schema.keys))
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
