// Builds a Document from rapidjson's SAX reader. Offsets come from the
// stream position at each event; values are kept as written (numbers raw).
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "krm/document.h"
#include "krm/document_internal.h"

namespace krm {
namespace {

// A read-only stream over the text. rapidjson copies its own StringStream
// into locals while parsing (a speed trick), so Tell() would lag inside the
// callbacks; this type has no such trait and always tells the truth.
class TrackingStream {
 public:
  typedef char Ch;
  explicit TrackingStream(const std::string& text) : begin_(text.c_str()), cur_(begin_) {}
  Ch Peek() const { return *cur_; }
  Ch Take() { return *cur_++; }
  size_t Tell() const { return static_cast<size_t>(cur_ - begin_); }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

 private:
  const Ch* begin_;
  const Ch* cur_;
};

class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
 public:
  Handler(const std::string& text, TrackingStream& in) : t_(text), in_(in), b_(text, true) {}

  Document finish() { return b_.finish(); }
  // Where the nesting passed kMaxNesting, or SIZE_MAX.
  size_t tooDeepAt() const { return too_deep_at_; }

  bool Null() { return Literal(NodeKind::Null, 4, {}); }
  bool Bool(bool v) { return Literal(NodeKind::Scalar, v ? 4 : 5, v ? "true" : "false"); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return Literal(NodeKind::Scalar, n, std::string_view(s, n));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    uint32_t end = Tell();
    uint32_t begin = OpeningQuote(end);
    b_.leaf(NodeKind::Scalar, Style::DoubleQuoted, begin, begin, end, std::string_view(s, n), false);
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return String(s, n, copy); }
  bool StartObject() { return Open(NodeKind::Map); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(NodeKind::Seq); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

 private:
  uint32_t Tell() const { return static_cast<uint32_t>(in_.Tell()); }

  bool Literal(NodeKind kind, uint32_t len, std::string_view value) {
    uint32_t end = Tell();
    b_.leaf(kind, Style::Plain, end - len, end - len, end, value, false);
    return true;
  }

  // The opening quote of the string whose closing quote ends at `end`: the
  // nearest earlier quote not escaped by an odd run of backslashes.
  uint32_t OpeningQuote(uint32_t end) const {
    size_t i = end - 1;  // the closing quote
    while (i > 0) {
      --i;
      if (t_[i] != '"') continue;
      size_t k = i;
      size_t slashes = 0;
      while (k > 0 && t_[k - 1] == '\\') {
        --k;
        ++slashes;
      }
      if (slashes % 2 == 0) return static_cast<uint32_t>(i);
    }
    return 0;
  }

  bool Open(NodeKind kind) {
    uint32_t begin = Tell() - 1;
    if (++depth_ > kMaxNesting) {
      too_deep_at_ = begin;
      return false;  // stops rapidjson before it recurses further
    }
    b_.open(kind, Style::Flow, begin, begin);
    return true;
  }
  bool Close() {
    --depth_;
    b_.close(Tell());
    return true;
  }

  const std::string& t_;
  TrackingStream& in_;
  DocumentBuilder b_;
  size_t depth_ = 0;
  size_t too_deep_at_ = SIZE_MAX;
};

}  // namespace

Document Document::ParseJson(const std::string& text) {
  DocumentInternal::RequireAddressable(text);
  TrackingStream in(text);
  Handler handler(text, in);
  rapidjson::Reader reader;
  constexpr unsigned kFlags =
      rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(in, handler);
  if (handler.tooDeepAt() != SIZE_MAX) throw NestingError(handler.tooDeepAt());
  if (!ok) throw ParseError(ok.Offset(), rapidjson::GetParseError_En(ok.Code()));
  // Only white space may follow the value.
  size_t rest = text.find_first_not_of(" \t\r\n", in.Tell());
  if (rest != std::string::npos) throw ParseError(rest, "unexpected text after the JSON value");
  return handler.finish();
}

}  // namespace krm
