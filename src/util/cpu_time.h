#pragma once

namespace athena::util {

/// CPU seconds (user + system) the calling thread has used so far.
double thread_cpu_seconds();

/// CPU seconds (user + system) of the whole process so far, every thread.
double process_cpu_seconds();

/// Seconds on a monotonic clock (for wall times and for splitting a thread's CPU time).
double monotonic_seconds();

} // namespace athena::util
