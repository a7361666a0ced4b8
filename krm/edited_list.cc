// ResourceList::edited: the output of a run read back, indexing only the
// items a caller needs (the rest are cut out of the text before parsing).
#include "krm/item_split_internal.h"
#include "krm/resource_list.h"

namespace krm {
namespace {

// The kept items' text: the lines before the items, each kept item, every
// item past `known` (appended by the patch), and the keys after the items.
std::string Select(const std::string& text, const ItemSplit& split, const std::vector<bool>& kept) {
  std::string out = text.substr(0, split.starts[0]);
  for (size_t i = 0; i < split.starts.size(); ++i) {
    size_t b = split.starts[i], e = i + 1 < split.starts.size() ? split.starts[i + 1] : split.end;
    if (i >= kept.size() || kept[i]) out.append(text, b, e - b);
  }
  out.append(text, split.end, std::string::npos);
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
  std::string text = patch.apply(source_.text());
  if (stream_) return ParseStream(std::move(text), config_text_);
  std::optional<ItemSplit> split = doc_->json() ? std::nullopt : SplitBlockItems(text);
  if (!split || split->starts.size() < items_.size()) return Parse(std::move(text));
  std::vector<bool> kept;
  for (const Item& item : items_) kept.push_back(keep(item));
  try {
    std::unique_ptr<ResourceList> out = Parse(Select(text, *split, kept));
    if (SameItems(items_, kept, out->items())) return out;
  } catch (const InputError&) {
    // The cut was a wrong guess: read the whole output.
  }
  return Parse(std::move(text));
}

}  // namespace krm
