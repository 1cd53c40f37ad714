#include "src/store/db_lock.h"

#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace athena::store {

DbLock::~DbLock() {
  if (fd_ >= 0) ::close(fd_);
}

util::Result<std::unique_ptr<DbLock>> DbLock::acquire(const std::filesystem::path& db,
                                                      LockRole role, bool exclusive,
                                                      std::chrono::milliseconds wait) {
  const std::string path = db.string() + "-lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return util::Error{path + ": " + std::strerror(errno)};
  struct flock lock {};
  lock.l_type = exclusive ? F_WRLCK : F_RDLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = static_cast<off_t>(role);
  lock.l_len = 1;
  const auto until = std::chrono::steady_clock::now() + wait;
  while (true) {
    if (::fcntl(fd, F_OFD_SETLK, &lock) == 0) return std::unique_ptr<DbLock>(new DbLock(fd));
    if (errno != EAGAIN && errno != EACCES && errno != EINTR) {
      util::Error error{path + ": " + std::strerror(errno)};
      ::close(fd);
      return error;
    }
    if (std::chrono::steady_clock::now() >= until) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::close(fd);
  return std::unique_ptr<DbLock>();
}

} // namespace athena::store
