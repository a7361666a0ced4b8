// fn/image_config.h: cass-operator's ImageConfig, a YAML document stored as
// a string in a ConfigMap (data.image_config.yaml), in either format
// (config.k8ssandra.io/v1beta1 strings, v1beta2 structured). It is edited
// inside the string with the same splice discipline as everything else.
#ifndef FN_IMAGE_CONFIG_H_
#define FN_IMAGE_CONFIG_H_

#include <string>
#include <vector>

#include "fn/structured_image.h"
#include "krm/patch.h"

namespace fn {

// Field paths inside the embedded document are written after a '|':
// "data.image_config.yaml|images.system-logger.registry".
constexpr const char* kEmbeddedSeparator = "|";

// What the ImageConfig pass leaves for the others.
struct ImageConfigFacts {
  bool changed = false;           // an image config was edited
  std::string hash;               // of every changed image config's final text
  std::vector<std::string> where; // "ConfigMap/name" of each changed one
  ComponentImages components;     // source images of images.<component>
};

// True when `item` is a ConfigMap holding an image config: labelled
// k8ssandra.io/config=image with an image_config.yaml key, or with an
// image_config.yaml key whose document is kind ImageConfig.
bool IsImageConfigMap(const krm::Document& doc, const krm::Item& item);

// Reads images.<component> (as the operator would resolve them, before any
// change) into `out`, for completing partial structured images.
void CollectComponents(const krm::Document& doc, const krm::Item& item, ComponentImages& out);

// Relocates the image config of `item` (see the README for exactly what
// each format gets). Inner edits go through `outer` on the ConfigMap's
// value. Errors (unreadable document, override mode that cannot apply)
// become error results; an unknown apiVersion a warning.
void RewriteImageConfig(Reporter& rep, const krm::Item& item, const krm::Document& doc, krm::Patch& outer,
                        const std::string& eol, ImageConfigFacts& facts);

// A stable hex digest (FNV-1a, 64 bits) of `text`.
std::string Fingerprint(const std::string& text);

}  // namespace fn

#endif  // FN_IMAGE_CONFIG_H_
