// fn/fingerprint.h: a stable digest of a text, for annotations that must
// change exactly when the text does.
#ifndef FN_FINGERPRINT_H_
#define FN_FINGERPRINT_H_

#include <string>

namespace fn {

// A stable hex digest (FNV-1a, 64 bits, 16 hex digits) of `text`.
std::string Fingerprint(const std::string& text);

}  // namespace fn

#endif  // FN_FINGERPRINT_H_
