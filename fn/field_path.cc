#include "fn/field_path.h"

namespace fn {

std::string Field(const std::string& base, const std::string& key) { return base.empty() ? key : base + "." + key; }

std::string Indexed(const std::string& base, size_t i) { return base + "[" + std::to_string(i) + "]"; }

}  // namespace fn
