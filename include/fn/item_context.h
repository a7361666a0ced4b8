// fn/item_context.h: what one rewrite of one item works with: the run, the
// item, and the editor of the document being changed (the item's own, or a
// document embedded in one of its strings). Field paths given to it are
// relative to that document; results name the item.
#ifndef FN_ITEM_CONTEXT_H_
#define FN_ITEM_CONTEXT_H_

#include <optional>
#include <string>

#include "fn/run_context.h"
#include "krm/editor.h"

namespace fn {

class ItemContext {
 public:
  // Edits of the item's own document.
  ItemContext(RunContext& run, const krm::Item& item, krm::Editor& editor) : run_(run), item_(item), ed_(editor) {}
  // Edits of a document embedded at field `base` of the item: result paths
  // read "base|inner.path" (names::kEmbeddedSeparator).
  ItemContext(RunContext& run, const krm::Item& item, krm::Editor& inner, std::string base)
      : run_(run), item_(item), ed_(inner), base_(std::move(base)) {}
  ItemContext(const ItemContext&) = delete;
  ItemContext& operator=(const ItemContext&) = delete;

  RunContext& run() const { return run_; }
  const Relocator& rules() const { return run_.rules(); }
  const Config& config() const { return run_.config(); }
  const krm::Item& item() const { return item_; }
  const krm::Document& doc() const { return ed_.doc(); }
  krm::Editor& editor() const { return ed_; }

  // The result path of `path` (relative to this document); "" is the
  // document itself.
  std::string at(const std::string& path) const;

  // A result at `path`.
  void report(krm::Severity severity, const std::string& path, const std::string& message,
              std::optional<std::string> current = std::nullopt,
              std::optional<std::string> proposed = std::nullopt) const;
  // An info result for a change made at `path`, counted as a change.
  void changed(const std::string& path, const std::string& message, std::optional<std::string> current,
               std::optional<std::string> proposed) const;
  // Records a relocation to `target` for the collision check.
  void noteTarget(const std::string& target, const std::string& source, const std::string& path) const;

 private:
  RunContext& run_;
  const krm::Item& item_;
  krm::Editor& ed_;
  std::string base_;
};

}  // namespace fn

#endif  // FN_ITEM_CONTEXT_H_
