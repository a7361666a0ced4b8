// fn/glob.h: shell-style patterns for exclusions.
#ifndef FN_GLOB_H_
#define FN_GLOB_H_

#include <string_view>

namespace fn {

// True when `text` matches `pattern`: '*' matches any run of characters
// ('/' included), '?' any one character; everything else matches itself.
bool GlobMatch(std::string_view pattern, std::string_view text);

// True when `text` holds a wildcard ('*' or '?'): a pattern, not a name.
inline bool IsGlob(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

}  // namespace fn

#endif  // FN_GLOB_H_
