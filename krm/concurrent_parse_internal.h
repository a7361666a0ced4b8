// krm/concurrent_parse_internal.h: indexing a large ResourceList or stream
// in parts. yaml-cpp's scanner is where the time goes, so (1) items a
// selector declines are not parsed at all when the structural pre-scan
// (krm/item_scan) vouches for them, and (2) the parts that are parsed are
// indexed on several threads. The parts are joined into one Document: the
// one Document::ParseYaml would build, with an Opaque node in place of each
// item passed over.
#ifndef KRM_CONCURRENT_PARSE_INTERNAL_H_
#define KRM_CONCURRENT_PARSE_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "krm/document.h"
#include "krm/item_split_internal.h"
#include "krm/parallel.h"
#include "krm/resource_list.h"

namespace krm {

// Indexes `text` (borrowed, as for Document::ParseYaml; readable, as
// RequireReadable checks: yaml-cpp reads bytes that are not UTF-8 its own
// way, and differently in parts) with up to `threads` threads. Texts shorter than `min_bytes`, or not in the block
// shape that SplitBlockItems finds, or whose ranges do not each parse into the expected pieces, are indexed by one
// Document::ParseYaml call, so the result (and any ParseError) is always that of a sequential parse. `joined`, when
// given, tells whether the parallel path built the result.
Document ParseYamlConcurrently(const std::string& text, unsigned threads, size_t min_bytes = 256 * 1024,
                               bool* joined = nullptr);
Document ParseYamlConcurrently(std::string&&, unsigned, size_t = 0, bool* = nullptr) = delete;

// A document in which some items were passed over.
struct PartialParse {
  Document doc;
  std::vector<Item> opaque;        // each item passed over, in text order, `node` set
  std::optional<ItemSplit> split;  // the cut into items: a list's "- " lines, a stream's documents
};

// A block-style ResourceList with only the items the selector (made by
// `factory` from the functionConfig) accepts indexed: by the pre-scan when
// it can, else by yaml-cpp. Nothing in ReadMode::Full, when the text is not
// in SplitBlockItems' shape, when every item is left to yaml-cpp, or when a
// parsed part fails or does not join: the caller then indexes the whole
// text, which reports any error as before.
std::optional<PartialParse> ParseListSelectively(const std::string& text, const SelectorFactory& factory,
                                                 unsigned threads);
std::optional<PartialParse> ParseListSelectively(std::string&&, const SelectorFactory&, unsigned) = delete;

// The same for a plain multi-document stream, cut at its "---" lines (a
// stream with directives or "..." lines is not cut); an empty selector
// keeps every document (the pre-scan still indexes those it can). Nothing
// when every document is left to yaml-cpp.
std::optional<PartialParse> ParseStreamSelectively(const std::string& text, const ItemSelector& select,
                                                   unsigned threads);
std::optional<PartialParse> ParseStreamSelectively(std::string&&, const ItemSelector&, unsigned) = delete;

}  // namespace krm

#endif  // KRM_CONCURRENT_PARSE_INTERNAL_H_
