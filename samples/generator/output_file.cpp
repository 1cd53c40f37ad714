#include "samples/generator/output_file.h"

#include <cerrno>
#include <cstring>

namespace athena::samplegen {
namespace {

constexpr size_t kChunkBytes = size_t{4} << 20;
constexpr size_t kMaxQueued = 6;

} // namespace

BackgroundWriter::BackgroundWriter() : thread_([this] { run(); }) {}

BackgroundWriter::~BackgroundWriter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BackgroundWriter::submit(std::FILE* file, std::string chunk, std::atomic<bool>* failed) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
  queue_.push_back({file, std::move(chunk), failed});
  changed_.notify_all();
}

void BackgroundWriter::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void BackgroundWriter::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return; // stopped with nothing left to write
    Job job = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    changed_.notify_all();
    if (std::fwrite(job.chunk.data(), 1, job.chunk.size(), job.file) != job.chunk.size())
      job.failed->store(true);
    lock.lock();
    busy_ = false;
    changed_.notify_all();
  }
}

OutputFile::~OutputFile() {
  if (file_ != nullptr) {
    writer_.drain(); // queued chunks still point at file_
    std::fclose(file_);
  }
}

std::string OutputFile::open(const std::filesystem::path& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return "cannot write " + path.string() + ": " + std::strerror(errno);
  pending_.reserve(kChunkBytes + (size_t{1} << 16));
  return {};
}

void OutputFile::write(std::string_view s) {
  if (file_ == nullptr) return;
  pending_.append(s);
  if (pending_.size() >= kChunkBytes) flush();
}

void OutputFile::flush() {
  if (pending_.empty()) return;
  std::string chunk;
  chunk.reserve(kChunkBytes + (size_t{1} << 16));
  chunk.swap(pending_);
  writer_.submit(file_, std::move(chunk), &failed_);
}

std::string OutputFile::close() {
  if (file_ == nullptr) return {};
  flush();
  writer_.drain();
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!closed || failed_.load())
    return "cannot write " + path_.string() + ": " + std::strerror(errno);
  return {};
}

} // namespace athena::samplegen
