#include "krm/resource_list.h"

#include <ostream>

#include "krm/concurrent_parse_internal.h"
#include "krm/output_check_internal.h"
#include "krm/results_splice_internal.h"
#include "krm/text_check_internal.h"

namespace krm {

const Item* FindResource(const std::vector<Item>& items, const ResourceRef& ref) {
  for (const Item& item : items) {
    if (item.kind == ref.kind && item.name == ref.name && item.ns == ref.ns) return &item;
  }
  return nullptr;
}
namespace {

constexpr const char* kListVersions[] = {"config.kubernetes.io/v1", "config.kubernetes.io/v1beta1"};

}  // namespace

std::string FormatInputError(const std::string& program, const InputError& e) {
  std::string o = program + ": ";
  if (!e.file().empty()) o += e.file() + ":";
  if (e.at().line > 0) o += std::to_string(e.at().line) + ":" + std::to_string(e.at().column) + ":";
  if (o.back() == ':') o += " ";
  return o + OneLine(e.what());
}

std::string Item::group() const {
  size_t slash = api_version.find('/');
  return slash == std::string::npos ? std::string() : api_version.substr(0, slash);
}

void ResourceList::fail(size_t offset, const std::string& what) const {
  throw InputError(source_.position(offset), what);
}

void ResourceList::indexItem(NodeId node) {
  const Document& d = *doc_;
  Item it;
  it.node = node;
  it.api_version = std::string(d.str(node, "apiVersion"));
  it.kind = std::string(d.str(node, "kind"));
  NodeId meta = d.get(node, "metadata");
  it.name = std::string(d.str(meta, "name"));
  it.ns = std::string(d.str(meta, "namespace"));
  NodeId ann = d.get(meta, "annotations");
  NodeId path = d.get(ann, annotations::kPath);
  if (path == kNoNode) path = d.get(ann, annotations::kLegacyPath);
  if (d.isScalar(path)) {
    it.path = std::string(d.value(path));
    it.has_path = true;
  }
  NodeId index = d.get(ann, annotations::kIndex);
  if (index == kNoNode) index = d.get(ann, annotations::kLegacyIndex);
  if (d.isScalar(index)) {
    try {
      it.index = std::stol(std::string(d.value(index)));
    } catch (...) {
      it.index = 0;
    }
  }
  items_.push_back(std::move(it));
}

void ResourceList::parseDocument(const std::string& text) {
  // JSON when it parses as JSON; otherwise YAML (flow-style YAML also
  // starts with '{'), whose error is the one reported.
  if (source_.looksLikeJson()) {
    try {
      doc_ = std::make_unique<Document>(Document::ParseJson(text));
      return;
    } catch (const NestingError& e) {
      fail(e.offset(), e.what());
    } catch (const ParseError&) {
    }
  }
  try {
    doc_ = std::make_unique<Document>(ParseYamlConcurrently(text, HardwareThreads()));
  } catch (const ParseError& e) {
    fail(e.offset(), e.what());
  }
}

NodeId ResourceList::checkListRoot() const {
  const Document& d = *doc_;
  if (d.roots().size() != 1) {
    size_t at = d.roots().size() > 1 ? d.node(d.roots()[1]).begin : 0;
    fail(at, "expected exactly one document holding a ResourceList");
  }
  NodeId root = d.roots()[0];
  if (!d.isMap(root)) fail(d.node(root).begin, "expected a ResourceList object");
  std::string_view kind = d.str(root, "kind");
  std::string_view version = d.str(root, "apiVersion");
  if (kind != "ResourceList") {
    NodeId k = d.get(root, "kind");
    fail(
        k == kNoNode ? d.node(root).begin : d.node(k).begin,
        "expected kind ResourceList, found " + (kind.empty() ? std::string("no kind") : "'" + std::string(kind) + "'"));
  }
  bool known = false;
  for (const char* v : kListVersions) known = known || version == v;
  if (!known) {
    NodeId v = d.get(root, "apiVersion");
    fail(v == kNoNode ? d.node(root).begin : d.node(v).begin, "unsupported ResourceList apiVersion '" +
                                                                  std::string(version) +
                                                                  "' (expected config.kubernetes.io/v1 or v1beta1)");
  }
  return root;
}

std::unique_ptr<ResourceList> ResourceList::Parse(std::string bytes, const SelectorFactory& select) {
  std::unique_ptr<ResourceList> rl(new ResourceList(std::move(bytes)));
  const std::string& text = rl->source_.text();
  RequireReadable(text);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError({1, 1}, "empty input: expected a ResourceList");
  std::vector<Item> opaque;
  std::optional<PartialParse> partial;
  if (select && !rl->source_.looksLikeJson()) partial = ParseListSelectively(text, select, HardwareThreads());
  if (partial) {
    rl->doc_ = std::make_unique<Document>(std::move(partial->doc));
    opaque = std::move(partial->opaque);
    if (partial->split) rl->split_ = std::make_shared<const ItemSplit>(std::move(*partial->split));
  } else {
    rl->parseDocument(text);
  }
  const Document& d = *rl->doc_;
  NodeId root = rl->root_ = rl->checkListRoot();
  NodeId items = d.get(root, "items");
  if (!d.isNull(items) && !d.isSeq(items)) rl->fail(d.node(items).begin, "items must be a list");
  size_t pos = 0, passed = 0;
  std::vector<NodeId> all = d.items(items);
  rl->items_.reserve(all.size());
  for (NodeId item : all) {
    if (d.kind(item) == NodeKind::Opaque) {
      rl->items_.push_back(std::move(opaque.at(passed++)));
    } else {
      if (!d.isMap(item)) rl->fail(d.node(item).begin, "items[" + std::to_string(pos) + "] is not an object");
      rl->indexItem(item);
    }
    ++pos;
  }
  NodeId fc = d.get(root, "functionConfig");
  rl->function_config_ = d.isNull(fc) ? kNoNode : fc;
  rl->expandLists();
  // A list read whole is cut at its items too, when its text has the shape
  // and each item's node lies within its cut, so that edited() can read back
  // only the items kept.
  if (!rl->split_ && !d.json()) {
    std::optional<ItemSplit> split = SplitBlockItems(text, HardwareThreads());
    if (split && rl->cutFits(*split)) rl->split_ = std::make_shared<const ItemSplit>(std::move(*split));
  }
  return rl;
}

bool ResourceList::cutFits(const ItemSplit& split) const {
  const Document& d = *doc_;
  std::vector<NodeId> nodes;
  if (stream_) {
    for (const Item& it : items_) nodes.push_back(it.node);
  } else {
    nodes = d.items(itemsNode());
  }
  if (nodes.size() != split.starts.size()) return false;
  for (size_t i = 0; i < nodes.size(); ++i) {
    size_t end = i + 1 < nodes.size() ? split.starts[i + 1] : split.end;
    const Node& n = d.node(nodes[i]);
    if (n.begin < split.starts[i] || n.end > end) return false;
  }
  return true;
}

void ResourceList::expandLists() {
  const Document& d = *doc_;
  for (const Item& it : items_) lists_ = lists_ || (it.kind == "List" && it.api_version == "v1");
  if (!lists_) return;
  for (const Item& it : items_) {
    if (it.kind != "List" || it.api_version != "v1") {
      resources_.push_back(it);
      continue;
    }
    for (NodeId m : d.items(d.get(it.node, "items"))) {
      if (!d.isMap(m)) continue;
      Item member = it;
      member.node = m;
      member.api_version = std::string(d.str(m, "apiVersion"));
      member.kind = std::string(d.str(m, "kind"));
      member.name = std::string(d.str(d.get(m, "metadata"), "name"));
      member.ns = std::string(d.str(d.get(m, "metadata"), "namespace"));
      resources_.push_back(std::move(member));
    }
  }
}

bool ResourceList::isReserved(const Item& item) const {
  if (item.kind == "Kptfile" && item.group() == "kpt.dev") return true;
  if (function_config_ == kNoNode || config_doc_) return false;
  const Document& d = *doc_;
  NodeId fc = function_config_;
  NodeId meta = d.get(fc, "metadata");
  return item.kind == d.str(fc, "kind") && item.api_version == d.str(fc, "apiVersion") &&
         item.name == d.str(meta, "name") && item.ns == d.str(meta, "namespace");
}

std::optional<FileRef> ResourceList::fileOf(const Item& item) const {
  if (!item.has_path) return std::nullopt;
  return FileRef{item.path, item.index};
}

void ResourceList::addResults(const std::vector<Result>& results, Patch& patch) const {
  if (!stream_) SpliceListKeys(*doc_, root_, results, source_.eol(), patch);
}

std::string ResourceList::check(const Patch& patch, size_t results) const {
  const Document& d = *doc_;
  const std::string& t = source_.text();
  std::vector<NodeId> units;
  for (const Item& it : items_) units.push_back(it.node);
  size_t tail = t.size();
  size_t first = units.empty() ? 0 : d.node(units[0]).begin;
  if (!stream_) {
    NodeId items = d.get(root_, "items");
    if (d.isSeq(items)) first = d.node(items).begin;
    // The line after the items (a block scalar's end is already a line start).
    size_t end = d.isSeq(items) ? d.node(items).end : t.size();
    size_t nl = end > 0 && t[end - 1] == '\n' ? end - 1 : t.find('\n', end);
    tail = nl == std::string::npos ? t.size() : nl + 1;
    if (!d.isSeq(items) || d.node(items).style == Style::Flow) units.clear();  // checked whole
  }
  size_t appended = 0;
  for (const Expectation& e : patch.expectations()) {
    if (!stream_ && e.kind() == Expectation::Kind::Item && e.node() == d.get(root_, "items")) ++appended;
  }
  return CheckOutput(d, patch, units, !stream_, first, tail, stream_ ? 0 : results, appended);
}

void ResourceList::write(const Patch& patch, std::ostream& out) const {
  out << source_.bom();
  patch.write(source_.text(), out);
}

}  // namespace krm
