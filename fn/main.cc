// k8ssandra-images: see fn/cli.h for what the program does.
// The one place that catches what nothing below could handle: the program
// then says what happened on stderr and exits 1, with nothing on stdout
// (output is only written once a run has succeeded in reading its input).
#include <exception>
#include <iostream>
#include <new>

#include "fn/cli.h"
#include "fn/names.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return fn::Main(argc, argv, std::cin, std::cout, std::cerr);
  } catch (const std::bad_alloc&) {
    std::cerr << fn::names::kProgram << ": out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << fn::names::kProgram << ": " << e.what() << "\n";
  }
  return 1;
}
