// krm/text_check_internal.h: what a YAML or JSON reader may be handed. Input must be
// UTF-8 without NUL bytes; yaml-cpp 0.7 reads a NUL as an escape character,
// mixes encodings on UTF-16 input, and drops a byte-order mark met inside
// a document together with the text around it.
#ifndef KRM_TEXT_CHECK_INTERNAL_H_
#define KRM_TEXT_CHECK_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace krm {

// The offset of the first byte of `text` (a text whose leading byte-order
// mark, if any, was already taken off) that makes it unreadable, with the
// reason in `why`; std::string::npos when it is readable. Refused: UTF-16
// or UTF-32 (a byte-order mark for them, or NUL bytes), any NUL byte, bytes
// that are not UTF-8 (overlong forms, surrogates, code points past
// U+10FFFF, cut-off sequences), and a byte-order mark past the start.
// A text of kParallelCheckBytes or more is read on `threads` cores, with
// the same result.
size_t FindUnreadableText(const std::string& text, std::string& why, unsigned threads = 1);
constexpr size_t kParallelCheckBytes = size_t{1} << 20;

// The length of the UTF-8 sequence at text[i] (1 for ASCII), or 0 when the
// bytes there are not one.
size_t Utf8Length(std::string_view text, size_t i);

// The length of the Unicode line break (NEL U+0085, LS U+2028, PS U+2029:
// a YAML reader may break a line there) that starts at text[i], else 0.
inline size_t UnicodeLineBreak(std::string_view text, size_t i) {
  std::string_view at = text.substr(i);
  if (at.rfind("\xC2\x85", 0) == 0) return 2;
  return at.rfind("\xE2\x80\xA8", 0) == 0 || at.rfind("\xE2\x80\xA9", 0) == 0 ? 3 : 0;
}

// Most of a manifest is runs of spaces and printable ASCII: the checks
// read it eight bytes at a time.
inline uint64_t WordAt(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
constexpr uint64_t kByteOnes = 0x0101010101010101ull;   // 0x01 in every byte
constexpr uint64_t kByteHighs = 0x8080808080808080ull;  // each byte's high bit
// True when a byte of `w` is below `n` (at most 0x80).
constexpr bool AnyByteBelow(uint64_t w, unsigned n) { return ((w - n * kByteOnes) & ~w & kByteHighs) != 0; }

// Throws InputError (krm/resource_list.h), before any parse, for input whose
// node spans would not fit 32-bit offsets (4 GiB or more) and for input
// FindUnreadableText refuses. `prefix` starts the message ("functionConfig: ").
void RequireReadable(const std::string& text, const std::string& prefix = "");

}  // namespace krm

#endif  // KRM_TEXT_CHECK_INTERNAL_H_
