#include "fn/items_to_read.h"

#include "fn/additional_fields.h"
#include "fn/config.h"
#include "fn/names.h"
#include "fn/pull_sites.h"
#include "krm/function_config.h"

namespace fn {

bool ReadsItem(const krm::Item& item, std::string_view text, const Config& config) {
  if (HasAdditionalFields(item, config.additional_fields)) return true;
  if (item.group().empty() && item.kind == names::kConfigMap)
    return (!config.image_list.empty() && item.name == config.image_list) ||
           text.find(names::kImageConfigKey) != std::string_view::npos;
  return MayHoldPullSites(item);
}

krm::SelectorFactory ItemsToRead() {
  return [](const krm::Document& doc, krm::NodeId node) -> krm::ItemSelector {
    std::vector<krm::Result> ignored;  // reported when the run reads the config again
    krm::FunctionConfig fc = krm::FunctionConfig::Read(doc, node, Schema(), ignored);
    std::optional<Config> cfg = ReadConfig(fc, ignored);
    if (!cfg || krm::HasError(ignored)) return {};
    return [config = std::move(*cfg)](const krm::Item& item, std::string_view text) {
      return ReadsItem(item, text, config);
    };
  };
}

}  // namespace fn
