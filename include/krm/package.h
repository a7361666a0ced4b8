// krm/package.h: files and directories read into one plain multi-document
// stream, the way kpt reads a package.
#ifndef KRM_PACKAGE_H_
#define KRM_PACKAGE_H_

#include <string>
#include <vector>

#include "krm/result.h"

namespace krm {

// The resource files `path` names. A file is itself (whatever its name). A
// directory is walked as kpt walks a package, in lexical order, depth first:
// files ending in `.yaml` or `.yml`; hidden files and directories (a name
// starting with '.') skipped; whatever a `.krmignore` in the directory or
// one above it (up to `path`) matches skipped; the `Kptfile` and kustomize's
// `kustomization.yaml`, `kustomization.yml` and `Kustomization` skipped;
// symbolic links to directories not followed.
// Throws InputError naming the path when it does not exist or cannot be read.
std::vector<std::string> PackageFiles(const std::string& path);

// What ReadPackage keeps.
struct PackageStream {
  std::string text;            // the kept documents, one stream, in file order
  std::vector<FileRef> files;  // each kept resource's file and 0-based index there
};

// Reads files (as PackageFiles lists them) into one stream. Each document
// keeps its bytes; documents are joined with "---" lines where the file had
// none, and a line break is added after a file that lacks a final one only
// when another document follows. Dropped: a file equivalent to `skip` (the function's own config),
// documents annotated `config.kubernetes.io/local-config: "true"`, and a
// UTF-8 byte-order mark at the start of a file. Documents holding only
// comments are kept as they are. Throws InputError naming the file (with
// line and column) when a file cannot be read or parsed, or when a document
// is not an object with an apiVersion and a kind.
PackageStream ReadPackage(const std::vector<std::string>& files, const std::string& skip);

}  // namespace krm

#endif  // KRM_PACKAGE_H_
