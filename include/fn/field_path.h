// fn/field_path.h: field paths as results print them
// ("spec.template.spec.containers[0].image").
#ifndef FN_FIELD_PATH_H_
#define FN_FIELD_PATH_H_

#include <cstddef>
#include <string>

namespace fn {

// Joins a field path: Field("spec", "containers[0]") == "spec.containers[0]";
// an empty base gives the key alone.
std::string Field(const std::string& base, const std::string& key);
// Indexed("containers", 3) == "containers[3]".
std::string Indexed(const std::string& base, size_t i);

}  // namespace fn

#endif  // FN_FIELD_PATH_H_
