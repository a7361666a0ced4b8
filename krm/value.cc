#include "krm/value.h"

#include "krm/scalar_internal.h"

namespace krm {

std::string RenderValue(const Value& v, bool in_flow, bool json) {
  switch (v.type) {
    case Value::Type::String:
      return RenderScalar(v.str, Style::Plain, in_flow, json);
    case Value::Type::Map: {
      if (v.map.empty()) return "{}";
      std::string out = "{";
      bool first = true;
      for (const auto& kv : v.map) {
        if (!first) out += ", ";
        first = false;
        out += RenderScalar(kv.first, Style::Plain, true, json);
        out += ": ";
        out += RenderValue(kv.second, true, json);
      }
      return out + "}";
    }
    case Value::Type::List: {
      std::string out = "[";
      bool first = true;
      for (const auto& item : v.list) {
        if (!first) out += ", ";
        first = false;
        out += RenderValue(item, true, json);
      }
      return out + "]";
    }
  }
  return {};
}

}  // namespace krm
