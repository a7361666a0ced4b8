// fn/image_config_resolve.h: the images an ImageConfig gives cass-operator
// and k8ssandra-operator, composed the way they compose them (both formats;
// ../shared reference sections 2.2 and 3.3, restated in the tests).
#ifndef FN_IMAGE_CONFIG_RESOLVE_H_
#define FN_IMAGE_CONFIG_RESOLVE_H_

#include <optional>
#include <string>

#include "fn/upstream_defaults.h"
#include "krm/document.h"

namespace fn {

// An image an operator composes, and the field that decides it.
struct Composed {
  std::string image;   // the string the pod will carry ("" when it cannot be composed)
  std::string origin;  // "ConfigMap/x data.image_config.yaml|images.reaper"
  std::string why;     // why it cannot be composed (image == "")
};

class ImageConfigResolver {
 public:
  // `root` is the ImageConfig map in `doc`; `where` prefixes origins
  // ("ConfigMap/cass-operator-image-config data.image_config.yaml").
  ImageConfigResolver(const krm::Document& doc, krm::NodeId root, std::string where);

  bool v1beta2() const { return v1beta2_; }
  const std::string& where() const { return where_; }
  // True when images.<component> is set.
  bool has(const std::string& component) const;

  // images.<component> (system-logger, config-builder, k8ssandra-client,
  // reaper, medusa) after the config's registry policy. A v1beta2 config
  // without the entry composes "docker.io/:" upstream: reported as `why`.
  Composed image(const std::string& component) const;

  // The server image for `type` (cassandra, dse, hcd) at `version`.
  Composed server(const std::string& type, const std::string& version) const;

  // The cass-operator version, which decides v1beta1's built-in DSE repository.
  void setCassOperator(std::optional<Version> v) { cass_operator_ = v; }

 private:
  std::string applyV1beta1(const std::string& component, const std::string& image) const;
  std::string mergeV1beta2(krm::NodeId entry, bool type_entry, const std::string& tag) const;
  std::string at(const std::string& path) const;
  const krm::Document& d_;
  krm::NodeId root_;
  std::string where_;
  std::optional<Version> cass_operator_;
  bool v1beta2_;
};

}  // namespace fn

#endif  // FN_IMAGE_CONFIG_RESOLVE_H_
