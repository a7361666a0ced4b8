#include "fn/items_to_read.h"

#include <doctest/doctest.h>

#include "krm/document.h"

using namespace fn;

namespace {

krm::Item Of(const char* api_version, const char* kind, const char* name = "x") {
  krm::Item it;
  it.api_version = api_version;
  it.kind = kind;
  it.name = name;
  return it;
}

}  // namespace

TEST_CASE("which items the function reads: those that can hold an image, named fields, ImageConfigs") {
  Config cfg;
  CHECK(ReadsItem(Of("apps/v1", "Deployment"), "", cfg));
  CHECK(ReadsItem(Of("k8ssandra.io/v1alpha1", "K8ssandraCluster"), "", cfg));
  CHECK(ReadsItem(Of("example.com/v1", "Unknown"), "", cfg));  // walked by shape
  CHECK(ReadsItem(Of("v1", "List"), "", cfg));
  CHECK_FALSE(ReadsItem(Of("apiextensions.k8s.io/v1", "CustomResourceDefinition"), "", cfg));
  CHECK_FALSE(ReadsItem(Of("v1", "Service"), "", cfg));
  CHECK_FALSE(ReadsItem(Of("rbac.authorization.k8s.io/v1", "ClusterRole"), "", cfg));
  CHECK_FALSE(ReadsItem(Of("v1", "ConfigMap"), "data:\n  a: b\n", cfg));
  CHECK(ReadsItem(Of("v1", "ConfigMap"), "data:\n  image_config.yaml: |\n", cfg));
  cfg.image_list = "images";
  CHECK(ReadsItem(Of("v1", "ConfigMap", "images"), "data: {}\n", cfg));
  FieldSpec spec;
  spec.kind = "Service";
  spec.path = "metadata/annotations/image";
  cfg.additional_fields.push_back(spec);
  CHECK(ReadsItem(Of("v1", "Service"), "", cfg));
}

TEST_CASE("the selector comes from the functionConfig; a config that does not read gives none") {
  std::string good = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  registry: mirror.example\n";
  krm::Document d = krm::Document::ParseYaml(good);
  krm::ItemSelector select = ItemsToRead()(d, d.roots()[0]);
  REQUIRE(select);
  CHECK_FALSE(select(Of("v1", "Secret"), ""));
  CHECK(select(Of("apps/v1", "Deployment"), ""));
  std::string bad = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  registry: 'not a registry!'\n";
  krm::Document b = krm::Document::ParseYaml(bad);
  CHECK_FALSE(ItemsToRead()(b, b.roots()[0]));
}
