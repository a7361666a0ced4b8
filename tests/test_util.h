// tests/test_util.h: what the unit tests of both layers share: reading
// fixtures. (tests/config_predicates.h holds the fn-only predicates.)
#ifndef TESTS_TEST_UTIL_H_
#define TESTS_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

namespace test {

// The whole file, or "" when it cannot be read.
inline std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// A file under testdata/.
inline std::string Fixture(const std::string& relative) {
  return Slurp(std::string(K8SI_FIXTURES_DIR) + "/" + relative);
}

}  // namespace test

#endif  // TESTS_TEST_UTIL_H_
