// krm/concurrent_parse_internal.h: indexing a large ResourceList on several cores.
// yaml-cpp's scanner is where the time goes, so groups of items are indexed
// on their own threads and the indexes joined into one Document, the same
// one Document::ParseYaml would build.
#ifndef KRM_CONCURRENT_PARSE_INTERNAL_H_
#define KRM_CONCURRENT_PARSE_INTERNAL_H_

#include <cstddef>
#include <string>

#include "krm/document.h"

namespace krm {

// Indexes `text` (borrowed, as for Document::ParseYaml) with up to `threads`
// threads. Texts shorter than `min_bytes`, or not in the block shape that
// SplitBlockItems finds, or whose ranges do not each parse into the expected
// pieces, are indexed by one Document::ParseYaml call, so the result (and
// any ParseError) is always that of a sequential parse. `joined`, when
// given, tells whether the parallel path built the result.
Document ParseYamlConcurrently(const std::string& text, unsigned threads, size_t min_bytes = 256 * 1024,
                               bool* joined = nullptr);
Document ParseYamlConcurrently(std::string&&, unsigned, size_t = 0, bool* = nullptr) = delete;

// The number of threads worth using here: the hardware's cores, at most 8.
unsigned DefaultParseThreads();

}  // namespace krm

#endif  // KRM_CONCURRENT_PARSE_INTERNAL_H_
