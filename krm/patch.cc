#include "krm/patch.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace krm {

namespace {

// An edit's place in the order edits were made (32 bits: an edit changes
// bytes of a text under 4 GiB, which has fewer edits).
uint32_t Order(size_t n) {
  if (n >= UINT32_MAX) throw std::length_error("more than 2^32 - 1 edits");
  return static_cast<uint32_t>(n);
}

}  // namespace

void Patch::replace(size_t begin, size_t end, std::string text) {
  edits_.push_back({begin, end, std::move(text), Order(edits_.size()), 0, anchor_});
}

void Patch::insert(size_t at, std::string text, size_t depth) {
  edits_.push_back({at, at, std::move(text), Order(edits_.size()),
                    static_cast<uint32_t>(std::min<size_t>(depth, UINT32_MAX)), anchor_});
}

void Patch::expect(Expectation::Kind kind, uint32_t node, std::string_view key, const Value& value) {
  Expectation e;
  e.kind_ = kind;
  e.node_ = node;
  e.key_size_ = static_cast<uint32_t>(key.size());
  e.text_ = key;
  if (value.type == Value::Type::String)
    e.text_ += value.str;
  else
    e.tree_ = std::make_shared<const Value>(value);
  expectations_.push_back(std::move(e));
}

void Patch::expectLastEditText(uint32_t node) {
  if (edits_.empty()) throw std::logic_error("an expectation of the last edit's text, with no edit");
  Expectation e;
  e.node_ = node;
  e.edit_ = static_cast<uint32_t>(edits_.size() - 1);
  expectations_.push_back(std::move(e));
}

std::string_view Patch::expectedString(const Expectation& e) const {
  if (e.edit_ != UINT32_MAX) return edits_.at(e.edit_).text;
  return std::string_view(e.text_).substr(e.key_size_);
}

std::vector<const Edit*> Patch::sorted() const {
  std::vector<const Edit*> out;
  out.reserve(edits_.size());
  for (const Edit& e : edits_) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const Edit* a, const Edit* b) {
    if (a->begin != b->begin) return a->begin < b->begin;
    // insertions before a replacement that starts at the same offset
    bool ai = a->begin == a->end, bi = b->begin == b->end;
    if (ai != bi) return ai;
    if (a->depth != b->depth) return a->depth > b->depth;
    return a->order < b->order;
  });
  // Identical replacements of one range collapse into one.
  size_t kept = 0;
  for (const Edit* e : out) {
    const Edit* last = kept > 0 ? out[kept - 1] : nullptr;
    if (last && e->begin != e->end && last->begin == e->begin && last->end == e->end && last->text == e->text) continue;
    out[kept++] = e;
  }
  out.resize(kept);
  return out;
}

bool Patch::conflicts(std::string* why) const {
  size_t reach = 0;
  bool any = false;
  for (const Edit* e : sorted()) {
    if (any && e->begin < reach) {
      if (why) {
        std::ostringstream s;
        s << "overlapping edits at byte " << e->begin;
        *why = s.str();
      }
      return true;
    }
    if (e->end > e->begin) {
      reach = e->end;
      any = true;
    }
  }
  return false;
}

void Patch::write(const std::string& text, std::ostream& out) const {
  std::string why;
  if (conflicts(&why)) throw std::logic_error(why);
  size_t pos = 0;
  for (const Edit* e : sorted()) {
    if (e->begin > pos) out.write(text.data() + pos, static_cast<std::streamsize>(e->begin - pos));
    out.write(e->text.data(), static_cast<std::streamsize>(e->text.size()));
    pos = std::max(pos, e->end);
  }
  if (pos < text.size()) out.write(text.data() + pos, static_cast<std::streamsize>(text.size() - pos));
}

void Patch::ApplyRange(const std::string& text, size_t a, size_t b, const std::vector<const Edit*>& edits,
                       std::string& out) {
  size_t pos = a;
  for (const Edit* e : edits) {
    if (e->begin > pos) out.append(text, pos, e->begin - pos);
    out += e->text;
    pos = std::max(pos, e->end);
  }
  if (b > pos) out.append(text, pos, b - pos);
}

std::string Patch::apply(const std::string& text) const {
  std::ostringstream out;
  write(text, out);
  return out.str();
}

}  // namespace krm
