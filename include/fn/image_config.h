// fn/image_config.h: cass-operator's ImageConfig, a YAML document stored as
// a string in a ConfigMap (data.image_config.yaml), in either format
// (config.k8ssandra.io/v1beta1 strings, v1beta2 structured). It is read once
// per ConfigMap and edited inside the string with the same splice
// discipline as everything else.
#ifndef FN_IMAGE_CONFIG_H_
#define FN_IMAGE_CONFIG_H_

#include <memory>
#include <string>

#include "fn/operator_deployment.h"
#include "fn/run_context.h"
#include "fn/structured_image.h"
#include "krm/embedded.h"
#include "krm/patch.h"

namespace fn {

// An ImageConfig ConfigMap of the input, with its embedded document parsed.
class ImageConfigMap {
 public:
  // Reads `item` when it is a ConfigMap holding an image config: labelled
  // k8ssandra.io/config=image with an image_config.yaml key, or with an
  // image_config.yaml key whose document is kind ImageConfig (or cannot be
  // read, which is then reported). Returns nullptr for anything else.
  static std::unique_ptr<ImageConfigMap> Read(const krm::Document& doc, const krm::Item& item);
  ImageConfigMap(const ImageConfigMap&) = delete;
  ImageConfigMap& operator=(const ImageConfigMap&) = delete;

  const krm::Item& item() const { return item_; }
  // The string and what a reader of it sees.
  const krm::Embedded& embedded() const { return *embedded_; }
  // The embedded document, or nullptr when it is not readable YAML.
  const krm::Document* inner() const { return inner_.get(); }
  // Why it is not readable (inner() == nullptr): the parse error's message
  // and its position inside the string.
  const std::string& error() const { return error_; }
  // The root map of the embedded document, or kNoNode.
  krm::NodeId root() const;
  // Its apiVersion ("" when unreadable or missing).
  std::string version() const;

 private:
  ImageConfigMap(const krm::Document& doc, const krm::Item& item, krm::NodeId scalar);
  const krm::Item& item_;
  std::unique_ptr<krm::Embedded> embedded_;
  std::unique_ptr<krm::Document> inner_;
  std::string error_;
};

// Reads images.<component> (as the operator would resolve them, before any
// change) into `out`, for completing partial structured images. A v1beta2
// config wins over a v1beta1 one in the same input.
void CollectKnownImages(const ImageConfigMap& config, KnownImages& out);

// Relocates the image config (see the README for exactly what each format
// gets). Inner edits go through `outer` on the ConfigMap's value. Errors
// (unreadable document, override mode that cannot apply) become error
// results; an unknown apiVersion a warning. A change is recorded in `change`.
void RewriteImageConfig(RunContext& run, const ImageConfigMap& config, krm::Patch& outer, const std::string& eol,
                        ImageConfigChange& change);

// True for a top-level `kind: ImageConfig` document (config.k8ssandra.io
// v1beta1 or v1beta2): the file a kustomize configMapGenerator turns into the
// ConfigMap (k8ssandra-operator v1.5 - v1.26
// config/components/cass-operator-image-config/image_config.yaml,
// cass-operator config/manager and config/imageconfig).
bool IsStandaloneImageConfig(const krm::Item& item);

// Relocates such a document with the same rules as the embedded one; result
// paths are its own fields. A change is recorded in `change`.
void RewriteStandaloneImageConfig(RunContext& run, const krm::Item& item, krm::Editor& ed, ImageConfigChange& change);

}  // namespace fn

#endif  // FN_IMAGE_CONFIG_H_
