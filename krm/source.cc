#include "krm/source.h"

namespace krm {

Source::Source(std::string bytes) : text_(std::move(bytes)), eol_("\n") {
  static const std::string kBom = "\xEF\xBB\xBF";
  if (text_.compare(0, kBom.size(), kBom) == 0) {
    bom_ = kBom;
    text_.erase(0, kBom.size());
  }
  size_t nl = text_.find('\n');
  if (nl != std::string::npos && nl > 0 && text_[nl - 1] == '\r') eol_ = "\r\n";
  size_t i = text_.find_first_not_of(" \t\r\n");
  json_ = i != std::string::npos && (text_[i] == '{' || text_[i] == '[');
}

LineCol Source::position(size_t offset) const { return PositionOf(text_, offset); }

LineCol PositionOf(const std::string& text, size_t offset) {
  LineCol lc;
  if (offset > text.size()) offset = text.size();
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace krm
