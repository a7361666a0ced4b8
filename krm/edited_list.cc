// ResourceList::edited: the output of a run read back, indexing only the
// items a caller needs. The kept items' text is built from the input and
// the edits made in it, so that the whole output is never held twice.
#include <algorithm>

#include "krm/item_split_internal.h"
#include "krm/resource_list.h"

namespace krm {
namespace {

// The text of the output's prefix, kept items, appended items and keys
// after the items; nothing when an edit does not fall inside one piece.
// An insertion where a piece ends belongs to that piece (a key added at
// the end of an item's map), unless it is a new item ("- " at the items'
// column): that one stays where it is, whatever is kept around it. Edits
// anchored at the items list (`list`) are items the patch appends, and go
// after the last item.
std::optional<std::string> Select(const std::string& text, const ItemSplit& split, const std::vector<bool>& kept,
                                  const Patch& patch, size_t list) {
  std::vector<size_t> bounds{0};
  bounds.insert(bounds.end(), split.starts.begin(), split.starts.end());
  bounds.push_back(split.end);
  bounds.push_back(text.size());
  // Piece p spans [bounds[p], bounds[p + 1]): 0 the prefix, 1..n the items, n + 1 the keys after.
  size_t pieces = bounds.size() - 1;
  std::vector<std::vector<const Edit*>> edits(pieces);
  std::vector<std::vector<const Edit*>> new_items(pieces + 1);  // inserted at bounds[p]
  std::vector<const Edit*> appended;
  const std::string item_start = std::string(split.column, ' ') + "- ";
  std::vector<const Edit*> sorted = patch.sorted();
  for (const Edit* ep : sorted) {
    const Edit& e = *ep;
    if (e.anchor == list) {
      if (e.begin != e.end) return std::nullopt;
      appended.push_back(&e);
      continue;
    }
    size_t p = static_cast<size_t>(std::upper_bound(bounds.begin(), bounds.end(), e.begin) - bounds.begin()) - 1;
    if (p >= pieces) p = pieces - 1;
    if (e.begin == e.end && p > 1 && e.begin == bounds[p] && e.text.compare(0, item_start.size(), item_start) == 0) {
      new_items[p].push_back(&e);
      continue;
    }
    if (e.begin == e.end && p > 0 && e.begin == bounds[p]) --p;
    if (e.end > bounds[p + 1]) return std::nullopt;
    edits[p].push_back(&e);
  }
  std::string out;
  size_t size = bounds[1] + (bounds[pieces] - bounds[pieces - 1]);
  for (size_t i = 0; i < kept.size(); ++i) size += kept[i] ? bounds[i + 2] - bounds[i + 1] : 0;
  for (const Edit* e : sorted) size += e->text.size();
  out.reserve(size);
  Patch::ApplyRange(text, bounds[0], bounds[1], edits[0], out);
  for (size_t i = 0; i < kept.size(); ++i) {
    for (const Edit* e : new_items[i + 1]) out += e->text;
    if (kept[i]) Patch::ApplyRange(text, bounds[i + 1], bounds[i + 2], edits[i + 1], out);
  }
  for (const Edit* e : new_items[pieces - 1]) out += e->text;
  for (const Edit* e : appended) out += e->text;
  Patch::ApplyRange(text, bounds[pieces - 1], bounds[pieces], edits[pieces - 1], out);
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
  const std::string& in = source_.text();
  if (stream_) return ParseStream(patch.apply(in), config_text_);
  const ItemSplit* split = split_.get();  // the read's cut
  if (!split || split->starts.size() != items_.size() || itemsNode() == kNoNode) return Parse(patch.apply(in));
  std::vector<bool> kept;
  for (const Item& item : items_) kept.push_back(!item.opaque && keep(item));
  std::optional<std::string> text = Select(in, *split, kept, patch, doc_->node(itemsNode()).begin);
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
