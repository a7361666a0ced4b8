// krm/value.h: a small tree for values the function adds (new keys, list
// items), rendered in flow style so that they fit any indentation.
#ifndef KRM_VALUE_H_
#define KRM_VALUE_H_

#include <string>
#include <utility>
#include <vector>

namespace krm {

struct Value {
  enum class Type { String, Map, List };
  Type type = Type::String;
  std::string str;
  std::vector<std::pair<std::string, Value>> map;
  std::vector<Value> list;

  static Value String(std::string s) {
    Value v;
    v.str = std::move(s);
    return v;
  }
  static Value Map(std::vector<std::pair<std::string, Value>> m) {
    Value v;
    v.type = Type::Map;
    v.map = std::move(m);
    return v;
  }
  static Value List(std::vector<Value> l) {
    Value v;
    v.type = Type::List;
    v.list = std::move(l);
    return v;
  }
};

// Renders `v` for a place in flow (`in_flow`) or block context. Strings are
// quoted only when needed (always, for JSON); maps and lists use flow style.
std::string RenderValue(const Value& v, bool in_flow, bool json);

}  // namespace krm

#endif  // KRM_VALUE_H_
