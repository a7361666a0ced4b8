// krm/edited_list_internal.h: the edits of a patch placed in the pieces of
// the list they change, once, for ResourceList::edited to read back many
// parts of one output (each part then costs what its items hold, not a
// walk over every edit of the run).
#ifndef KRM_EDITED_LIST_INTERNAL_H_
#define KRM_EDITED_LIST_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "krm/patch.h"

namespace krm {

class ResourceList;

// Piece p spans [bounds[p], bounds[p + 1]) of the input: 0 the prefix (to
// the first item), 1..n the items, n + 1 the keys after them.
struct EditPlacement {
  const ResourceList* list = nullptr;  // the list it places edits in
  bool ok = false;                     // the list is cut at its items and every edit falls inside one piece
  std::vector<uint32_t> bounds;        // 32-bit: a text read is under 4 GiB (RequireReadable)
  std::vector<const Edit*> edits;      // in text order; piece p's are [first[p], first[p + 1])
  std::vector<uint32_t> first;
  std::vector<std::pair<size_t, const Edit*>> new_items;  // (p: a "- " item inserted at bounds[p], edit)
  std::vector<const Edit*> appended;                      // items the patch appends after the last
};

}  // namespace krm

#endif  // KRM_EDITED_LIST_INTERNAL_H_
