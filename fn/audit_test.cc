#include "fn/audit.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fn/items_to_read.h"
#include "fn/names.h"
#include "fn/relocate.h"
#include "krm/run.h"

using namespace fn;

namespace {

constexpr size_t kWhole = size_t{1} << 30;  // a part size no list reaches: one part
const std::string kListHead = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";

struct Run {
  int rc = 0;
  std::string out, err;
  bool operator==(const Run& o) const { return rc == o.rc && out == o.out && err == o.err; }
};

Run RelocateWith(const std::string& input, size_t part_items) {
  SetAuditPartItems(part_items);
  std::ostringstream out, err;
  Run r;
  r.rc = krm::RunResourceList(input, out, err, names::kProgram, Relocate, ItemsToRead());
  SetAuditPartItems(kAuditPartItems);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// The items of a ResourceList written kpt's way (at column 0), each object
// renamed with `prefix` so that the items of many lists stay distinct.
std::string ItemsOf(const std::string& text, const std::string& prefix) {
  size_t at = text.find("\nitems:\n");
  if (at == std::string::npos) return "";
  std::string out;
  for (size_t p = at + 8; p < text.size();) {
    size_t nl = text.find('\n', p);
    std::string line = text.substr(p, nl == std::string::npos ? std::string::npos : nl - p + 1);
    if (!line.empty() && std::isalpha(static_cast<unsigned char>(line[0]))) break;  // a key after the items
    out += line;
    p = nl == std::string::npos ? text.size() : nl + 1;
  }
  if (out.compare(0, 2, "- ") != 0) return "";  // items in another column, or none
  if (out.back() != '\n') out += '\n';
  for (size_t p = 0; (p = out.find("\n  metadata:\n    name: ", p)) != std::string::npos;) {
    p += 24;
    out.insert(p, prefix);
  }
  return out;
}

// The same run on a plain stream (the CLI, a Helm post-renderer), with
// the config apart.
Run RelocateStreamWith(const std::string& stream, const std::string& config, size_t part_items) {
  SetAuditPartItems(part_items);
  std::ostringstream out, err;
  krm::StreamOptions options;
  options.select = ItemsToRead();
  Run r;
  r.rc = krm::RunStream(stream, config, out, err, names::kProgram, Relocate, options);
  SetAuditPartItems(kAuditPartItems);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// Items written kpt's way ("- " at column 0, the rest two columns in) as
// the documents of a plain stream.
std::string AsStream(const std::string& items) {
  std::string out;
  std::istringstream in(items);
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, 2, "- ") == 0) {
      if (!out.empty()) out += "---\n";
      line = line.substr(2);
    } else if (line.compare(0, 2, "  ") == 0) {
      line = line.substr(2);
    }
    out += line + "\n";
  }
  return out;
}

bool Succeeds(const std::filesystem::path& dir) {
  std::string cfg = Slurp(dir / ".expected" / "config.yaml");
  return cfg.find("exitCode:") == std::string::npos || cfg.find("exitCode: 0") != std::string::npos;
}

// The items of every golden input that succeeds, renamed apart, kept when
// they read on their own (no alias of an anchor outside them), are cut at
// their "- " lines (no line at column 0 inside one), and hold no v1 List
// (whose members make a run one part).
std::string GoldenItems() {
  std::string items;
  std::vector<std::filesystem::path> dirs;
  for (const auto& dir : std::filesystem::directory_iterator(K8SI_FIXTURES_DIR)) dirs.push_back(dir.path());
  std::sort(dirs.begin(), dirs.end());
  for (size_t i = 0; i < dirs.size(); ++i) {
    std::filesystem::path input = dirs[i] / "input.yaml";
    if (!std::filesystem::exists(input) || !Succeeds(dirs[i])) continue;
    std::string mine = ItemsOf(Slurp(input), "g" + std::to_string(i) + "-");
    try {
      std::unique_ptr<krm::ResourceList> one = krm::ResourceList::Parse(kListHead + mine);
      if (one->cutIntoItems() && &one->resources() == &one->items()) items += mine;
    } catch (const krm::InputError&) {
    }
  }
  return items;
}

}  // namespace

TEST_CASE("the audit a few items at a time gives what it gives in one part, on every golden input") {
  REQUIRE(AuditPartItems() == kAuditPartItems);
  size_t cases = 0, in_parts = 0;
  for (const auto& dir : std::filesystem::directory_iterator(K8SI_FIXTURES_DIR)) {
    std::filesystem::path input = dir.path() / "input.yaml";
    if (!std::filesystem::exists(input)) continue;
    std::string text = Slurp(input);
    ++cases;
    // Parts are only taken where the read cut the list at its items.
    try {
      std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::Parse(text, ItemsToRead());
      if (rl->cutIntoItems() && rl->items().size() > 1) ++in_parts;
    } catch (const krm::InputError&) {
    }
    CAPTURE(input.string());
    Run whole = RelocateWith(text, kWhole);
    CHECK(RelocateWith(text, 1) == whole);
    CHECK(RelocateWith(text, 2) == whole);
  }
  CHECK(cases > 200);
  CHECK(in_parts >= 20);  // the inputs of more than one item
}

TEST_CASE("the same on one list of the items of every golden input, under the configs of several") {
  std::string items = GoldenItems();
  size_t configs = 0;
  for (const char* name : {"custom-k8c-implicit-sites", "custom-ic-v1beta2-co-v1.32.0", "custom-k8c-structured-rename",
                           "auto-update-once", "auto-update-advice", "image-list-updated", "additional-fields-audit"}) {
    std::string text = Slurp(std::filesystem::path(K8SI_FIXTURES_DIR) / name / "input.yaml");
    size_t fc = text.find("\nfunctionConfig:");
    REQUIRE(fc != std::string::npos);
    std::string list = kListHead + items + text.substr(fc + 1);
    std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::Parse(list, ItemsToRead());
    REQUIRE(rl->cutIntoItems());
    REQUIRE(&rl->resources() == &rl->items());  // else the audit is one part
    REQUIRE(rl->items().size() > 200);
    CAPTURE(name);
    Run whole = RelocateWith(list, kWhole);
    CHECK(whole.rc == 0);
    CHECK(RelocateWith(list, 1) == whole);
    CHECK(RelocateWith(list, 7) == whole);
    ++configs;
  }
  CHECK(configs == 7);
}

TEST_CASE("the same on those items as one plain stream, cut at its documents") {
  std::string stream = AsStream(GoldenItems());
  std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::ParseStream(stream, "", {}, ItemsToRead());
  REQUIRE(rl->cutIntoItems());
  REQUIRE(&rl->resources() == &rl->items());  // else the audit is one part
  REQUIRE(rl->items().size() > 200);
  const std::string cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n";
  // Every image to the mirror; then only Docker Hub's, so that the rest escape and are reported.
  for (std::string config :
       {cm + "  registry: mirror.example:5000\n", cm + "  rules: docker.io=mirror.example/hub\n"}) {
    CAPTURE(config);
    Run whole = RelocateStreamWith(stream, config, kWhole);
    CHECK(whole.out.find("mirror.example") != std::string::npos);
    CHECK(whole.err.find("error") == std::string::npos);
    CHECK(RelocateStreamWith(stream, config, 1) == whole);
    CHECK(RelocateStreamWith(stream, config, 7) == whole);
  }
}

TEST_CASE("AuditInParts hands over parts of the set size, in order, together the whole inventory") {
  std::string list = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
  for (int i = 0; i < 5; ++i)
    list +=
        "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: app" + std::to_string(i) +
        "\n  spec:\n    template:\n      spec:\n        containers:\n        - name: a\n          image: busybox:1." +
        std::to_string(i) + "\n        - name: b\n          image: nginx:1." + std::to_string(i) + "\n";
  list +=
      "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: m\n  data:\n"
      "    registry: mirror.example\n";
  std::unique_ptr<krm::ResourceList> rl = krm::ResourceList::Parse(list, ItemsToRead());
  REQUIRE(rl->cutIntoItems());
  // Unedited (the images command without a config), and with the run's
  // edits (each part's output items read back on their own).
  krm::Patch patch;
  std::vector<krm::Result> results;
  Relocate(*rl, patch, results);
  REQUIRE_FALSE(patch.empty());
  const krm::Patch* unedited = nullptr;
  for (const krm::Patch* edits : {unedited, static_cast<const krm::Patch*>(&patch)}) {
    CAPTURE(edits != nullptr);
    std::vector<InventoryEntry> whole = AuditInventory(*rl, edits, {});
    REQUIRE(whole.size() == 10);
    SetAuditPartItems(2);
    std::vector<size_t> sizes;
    std::vector<std::pair<std::string, std::string>> images;
    AuditInParts(*rl, edits, {}, {}, [&](std::vector<InventoryEntry>& part) {
      sizes.push_back(part.size());
      for (const InventoryEntry& e : part) images.emplace_back(e.source.image, e.target.image);
    });
    SetAuditPartItems(kAuditPartItems);
    CHECK(sizes == std::vector<size_t>{4, 4, 2});  // two sites per item, two items per part
    REQUIRE(images.size() == whole.size());
    for (size_t i = 0; i < images.size(); ++i) {
      CHECK(images[i].first == whole[i].source.image);
      CHECK(images[i].second == whole[i].target.image);
      CHECK(images[i].second.rfind(edits ? "mirror.example/library/" : "docker.io/library/", 0) == 0);
    }
  }
}

TEST_CASE("in parts, the output's operator facts include a Deployment that an edit makes an operator's") {
  // An images entry gives the first item k8ssandra-operator's image: the
  // output's facts (its version, and so the cass-operator it deploys and
  // that operator's image config) decide the K8ssandraCluster's images,
  // which a later part models.
  std::string list =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
      "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: operator\n    namespace: k8ssandra\n"
      "  spec:\n    template:\n      spec:\n        containers:\n        - name: manager\n"
      "          image: example.com/op:1.0\n"
      "- apiVersion: k8ssandra.io/v1alpha1\n  kind: K8ssandraCluster\n  metadata:\n    name: demo\n"
      "  spec:\n    cassandra:\n      serverVersion: 4.1.8\n      datacenters:\n      - metadata:\n"
      "          name: dc1\n        size: 3\n"
      "functionConfig:\n  apiVersion: fn.k8ssandra-images.dev/v1alpha1\n  kind: RegistryRewrite\n"
      "  metadata:\n    name: custom\n  spec:\n    registry: registry.corp.example:5000\n    images:\n"
      "    - {name: example.com/op, newName: k8ssandra/k8ssandra-operator, newTag: v1.32.5}\n";
  Run whole = RelocateWith(list, kWhole);
  CHECK(whole.out.find("k8ssandra-client in K8ssandraCluster/demo dc1 pulls docker.io/k8ssandra/k8ssandra-client") !=
        std::string::npos);
  CHECK(RelocateWith(list, 1) == whole);
}

TEST_CASE("in one part, every item is read back, whatever a v1 List expands to") {
  // An empty List has no resources: the items outnumber them.
  std::string list =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
      "- apiVersion: v1\n  kind: List\n  items: []\n"
      "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: app\n  spec:\n    template:\n"
      "      spec:\n        containers:\n        - name: a\n          image: busybox:1.36\n"
      "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: m\n  data:\n"
      "    registry: mirror.example\n";
  Run r = RelocateWith(list, kAuditPartItems);
  CHECK(r.rc == 0);
  CHECK(r.out.find("relocated busybox:1.36 to mirror.example/library/busybox:1.36") != std::string::npos);
  CHECK(r.out.find("cannot be known") == std::string::npos);
}
