// Fuzz target: the embedded ImageConfig. The input is the document inside
// the string; the first byte picks how the ConfigMap holds it (literal
// block with each chomping, folded, double-quoted) and the config.
#include <cstddef>
#include <cstdint>

#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/run.h"
#include "tests/fuzz/invariants.h"

namespace {

// `doc` as the value of data.image_config.yaml in block style `header`.
std::string Block(const std::string& header, const std::string& doc) {
  std::string out = "    image_config.yaml: " + header + "\n";
  size_t start = 0;
  while (start < doc.size()) {
    size_t nl = doc.find('\n', start);
    std::string line = doc.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += line.empty() ? "\n" : "      " + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string Quoted(const std::string& doc) {
  std::string out = "    image_config.yaml: \"";
  for (char c : doc) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string doc(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string value;
  switch (data[0] % 5) {
    case 0:
      value = Block("|", doc);
      break;
    case 1:
      value = Block("|-", doc);
      break;
    case 2:
      value = Block("|+", doc);
      break;
    case 3:
      value = Block(">", doc);
      break;
    default:
      value = Quoted(doc);
      break;
  }
  const char* configs[] = {"{registry: 'reg.example:5000', pullSecret: regcred, pullPolicy: Always}",
                           "{registry: 'reg.example/m', path: flatten}",
                           "{registry: reg.example, imageConfig: override}",
                           "{rules: 'docker.io=reg.example/hub', path: nest}"};
  std::string input =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
      "  metadata:\n    name: ic\n    labels: {k8ssandra.io/config: image}\n  data:\n" +
      value +
      "- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: cass-operator}\n  spec:\n    template:\n"
      "      spec:\n        containers:\n        - name: m\n          image: k8ssandra/cass-operator:v1.22.0\n"
      "functionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: " +
      configs[(data[0] / 5) % 4] + "}\n";
  fuzz::Check(
      [](std::string in, std::ostream& out, std::ostream& err) {
        return krm::RunResourceList(std::move(in), out, err, fn::names::kProgram, fn::Relocate);
      },
      input, true);
  return 0;
}
