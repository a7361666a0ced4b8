// ResourceList::edited: the output of a run read back, indexing only the
// items a caller needs. The kept items' text is built from the input and
// the edits made in it, so that the whole output is never held twice.
#include <algorithm>

#include "krm/item_split_internal.h"
#include "krm/resource_list.h"

namespace krm {
namespace {

// The edits of the pieces that are read, and the new items, in text
// order, each with its piece. Piece p spans [bounds[p], bounds[p + 1]): 0
// the prefix, 1..n the items, n + 1 the keys after. Edits in text order
// fall in pieces in order: a walk, not a search per edit, and nothing is
// kept for a piece that is not read.
struct Placed {
  std::vector<std::pair<size_t, const Edit*>> edits;      // (piece, edit)
  std::vector<std::pair<size_t, const Edit*>> new_items;  // (p: inserted at bounds[p], edit)
  std::vector<const Edit*> appended;
  size_t text = 0;  // bytes of the text of the edits kept here
};

// An insertion where a piece ends belongs to that piece (a key added at
// the end of an item's map), unless it is a new item ("- " at the items'
// column): that one stays where it is, whatever is kept around it. Edits
// anchored at the items list (`list`) are items the patch appends, and go
// after the last item. Nothing when an edit does not fall inside one piece.
std::optional<Placed> Place(const std::vector<size_t>& bounds, const ItemSplit& split, const std::vector<bool>& kept,
                            const std::vector<const Edit*>& sorted, size_t list) {
  size_t pieces = bounds.size() - 1;
  auto wanted = [&](size_t p) { return p == 0 || p == pieces - 1 || kept[p - 1]; };
  Placed out;
  const std::string item_start = std::string(split.column, ' ') + "- ";
  size_t p = 0, last = 0;
  for (const Edit* ep : sorted) {
    const Edit& e = *ep;
    if (e.anchor == list) {
      if (e.begin != e.end) return std::nullopt;
      out.appended.push_back(&e);
      out.text += e.text.size();
      continue;
    }
    while (p + 1 < pieces && bounds[p + 1] <= e.begin) ++p;
    size_t q = p;
    if (e.begin == e.end && q > 1 && e.begin == bounds[q] && e.text.compare(0, item_start.size(), item_start) == 0) {
      out.new_items.emplace_back(q, &e);
      out.text += e.text.size();
      continue;
    }
    if (e.begin == e.end && q > 0 && e.begin == bounds[q]) --q;
    if (e.end > bounds[q + 1] || q < last) return std::nullopt;  // (never in text order: the whole parse then)
    last = q;
    if (!wanted(q)) continue;
    out.edits.emplace_back(q, &e);
    out.text += e.text.size();
  }
  return out;
}

// The text of the output's prefix, kept items, appended items and keys
// after the items (see Place); nothing when an edit does not fall inside
// one piece.
std::optional<std::string> Select(const std::string& text, const ItemSplit& split, const std::vector<bool>& kept,
                                  const std::vector<const Edit*>& sorted, size_t list) {
  std::vector<size_t> bounds{0};
  bounds.insert(bounds.end(), split.starts.begin(), split.starts.end());
  bounds.push_back(split.end);
  bounds.push_back(text.size());
  size_t pieces = bounds.size() - 1;
  std::optional<Placed> placed = Place(bounds, split, kept, sorted, list);
  if (!placed) return std::nullopt;
  const Placed& at = *placed;
  std::string out;
  size_t size = at.text + bounds[1] + (bounds[pieces] - bounds[pieces - 1]);
  for (size_t i = 0; i < kept.size(); ++i) size += kept[i] ? bounds[i + 2] - bounds[i + 1] : 0;
  out.reserve(size);
  size_t next_edit = 0, next_new = 0;
  std::vector<const Edit*> in_piece;
  auto piece = [&](size_t q) {
    in_piece.clear();
    for (; next_edit < at.edits.size() && at.edits[next_edit].first == q; ++next_edit)
      in_piece.push_back(at.edits[next_edit].second);
    Patch::ApplyRange(text, bounds[q], bounds[q + 1], in_piece, out);
  };
  auto items_at = [&](size_t q) {
    for (; next_new < at.new_items.size() && at.new_items[next_new].first == q; ++next_new)
      out += at.new_items[next_new].second->text;
  };
  piece(0);
  for (size_t i = 0; i < kept.size(); ++i) {
    items_at(i + 1);
    if (kept[i]) piece(i + 1);
  }
  items_at(pieces - 1);
  for (const Edit* e : at.appended) out += e->text;
  piece(pieces - 1);
  return out;
}

// True when `now` holds the kept items of `was`, in order, then the rest.
bool SameItems(const std::vector<Item>& was, const std::vector<bool>& kept, const std::vector<Item>& now) {
  size_t j = 0;
  for (size_t i = 0; i < was.size(); ++i) {
    if (!kept[i]) continue;
    if (j >= now.size() || now[j].kind != was[i].kind || now[j].name != was[i].name || now[j].ns != was[i].ns)
      return false;
    ++j;
  }
  return true;
}

}  // namespace

std::unique_ptr<ResourceList> ResourceList::edited(const Patch& patch,
                                                   const std::function<bool(const Item&)>& keep) const {
  return edited(patch, patch.sorted(), keep);
}

std::unique_ptr<ResourceList> ResourceList::edited(const Patch& patch, const std::vector<const Edit*>& sorted,
                                                   const std::function<bool(const Item&)>& keep) const {
  const std::string& in = source_.text();
  if (stream_) return ParseStream(patch.apply(in), config_text_);
  const ItemSplit* split = split_.get();  // the read's cut
  if (!split || split->starts.size() != items_.size() || itemsNode() == kNoNode) return Parse(patch.apply(in));
  std::vector<bool> kept;
  for (const Item& item : items_) kept.push_back(!item.opaque && keep(item));
  std::optional<std::string> text = Select(in, *split, kept, sorted, doc_->node(itemsNode()).begin);
  if (text) {
    try {
      std::unique_ptr<ResourceList> out = Parse(std::move(*text));
      if (SameItems(items_, kept, out->items())) return out;
    } catch (const InputError&) {
      // The cut was a wrong guess: read the whole output.
    }
  }
  return Parse(patch.apply(in));
}

}  // namespace krm
