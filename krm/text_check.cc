#include <cstdint>
#include <cstring>
#include <vector>

#include "krm/item_split_internal.h"
#include "krm/parallel.h"
#include "krm/resource_list.h"
#include "krm/text_check_internal.h"

namespace krm {

size_t Utf8Length(std::string_view text, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (at(i + k) < 0x80 || at(i + k) > 0xBF) return 0;
  return n;
}

namespace {

// The first unreadable byte of the sequences that start in [begin, end),
// begin being the start of one; npos when there is none.
size_t FindUnreadableIn(const std::string& text, size_t begin, size_t end, std::string& why) {
  for (size_t i = begin; i < end;) {
    // Eight ASCII bytes without a NUL at a time: most of any manifest.
    if (i + 8 <= end) {
      uint64_t w = WordAt(text.data() + i);
      if ((w & kByteHighs) == 0 && !AnyByteBelow(w, 1)) {
        i += 8;
        continue;
      }
    }
    if (text[i] == '\0') {
      why = "a NUL byte: the input must be UTF-8 text (is it UTF-16? convert it to UTF-8)";
      return i;
    }
    size_t n = Utf8Length(text, i);
    if (n == 0) {
      why = "invalid UTF-8: the input must be UTF-8 text";
      return i;
    }
    if (n == 3 && text.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      why = "a byte-order mark inside the input (only the first byte of the input may carry one)";
      return i;
    }
    i += n;
  }
  return std::string::npos;
}

}  // namespace

size_t FindUnreadableText(const std::string& text, std::string& why, unsigned threads) {
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    why = "UTF-16 or UTF-32 input is not read: convert it to UTF-8";
    return 0;
  }
  // Ranges cut at line starts: no sequence starts there but its own, and one
  // that runs into the line break before it is invalid on either side.
  size_t n = text.size() < kParallelCheckBytes ? 1 : std::max(1u, threads);
  std::vector<size_t> cut = LineCuts(text, 0, n);
  std::vector<size_t> bad(n, std::string::npos);
  std::vector<std::string> whys(n);
  RunOnThreads(n, [&](size_t k) { bad[k] = FindUnreadableIn(text, cut[k], cut[k + 1], whys[k]); });
  for (size_t k = 0; k < n; ++k) {
    if (bad[k] == std::string::npos) continue;
    why = whys[k];
    return bad[k];
  }
  return std::string::npos;
}

void RequireReadable(const std::string& text, const std::string& prefix) {
  if (text.size() >= UINT32_MAX)
    throw InputError({1, 1}, prefix + "the input has " + std::to_string(text.size()) +
                                 " bytes; at most 4 GiB - 1 can be read (offsets are 32-bit)");
  std::string why;
  size_t at = FindUnreadableText(text, why, HardwareThreads());
  if (at != std::string::npos) throw InputError(PositionOf(text, at), prefix + why);
}

}  // namespace krm
