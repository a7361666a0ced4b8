// krm/parallel.h: a piece of work split over the machine's cores, for the
// readers and for functions that model many resources.
#ifndef KRM_PARALLEL_H_
#define KRM_PARALLEL_H_

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <system_error>
#include <thread>
#include <vector>

namespace krm {

// The number of threads worth using: the hardware's cores, at most 8.
inline unsigned HardwareThreads() { return std::clamp(std::thread::hardware_concurrency(), 1u, 8u); }

// Runs work(0) .. work(n - 1): work(0) on the calling thread, the others
// each on a thread of its own (on the calling thread when none can be had).
// Returns when all are done; then rethrows the first exception one threw.
inline void RunOnThreads(size_t n, const std::function<void(size_t)>& work) {
  std::vector<std::exception_ptr> failed(n);
  auto guarded = [&](size_t k) {
    try {
      work(k);
    } catch (...) {
      failed[k] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (size_t k = 1; k < n; ++k) {
    try {
      pool.emplace_back(guarded, k);
    } catch (const std::system_error&) {
      guarded(k);
    }
  }
  if (n > 0) guarded(0);
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : failed)
    if (e) std::rethrow_exception(e);
}

}  // namespace krm

#endif  // KRM_PARALLEL_H_
