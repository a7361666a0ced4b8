// fn/cli.h: the command line. main() only forwards to Main().
#ifndef FN_CLI_H_
#define FN_CLI_H_

#include <iosfwd>
#include <string>

namespace fn {

// The text --help prints (usage and the functionConfig reference).
const char* HelpText();
// "k8ssandra-images <version>".
std::string VersionText();

// Runs the program:
//   (no arguments)              a ResourceList on stdin -> stdout (kpt, kustomize KRM)
//   --config CFG [FILE|DIR...]  plain multi-document YAML files (or stdin) -> stdout
//   CFG                         kustomize's legacy exec plugin: config file in argv[1],
//                               a multi-document stream on stdin
//   --help, --version
// Returns the exit code: 0 success, 1 an error result or unreadable input,
// 2 a usage error.
int Main(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace fn

#endif  // FN_CLI_H_
