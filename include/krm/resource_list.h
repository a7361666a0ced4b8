// krm/resource_list.h: the ResourceList a function reads and writes, as a
// view over the input bytes. Also serves a plain multi-document stream.
#ifndef KRM_RESOURCE_LIST_H_
#define KRM_RESOURCE_LIST_H_

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "krm/document.h"
#include "krm/patch.h"
#include "krm/result.h"
#include "krm/source.h"

namespace krm {

struct ItemSplit;      // krm/item_split_internal.h
struct EditPlacement;  // krm/edited_list_internal.h

// Input that cannot be processed at all: where (1-based) and why. `file`
// names the file when the input came from one; a line of 0 means the error
// has no position (a file that cannot be read).
class InputError : public std::runtime_error {
 public:
  InputError(LineCol at, const std::string& what, std::string file = {})
      : std::runtime_error(what), at_(at), file_(std::move(file)) {}
  LineCol at() const { return at_; }
  const std::string& file() const { return file_; }

 private:
  LineCol at_;
  std::string file_;
};

// "<program>: [<file>:][<line>:<column>:] <what>", the one line printed for
// unreadable input.
std::string FormatInputError(const std::string& program, const InputError& e);

// One resource in the input.
struct Item {
  NodeId node = kNoNode;  // the object's map
  std::string api_version;
  std::string kind;
  std::string name;
  std::string ns;
  std::string path;  // from internal.config.kubernetes.io/path (or the legacy key)
  long index = 0;    // from internal.config.kubernetes.io/index
  bool has_path = false;
  // Kept as bytes, not indexed (an ItemSelector passed it over): `node` is
  // NodeKind::Opaque and the fields above come from a line scan.
  bool opaque = false;

  ResourceRef ref() const { return {api_version, kind, name, ns}; }
  // The API group ("" for the core group).
  std::string group() const;
};

// Which items a reader indexes. It sees each item before indexing (the
// fields of Item read by a line scan, `node` unset) with its text as
// written; an item it declines is passed through as bytes (Item::opaque).
// Only items the scan can vouch for are offered: any other item is indexed
// as before, so that a malformed one is still reported. v1 Lists are
// always indexed (their members are resources). It may be called from
// several threads at once.
using ItemSelector = std::function<bool(const Item& item, std::string_view text)>;
// Makes the selector once the functionConfig is known; `config` is
// kNoNode when there is none. An empty selector indexes every item.
using SelectorFactory = std::function<ItemSelector(const Document& doc, NodeId config)>;

// How texts are read, process-wide. Fast (the default): the structural
// pre-scan (krm/item_scan) indexes the items it can read itself and passes
// over those an ItemSelector declines; yaml-cpp reads the rest. Full:
// yaml-cpp reads everything and selectors are not asked; the output must
// be the same byte for byte (the differential test checks it), so Full is
// for that test, and for ruling the pre-scan out when something looks off.
enum class ReadMode { Fast, Full };
void SetReadMode(ReadMode mode);
ReadMode GetReadMode();

// The item of `items` that `ref` names (kind, namespace, name), or nullptr.
const Item* FindResource(const std::vector<Item>& items, const ResourceRef& ref);

class ResourceList {
 public:
  // Reads a ResourceList (config.kubernetes.io/v1 or v1beta1) in YAML or
  // JSON. Throws InputError when the bytes are not YAML/JSON, not a
  // ResourceList, or `items` is not a list of objects.
  // With `select`, only the items it accepts are indexed.
  static std::unique_ptr<ResourceList> Parse(std::string bytes, const SelectorFactory& select = {});

  // Reads a plain multi-document YAML stream as the items, and `config`
  // (one YAML or JSON document, may be empty) as the functionConfig.
  // `files` (optional) names each item's file, in stream order. Throws
  // InputError, also when the stream holds no resource at all: an empty
  // output would make a GitOps sync delete everything it manages.
  static std::unique_ptr<ResourceList> ParseStream(std::string bytes, std::string config,
                                                   std::vector<FileRef> files = {}, const SelectorFactory& select = {});

  // The documents borrow the bytes this object owns: it stays where it was made.
  ResourceList(const ResourceList&) = delete;
  ResourceList& operator=(const ResourceList&) = delete;

  const Source& source() const { return source_; }
  const Document& doc() const { return *doc_; }
  const std::vector<Item>& items() const { return items_; }
  // The resources: the items, with the members of each `v1 List` (what
  // `kubectl get -o yaml` prints) in place of the List. A member keeps the
  // List's file path and index.
  const std::vector<Item>& resources() const { return lists_ ? resources_ : items_; }
  bool stream() const { return stream_; }
  // True when the list's text was cut at its items (a block-style list:
  // krm/item_split; a stream at its "---" lines, each document an item), so
  // that edited() reads only the items it keeps (else it reads the whole
  // output each time).
  bool cutIntoItems() const { return split_ != nullptr; }

  // The functionConfig's document and node (kNoNode when absent).
  const Document& configDoc() const { return config_doc_ ? *config_doc_ : *doc_; }
  NodeId functionConfig() const { return function_config_; }

  // The ResourceList's root map, and its `items` value (kNoNode in a
  // stream, or when the list has no `items`).
  NodeId root() const { return stream_ ? kNoNode : root_; }
  NodeId itemsNode() const { return stream_ ? kNoNode : doc_->get(root_, "items"); }
  // True for items a function must leave alone: the Kptfile and the
  // functionConfig when it also appears among the items.
  bool isReserved(const Item& item) const;

  // A result's file reference for an item (when it has a path).
  std::optional<FileRef> fileOf(const Item& item) const;

  // Adds to `patch` what makes the output a ResourceList: `results` in place
  // of any results the input had, and `items` where it is missing. A stream
  // gets nothing (its results go to stderr).
  void addResults(const std::vector<Result>& results, Patch& patch) const;

  // The output: the input with `patch` (addResults' edits included) applied.
  void write(const Patch& patch, std::ostream& out) const;

  // The list as `patch` leaves it, for reading what the edits made: only the
  // items `keep` accepts (judged on this list's indexed items) and the items
  // the patch appends after them are indexed, with everything after the items.
  // A stream is read back the same way, a document an item (an empty one
  // goes with the item before it); a list whose items cannot be cut apart
  // cheaply (flow style, JSON, a stream the pre-scan left whole to
  // yaml-cpp) is indexed whole. Throws InputError when the output does not read.
  std::unique_ptr<ResourceList> edited(const Patch& patch, const std::function<bool(const Item&)>& keep) const;
  // For a caller that reads back many parts of one patch: the patch's edits
  // (in order: Patch::sorted) placed once in this list's items, then each
  // part read with them, at what its items hold rather than a sort of or a
  // walk over every edit of the run. The placement holds the edits'
  // addresses: valid while the patch is not changed. (One made for another
  // list reads the whole output.)
  std::shared_ptr<const EditPlacement> placeEdits(const std::vector<const Edit*>& sorted) const;
  std::unique_ptr<ResourceList> edited(const Patch& patch, const EditPlacement& placed,
                                       const std::function<bool(const Item&)>& keep) const;

  // Reads back what write() would write, where the edits are (see
  // krm/output_check_internal.h): "" when it reads as intended, else why not.
  // `results`: how many addResults put in `patch`.
  std::string check(const Patch& patch, size_t results) const;

 private:
  ResourceList(std::string bytes) : source_(std::move(bytes)) {}
  void indexItem(NodeId node);
  // Fills resources_ when an item is a v1 List.
  void expandLists();
  // A stream's functionConfig, given apart; throws InputError.
  void readStreamConfig(std::string config);
  // Parses the text as JSON or YAML into doc_; fails with InputError.
  void parseDocument(const std::string& text);
  // The ResourceList map, checked for kind and apiVersion.
  NodeId checkListRoot() const;
  // A stream with no documents, this one's functionConfig (what edited()
  // keeps of a stream when it keeps nothing).
  std::unique_ptr<ResourceList> emptyStream() const;
  // True when each item's node lies within its range of `split`.
  bool cutFits(const ItemSplit& split) const;
  [[noreturn]] void fail(size_t offset, const std::string& what) const;

  Source source_;
  std::unique_ptr<Document> doc_;
  std::string config_text_;
  std::unique_ptr<Document> config_doc_;
  std::vector<Item> items_;
  std::vector<Item> resources_;  // with Lists expanded (only when lists_)
  bool lists_ = false;
  NodeId root_ = kNoNode;
  NodeId function_config_ = kNoNode;
  bool stream_ = false;
  // Where the items begin, when the read cut the list (or stream) at them
  // (edited() cuts the output the same way).
  std::shared_ptr<const ItemSplit> split_;
};

// The annotations clients set on items.
namespace annotations {
constexpr const char* kPath = "internal.config.kubernetes.io/path";
constexpr const char* kIndex = "internal.config.kubernetes.io/index";
constexpr const char* kLegacyPath = "config.kubernetes.io/path";
constexpr const char* kLegacyIndex = "config.kubernetes.io/index";
// "true" marks a client-only object (a function's config, a Kptfile) that
// is never applied to a cluster.
constexpr const char* kLocalConfig = "config.kubernetes.io/local-config";
}  // namespace annotations

}  // namespace krm

#endif  // KRM_RESOURCE_LIST_H_
