#include "krm/patch.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace krm {

void Patch::replace(size_t begin, size_t end, std::string text) {
  edits_.push_back({begin, end, std::move(text), edits_.size(), 0, anchor_});
}

void Patch::insert(size_t at, std::string text, size_t depth) {
  edits_.push_back({at, at, std::move(text), edits_.size(), depth, anchor_});
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
