#include "fn/custom_sites.h"

#include "fn/image_name.h"

namespace fn {
namespace {

struct Segment {
  std::string key;
  long index = -1;
};

// "spec.cassandra.datacenters[0].serverImage" -> its keys and indexes.
std::vector<Segment> Segments(const std::string& path) {
  std::vector<Segment> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Segment s;
    size_t bracket = part.find('[');
    s.key = part.substr(0, bracket);
    if (bracket != std::string::npos) s.index = std::stol(part.substr(bracket + 1));
    out.push_back(s);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

// The node at `path` below `node`, or kNoNode when a part is missing.
krm::NodeId FindAt(const krm::Document& d, krm::NodeId node, const std::string& path) {
  for (const Segment& seg : Segments(path)) {
    node = d.get(node, seg.key);
    if (node == krm::kNoNode || d.isNull(node)) return krm::kNoNode;
    if (seg.index >= 0) {
      std::vector<krm::NodeId> items = d.items(node);
      if (static_cast<size_t>(seg.index) >= items.size()) return krm::kNoNode;
      node = items[static_cast<size_t>(seg.index)];
    }
  }
  return node;
}

// Sets the value at `path` below `node`: an existing scalar is replaced, an
// existing structured image gets every field, missing maps are created.
bool SetAt(krm::Editor& ed, krm::NodeId node, const std::string& path, const krm::Value& value) {
  const krm::Document& d = ed.doc();
  std::vector<Segment> segs = Segments(path);
  for (size_t i = 0; i < segs.size(); ++i) {
    krm::NodeId child = d.get(node, segs[i].key);
    if (child == krm::kNoNode || d.isNull(child)) {
      std::vector<std::string> keys;
      for (size_t j = i; j < segs.size(); ++j) {
        if (segs[j].index >= 0) return false;
        keys.push_back(segs[j].key);
      }
      return ed.setPath(node, keys, value);
    }
    if (segs[i].index >= 0) {
      std::vector<krm::NodeId> items = d.items(child);
      if (static_cast<size_t>(segs[i].index) >= items.size()) return false;
      child = items[static_cast<size_t>(segs[i].index)];
    }
    if (i + 1 < segs.size()) {
      node = child;
      continue;
    }
    if (value.type == krm::Value::Type::String) return d.isScalar(child) && ed.setScalar(child, value.str);
    if (!d.isMap(child)) return false;
    bool ok = true;
    for (const auto& [k, v] : value.map) {
      if (d.str(child, k) != v.str || d.keyOf(child, k) == krm::kNoNode) ok = ed.setKey(child, k, v) && ok;
    }
    return ok;
  }
  return false;
}

krm::Result About(krm::Result r, const PullSite& s, const std::string& field) {
  r.about(s.ref);
  if (!field.empty()) r.at(field);
  return r;
}

// True when the site's output image is what the entry asks: relocated, or
// (when the relocation could not move it, an escape reported on its own)
// the customized image itself.
bool Reached(const InventoryEntry& e, const Decision& d) {
  ParsedRef want = ParseImageRef(d.reference());
  return e.target.image == d.customized.normalized() || (want.ok && e.target.image == want.ref.normalized());
}

}  // namespace

std::vector<CustomMiss> CustomMisses(const std::vector<InventoryEntry>& entries, const Relocator& rules) {
  std::vector<CustomMiss> out;
  if (rules.config().images.empty()) return out;
  for (const InventoryEntry& e : entries) {
    if (!e.source.field.empty() || e.source.written.empty() || e.target.image.empty()) continue;
    ParsedRef p = ParseImageRef(e.source.written);
    if (!p.ok) continue;
    Decision d = rules.decide(p.ref);
    if (!d.custom || Reached(e, d)) continue;
    out.push_back({e, d.custom, d.reference()});
  }
  return out;
}

size_t MakeExplicit(const std::vector<CustomMiss>& misses, const std::vector<krm::Item>& items, RunContext& run,
                    krm::Editor& ed) {
  size_t written = 0;
  for (const CustomMiss& m : misses) {
    const PullSite& s = m.entry.source;
    if (s.explicit_field.empty()) continue;
    const krm::Item* item = krm::FindResource(items, s.ref);
    if (!item) continue;
    ParsedRef want = ParseImageRef(m.want);
    krm::Value value = krm::Value::String(m.want);
    if (s.explicit_structured) {
      // No digest field; a map written in part was completed or relocated
      // by its own rewriter, and another edit of it would collide: both
      // are named as misses.
      if (!want.ref.digest.empty() || FindAt(ed.doc(), item->node, s.explicit_field) != krm::kNoNode) continue;
      ImageName n = FromRef(want.ref);
      value = krm::Value::Map({{"registry", krm::Value::String(n.registry.empty() ? want.ref.registry : n.registry)},
                               {"repository", krm::Value::String(n.repository)},
                               {"name", krm::Value::String(n.name)},
                               {"tag", krm::Value::String(n.tag)}});
    }
    if (!SetAt(ed, item->node, s.explicit_field, value)) continue;
    ++written;
    run.countChange();
    run.add(krm::Severity::Info, *item, s.explicit_field,
            "set " + s.explicit_field + " to " + m.want + " for images entry " + m.custom->text() +
                ": no field named " + s.component + "'s image (it came from " + s.origin +
                "), so it is now explicit and overrides that choice",
            std::nullopt, m.want);
  }
  return written;
}

void SetUpstreams(std::vector<InventoryEntry>& entries, const Relocator& rules) {
  if (rules.config().images.empty()) return;
  for (InventoryEntry& e : entries) {
    ParsedRef p = ParseImageRef(e.source.written);
    if (!p.ok) continue;
    Decision d = rules.decide(p.ref);
    // Only where the entry took effect (a miss pulls what it pulled).
    if (d.custom && d.customized.normalized() != e.source.image && Reached(e, d))
      e.upstream = d.customized.normalized();
  }
}

void ReportCustomMisses(const std::vector<CustomMiss>& misses, const std::vector<krm::Item>& items,
                        const krm::Document& doc, std::vector<krm::Result>& results) {
  for (const CustomMiss& m : misses) {
    const PullSite& s = m.entry.source;
    const krm::Item* item = krm::FindResource(items, s.ref);
    bool present = item && !s.explicit_field.empty() && FindAt(doc, item->node, s.explicit_field) != krm::kNoNode;
    std::string why;
    if (s.explicit_field.empty())
      why = "no field of the input decides it, so it cannot be set here";
    else if (s.explicit_structured && !ParseImageRef(m.want).ref.digest.empty())
      why = s.explicit_field + " is a structured image, which has no digest field: pin the tag instead";
    else if (s.explicit_structured && present)
      why = s.explicit_field + " is written in part: write registry, repository, name and tag there";
    else
      why = s.explicit_field + " could not be written";
    results.push_back(About(krm::Result::Warning("images entry " + m.custom->text() + " does not reach " + s.component +
                                                 " in " + s.resource + ": it pulls " + m.entry.target.image +
                                                 " (from " + s.origin + "), not " + m.want + ": " + why),
                            s, s.explicit_field));
  }
}

}  // namespace fn
