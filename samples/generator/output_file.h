#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace athena::samplegen {

/// Writes chunks to files on one background thread, so that generating the next records overlaps
/// with the kernel copying the previous ones (a million queries are 4 GB of output). Chunks are
/// written in the order they were submitted, so every file's bytes keep their order.
class BackgroundWriter {
public:
  BackgroundWriter();
  ~BackgroundWriter(); ///< writes what is queued, then stops the thread
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  /// Queues `chunk` for `file`; blocks while too much is queued. Sets `*failed` on a short write.
  void submit(std::FILE* file, std::string chunk, std::atomic<bool>* failed);
  /// Waits until everything submitted so far is written.
  void drain();

private:
  struct Job {
    std::FILE* file;
    std::string chunk;
    std::atomic<bool>* failed;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> queue_;
  bool busy_ = false;
  bool stop_ = false;
  std::thread thread_; // last: starts once the members above exist
};

/// One output file, written through a BackgroundWriter in chunks of a few MB.
class OutputFile {
public:
  explicit OutputFile(BackgroundWriter& writer) : writer_(writer) {}
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// Creates the file; returns an error naming it, or "".
  std::string open(const std::filesystem::path& path);
  bool is_open() const { return file_ != nullptr; }
  /// Appends (no-op when the file was not opened).
  void write(std::string_view s);
  /// Writes what is pending and closes; returns an error naming the file, or "".
  std::string close();

private:
  void flush();

  BackgroundWriter& writer_;
  std::FILE* file_ = nullptr;
  std::filesystem::path path_;
  std::string pending_;
  std::atomic<bool> failed_{false};
};

} // namespace athena::samplegen
