// ResourceList::edited: the output of a run read back, indexing only the
// items a caller needs. The kept items' text is built from the input and
// the edits made in it, so that the whole output is never held twice.
#include <algorithm>
#include <optional>

#include "krm/document_internal.h"
#include "krm/edited_list_internal.h"
#include "krm/item_split_internal.h"
#include "krm/resource_list.h"

namespace krm {
namespace {

// Places every edit in its piece (see EditPlacement). An insertion where a
// piece ends belongs to that piece (a key added at the end of an item's
// map), unless it is a new item of a list ("- " at the items' column):
// that one stays where it is, whatever is kept around it. Edits anchored
// at the items list (`list`, the list's offset; nullopt for a stream) are
// items the patch appends, and go after the last item. Not `ok` when an
// edit does not fall inside one piece. Edits in text order fall in pieces
// in order: a walk, not a search per edit.
void Place(const ItemSplit& split, const std::vector<const Edit*>& sorted, std::optional<size_t> list,
           EditPlacement& out) {
  const std::vector<uint32_t>& bounds = out.bounds;
  size_t pieces = bounds.size() - 1;
  const std::string item_start = std::string(split.column, ' ') + "- ";
  size_t p = 0, last = 0;
  out.first.assign(pieces + 1, 0);
  for (const Edit* ep : sorted) {
    const Edit& e = *ep;
    if (list && e.anchor == *list) {
      if (e.begin != e.end) return;
      out.appended.push_back(&e);
      continue;
    }
    while (p + 1 < pieces && bounds[p + 1] <= e.begin) ++p;
    size_t q = p;
    if (list && e.begin == e.end && q > 1 && e.begin == bounds[q] &&
        e.text.compare(0, item_start.size(), item_start) == 0) {
      out.new_items.emplace_back(q, &e);
      continue;
    }
    if (e.begin == e.end && q > 0 && e.begin == bounds[q]) --q;
    if (e.end > bounds[q + 1] || q < last) return;  // (never in text order: the whole parse then)
    last = q;
    out.edits.push_back(&e);
    ++out.first[q + 1];
  }
  for (size_t q = 0; q < pieces; ++q) out.first[q + 1] += out.first[q];
  out.ok = true;
}

// The text of the output's prefix, kept items, appended items and keys
// after the items.
std::string Select(const std::string& text, const EditPlacement& at, const std::vector<bool>& kept) {
  const std::vector<uint32_t>& bounds = at.bounds;
  size_t pieces = bounds.size() - 1;
  auto wanted = [&](size_t q) { return q == 0 || q == pieces - 1 || kept[q - 1]; };
  std::vector<const Edit*> in_piece;
  auto edits_of = [&](size_t q) {
    in_piece.assign(at.edits.begin() + static_cast<std::ptrdiff_t>(at.first[q]),
                    at.edits.begin() + static_cast<std::ptrdiff_t>(at.first[q + 1]));
  };
  size_t size = 0;
  for (size_t q = 0; q < pieces; ++q) {
    if (!wanted(q)) continue;
    size += bounds[q + 1] - bounds[q];
    for (size_t k = at.first[q]; k < at.first[q + 1]; ++k) size += at.edits[k]->text.size();
  }
  for (const auto& [q, e] : at.new_items) size += e->text.size();
  for (const Edit* e : at.appended) size += e->text.size();
  std::string out;
  out.reserve(size);
  size_t next_new = 0;
  auto items_at = [&](size_t q) {
    for (; next_new < at.new_items.size() && at.new_items[next_new].first == q; ++next_new)
      out += at.new_items[next_new].second->text;
  };
  auto piece = [&](size_t q) {
    edits_of(q);
    Patch::ApplyRange(text, bounds[q], bounds[q + 1], in_piece, out);
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

std::unique_ptr<ResourceList> ResourceList::emptyStream() const {
  std::unique_ptr<ResourceList> rl(new ResourceList(std::string()));
  rl->stream_ = true;
  rl->doc_ = std::make_unique<Document>(DocumentInternal::Empty(rl->source_.text(), false));
  rl->readStreamConfig(config_text_);
  return rl;
}

std::shared_ptr<const EditPlacement> ResourceList::placeEdits(const std::vector<const Edit*>& sorted) const {
  auto out = std::make_shared<EditPlacement>();
  out->list = this;
  const ItemSplit* split = split_.get();  // the read's cut
  if (!split || split->starts.size() != items_.size() || (!stream_ && itemsNode() == kNoNode)) return out;
  out->bounds.reserve(split->starts.size() + 3);
  out->bounds.push_back(0);
  for (size_t s : split->starts) out->bounds.push_back(static_cast<uint32_t>(s));
  out->bounds.push_back(static_cast<uint32_t>(split->end));
  out->bounds.push_back(static_cast<uint32_t>(source_.text().size()));
  Place(*split, sorted, stream_ ? std::nullopt : std::optional<size_t>(doc_->node(itemsNode()).begin), *out);
  return out;
}

std::unique_ptr<ResourceList> ResourceList::edited(const Patch& patch,
                                                   const std::function<bool(const Item&)>& keep) const {
  return edited(patch, *placeEdits(patch.sorted()), keep);
}

std::unique_ptr<ResourceList> ResourceList::edited(const Patch& patch, const EditPlacement& placed,
                                                   const std::function<bool(const Item&)>& keep) const {
  const std::string& in = source_.text();
  auto whole = [&] { return stream_ ? ParseStream(patch.apply(in), config_text_) : Parse(patch.apply(in)); };
  if (!placed.ok || placed.list != this) return whole();
  std::vector<bool> kept;
  kept.reserve(items_.size());
  for (const Item& item : items_) kept.push_back(!item.opaque && keep(item));
  // A stream of no documents does not read (there is nothing to write).
  if (stream_ && std::find(kept.begin(), kept.end(), true) == kept.end()) return emptyStream();
  try {
    std::string text = Select(in, placed, kept);
    std::unique_ptr<ResourceList> out = stream_ ? ParseStream(std::move(text), config_text_) : Parse(std::move(text));
    if (SameItems(items_, kept, out->items())) return out;
  } catch (const InputError&) {
    // The cut was a wrong guess: read the whole output.
  }
  return whole();
}

}  // namespace krm
