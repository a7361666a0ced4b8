// krm/ignore_internal.h: the patterns of a `.krmignore` file, as kpt reads them
// (gitignore syntax, relative to the directory that holds the file).
#ifndef KRM_IGNORE_INTERNAL_H_
#define KRM_IGNORE_INTERNAL_H_

#include <string>
#include <vector>

namespace krm {

class IgnoreRules {
 public:
  // Parses the text of a `.krmignore`: one pattern a line; blank lines and
  // lines starting with '#' are skipped; '!' re-includes; a trailing '/'
  // matches directories only; a pattern with a '/' elsewhere is anchored to
  // the file's directory, one without matches a name at any depth; '*', '?',
  // '[...]' and '**' as in gitignore; '\' escapes the next character.
  static IgnoreRules Parse(const std::string& text);

  // Whether `relative` (a '/'-separated path below the file's directory) is
  // ignored. The last pattern that matches decides.
  bool ignored(const std::string& relative, bool is_dir) const;

  bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    std::string glob;
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;
  };
  std::vector<Pattern> patterns_;
};

// gitignore-style glob match of a whole path: '*' and '?' stop at '/',
// '**/' matches any number of directories, a trailing '**' everything.
bool GlobPathMatch(const std::string& glob, const std::string& path);

}  // namespace krm

#endif  // KRM_IGNORE_INTERNAL_H_
