// ResourceList::ParseStream: a plain multi-document YAML stream as the
// items, with the functionConfig given apart (the CLI and kustomize's
// legacy exec plugins).
#include <algorithm>
#include <exception>
#include <optional>

#include "krm/concurrent_parse_internal.h"
#include "krm/resource_list.h"
#include "krm/text_check_internal.h"

namespace krm {

namespace {

// The selector `factory` makes from the config text, or none when the
// config does not read (its error is reported after the stream's).
ItemSelector SelectorFor(const SelectorFactory& factory, const std::string& config) {
  if (!factory) return {};
  try {
    Document d = Document::ParseYaml(config);
    for (NodeId root : d.roots())
      if (!d.isNull(root)) return factory(d, root);
    return factory(d, kNoNode);
  } catch (const std::exception&) {
    return {};
  }
}

// The stream's cut with one piece per item: an empty document (only a
// comment, or nothing between two "---") joins the item before it, or the
// first item when it leads. Nothing when two items share a piece.
std::optional<ItemSplit> PerItem(const ItemSplit& docs, const Document& d, const std::vector<Item>& items) {
  if (docs.starts.size() == items.size()) return docs;
  ItemSplit out{0, {}, docs.end, 0};
  size_t last = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    size_t at = d.node(items[i].node).begin;
    auto next = std::upper_bound(docs.starts.begin(), docs.starts.end(), at);
    size_t k = static_cast<size_t>(next - docs.starts.begin()) - 1;
    if (i > 0 && k <= last) return std::nullopt;
    last = k;
    out.starts.push_back(i == 0 ? 0 : docs.starts[k]);
  }
  return out;
}

}  // namespace

void ResourceList::readStreamConfig(std::string config) {
  config_text_ = std::move(config);
  if (config_text_.find_first_not_of(" \t\r\n") == std::string::npos) return;
  Source cfg(config_text_);
  config_text_ = cfg.text();
  RequireReadable(config_text_, "functionConfig: ");
  try {
    config_doc_ = std::make_unique<Document>(Document::ParseYaml(config_text_));
  } catch (const ParseError& e) {
    LineCol at = PositionOf(config_text_, e.offset());
    throw InputError(at, std::string("functionConfig: ") + e.what());
  }
  const Document& c = *config_doc_;
  for (NodeId root : c.roots()) {
    if (!c.isNull(root)) {
      function_config_ = root;
      break;
    }
  }
}

std::unique_ptr<ResourceList> ResourceList::ParseStream(std::string bytes, std::string config,
                                                        std::vector<FileRef> files, const SelectorFactory& select) {
  std::unique_ptr<ResourceList> rl(new ResourceList(std::move(bytes)));
  rl->stream_ = true;
  const std::string& text = rl->source_.text();
  RequireReadable(text);
  std::vector<Item> opaque;
  std::optional<PartialParse> partial;
  std::optional<ItemSplit> split;
  {
    Source cfg(config);
    partial = ParseStreamSelectively(text, SelectorFor(select, cfg.text()), HardwareThreads());
  }
  if (partial) {
    rl->doc_ = std::make_unique<Document>(std::move(partial->doc));
    opaque = std::move(partial->opaque);
    split = std::move(partial->split);
  } else {
    try {
      rl->doc_ = std::make_unique<Document>(Document::ParseYaml(text));
    } catch (const ParseError& e) {
      rl->fail(e.offset(), e.what());
    }
  }
  const Document& d = *rl->doc_;
  size_t pos = 0, passed = 0;
  for (NodeId root : d.roots()) {
    if (d.kind(root) == NodeKind::Opaque) {
      rl->items_.push_back(opaque.at(passed++));
    } else {
      if (d.isNull(root)) continue;  // empty document between separators
      if (!d.isMap(root)) rl->fail(d.node(root).begin, "document " + std::to_string(pos) + " is not an object");
      rl->indexItem(root);
    }
    if (pos < files.size()) {
      Item& it = rl->items_.back();
      it.path = files[pos].path;
      it.index = files[pos].index;
      it.has_path = true;
    }
    ++pos;
  }
  if (rl->items_.empty()) throw InputError({1, 1}, "no resources in the input: refusing to write an empty stream");
  // Cut at its documents, a piece per item, edited() reads back only the
  // documents it keeps.
  if (split) split = PerItem(*split, d, rl->items_);
  if (split && rl->cutFits(*split)) rl->split_ = std::make_shared<const ItemSplit>(std::move(*split));
  rl->expandLists();
  rl->readStreamConfig(std::move(config));
  return rl;
}

}  // namespace krm
