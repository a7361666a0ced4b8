// krm/source.h: the input bytes of one run, kept whole and immutable.
#ifndef KRM_SOURCE_H_
#define KRM_SOURCE_H_

#include <cstddef>
#include <string>

namespace krm {

// A 1-based line and column, as error messages print them.
struct LineCol {
  size_t line = 1;
  size_t column = 1;
};

// The input of one run. A UTF-8 byte-order mark is split off (and written
// back by whoever renders the output); everything else is kept byte for byte.
class Source {
 public:
  // Takes the raw bytes of stdin or of a file.
  explicit Source(std::string bytes);

  // The text without the byte-order mark. All node spans index into this.
  const std::string& text() const { return text_; }
  // The byte-order mark that preceded text(), or "".
  const std::string& bom() const { return bom_; }
  // The line ending new lines should use: "\r\n" when the input uses it.
  const std::string& eol() const { return eol_; }
  // True when the first significant character opens a JSON object or array.
  bool looksLikeJson() const { return json_; }

  // The line and column of a byte offset in text().
  LineCol position(size_t offset) const;

 private:
  std::string text_;
  std::string bom_;
  std::string eol_;
  bool json_ = false;
};

// The line and column of `offset` in `text` (1-based).
LineCol PositionOf(const std::string& text, size_t offset);

}  // namespace krm

#endif  // KRM_SOURCE_H_
