// fn/cli_internal.h: what the command line's modes share. Not part of fn's
// public headers: only cli.cc and images_command.cc use it.
#ifndef FN_CLI_INTERNAL_H_
#define FN_CLI_INTERNAL_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "krm/run.h"

namespace fn {

// The plain modes' command line.
struct PlainArgs {
  std::string config_path;
  std::vector<std::string> files;  // empty, or "-": stdin
  std::string results_path;
  bool quiet = false;
  bool plugin = false;  // kustomize's legacy exec plugin: argv[1] is the config
};

// Reads a whole file; false when it cannot be read.
bool ReadFile(const std::string& path, std::string& out);

// Reads the plain input: stdin, or the files and directories named, as kpt
// reads a package (the config file, when among them, is left out). Returns
// false after printing why it cannot.
bool ReadPlainInput(const PlainArgs& pa, std::istream& in, std::ostream& err, std::string& stream,
                    krm::StreamOptions& options);

// `k8ssandra-images images ...`: the image inventory (fn/images_command.cc).
int RunImages(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace fn

#endif  // FN_CLI_INTERNAL_H_
