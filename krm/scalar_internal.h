// krm/scalar_internal.h: where a scalar ends in the text, and how to write a new one
// so that it reads back as the same string.
#ifndef KRM_SCALAR_INTERNAL_H_
#define KRM_SCALAR_INTERNAL_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "krm/document.h"

namespace krm {

// One past the last byte of the scalar whose content starts at `begin`,
// written in `style`, whose decoded value is `value`. `in_flow` tells whether
// it sits in a flow collection; `parent_indent` is the indentation of the
// enclosing block (for block scalars). Returns std::string::npos when the
// extent cannot be established.
size_t ScalarEnd(std::string_view text, size_t begin, Style style, bool in_flow, std::string_view value,
                 size_t parent_indent);

// True when `value` may be written as a plain scalar and read back as the
// same string: not empty, no indicator at the start, no ": " or " #", no
// flow indicator inside a flow collection, and not a null, bool, number or
// date under YAML 1.1 or 1.2 (so "on", "1.36", "0755" and "5751458" are not).
bool PlainSafe(std::string_view value, bool in_flow);

// A double-quoted scalar with YAML/JSON escapes.
std::string DoubleQuoted(std::string_view value);
// A single-quoted scalar ('' for a quote); `value` must have no line break.
std::string SingleQuoted(std::string_view value);

// Renders `value` to replace a scalar written in `style`, keeping that style
// when it can hold the value; otherwise double quotes. JSON always gets
// double quotes. Block styles are not handled here (see embedded.h).
std::string RenderScalar(std::string_view value, Style style, bool in_flow, bool json);

}  // namespace krm

#endif  // KRM_SCALAR_INTERNAL_H_
