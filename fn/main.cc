// k8ssandra-images: see fn/cli.h for what the program does.
#include <iostream>

#include "fn/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return fn::Main(argc, argv, std::cin, std::cout, std::cerr);
}
