#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "krm/text_check_internal.h"

namespace krm {

TEST_CASE("readable text: UTF-8 of every length, no NUL, no inner byte-order mark") {
  std::string why;
  std::string ok = "a: \"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"\n";
  CHECK(FindUnreadableText(ok, why) == std::string::npos);
  CHECK(FindUnreadableText("", why) == std::string::npos);
}

TEST_CASE("unreadable text: where and why") {
  struct Case {
    std::string text;
    size_t offset;
    std::string why;
  };
  const std::string kUtf8 = "invalid UTF-8: the input must be UTF-8 text";
  for (const Case& c : std::vector<Case>{
           {std::string("\xFF\xFE"
                        "a\0:\0",
                        6),
            0, "UTF-16 or UTF-32 input is not read: convert it to UTF-8"},
           {std::string("\xFE\xFF\0a", 4), 0, "UTF-16 or UTF-32 input is not read: convert it to UTF-8"},
           {std::string("a\0:\0 \0b\0", 8), 1,
            "a NUL byte: the input must be UTF-8 text (is it UTF-16? convert it to UTF-8)"},
           {"items: []\n\xEF\xBB\xBFitems: x\n", 10,
            "a byte-order mark inside the input (only the first byte of the input may carry one)"},
           {"a: \xC0\xAF", 3, kUtf8},          // overlong '/'
           {"a: \xE0\x80\xAF", 3, kUtf8},      // overlong, 3 bytes
           {"a: \xED\xA0\x80", 3, kUtf8},      // a surrogate
           {"a: \xF4\x90\x80\x80", 3, kUtf8},  // past U+10FFFF
           {"a: \xE2\x82", 3, kUtf8},          // cut off at the end
           {"a: \x80", 3, kUtf8},              // a lone continuation byte
           {"a: \xE9t\xE9", 3, kUtf8},         // Latin-1
       }) {
    CAPTURE(c.text);
    std::string why;
    CHECK(FindUnreadableText(c.text, why) == c.offset);
    CHECK(why == c.why);
  }
}

TEST_CASE("a large text is checked on several cores with the first fault found, as on one") {
  std::string base;
  // Mostly multi-byte sequences, so that a cut anywhere but after a line
  // break would split one.
  while (base.size() < kParallelCheckBytes + 4096)
    base += "k: \xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xF0\x9F\x98\x80\xC3\xA9\n";
  const std::string faults[] = {std::string("\xE2\x82"), std::string(1, '\0'), "\xEF\xBB\xBF"};
  // Where ranges are cut for 2, 3 and 8 threads (the line start at or after
  // size * k / n), and a few bytes on, and elsewhere.
  std::vector<size_t> at{0, 1, 17, base.size() - 1};
  for (size_t n : {2, 3, 8})
    for (size_t k = 1; k < n; ++k)
      for (size_t d : {0, 1, 2, 3, 5, 8, 13, 21}) at.push_back(base.size() * k / n + d);
  size_t checked = 0;
  for (size_t p : at) {
    for (const std::string& f : faults) {
      std::string t = base;
      t.insert(p, f);
      if (p + 1000 < t.size()) t.insert(p + 1000, "\xC0\xAF");  // a later fault must not win
      std::string want_why;
      size_t want = FindUnreadableText(t, want_why, 1);
      REQUIRE(want != std::string::npos);
      for (unsigned threads : {2u, 3u, 8u}) {
        std::string why;
        CAPTURE(p);
        CAPTURE(threads);
        CHECK(FindUnreadableText(t, why, threads) == want);
        CHECK(why == want_why);
        ++checked;
      }
    }
  }
  for (unsigned threads : {2u, 3u, 8u}) {
    std::string why;
    CHECK(FindUnreadableText(base, why, threads) == std::string::npos);
  }
  CHECK(checked > 500);
}

}  // namespace krm
