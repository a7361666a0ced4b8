// krm/item_scan_internal.h: the structural pre-scan. Reads one item of a
// block-style ResourceList (or one document of a plain stream) line by
// line, without a YAML parser, to learn what it is (apiVersion, kind, name,
// namespace, path annotations) and whether its text keeps to a plain subset
// of block YAML that the scanner can vouch for. An item it vouches for may
// be passed through as bytes, unindexed; anything it is unsure of means
// "parse it", so that the parser reads (and reports) it as before.
#ifndef KRM_ITEM_SCAN_INTERNAL_H_
#define KRM_ITEM_SCAN_INTERNAL_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace krm {

class DocumentBuilder;

struct ItemScan {
  // True when every line is in the subset below and the item is a map.
  // Everything else holds only when `simple` does.
  bool simple = false;
  // True when the item is also in the narrower subset ScanItem can index
  // itself, building the nodes yaml-cpp's indexer would: every scalar on
  // one line (a literal block scalar aside), no escape in a double-quoted
  // one, no folded block scalar, no empty list entry, no key a null.
  bool indexable = false;
  std::string api_version, kind, name, ns;
  std::string path, index;   // the path and index annotations (internal or legacy)
  std::string local_config;  // the config.kubernetes.io/local-config annotation
  // (A captured field a null word sets, `kind: null`, is "", as a parser reads it.)
  bool has_path = false;
  size_t content = 0;  // the map's first key: where a parser's node begins
  size_t end = 0;      // one past the last value, on its line (a line start after a block scalar)
};

// Scans text[begin, end). `column` >= 0: an item whose "- " sits at that
// column on the first line (krm/item_split); `column` < 0: a stream
// document, optionally opened by a "---" line.
//
// The subset: block maps and sequences whose indentation is consistent
// (spaces only); keys plain or quoted on one line, unique within their
// map, at most 1024 characters; values that are plain scalars (over
// several lines too), single- or double-quoted scalars (over several lines
// too; escapes valid), literal or folded block scalars (clip or strip
// chomping, no indentation indicator), and flow collections of scalars
// closed on their line. Not in it, so never vouched for: anchors, aliases,
// tags, directives, document markers inside, explicit keys ('?'), tabs
// outside quotes and block scalars, control characters, a plain scalar
// holding ': ' or ending in ':', a '- ' right after another, nesting
// deeper than 200 levels.
//
// With `into`, an indexable item's nodes are added to it (a stream
// document's map, or an item's map, as a root); call it so only for an item
// a first scan found indexable.
ItemScan ScanItem(std::string_view text, size_t begin, size_t end, long column, DocumentBuilder* into = nullptr);

}  // namespace krm

#endif  // KRM_ITEM_SCAN_INTERNAL_H_
