#include "payment_config.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace emporium::payment {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSecretFile = "payment-test-webhook-secret";

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("payment: no randomness for the webhook secret");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0f]);
  }
  return out;
}

// Written to a private temporary file, then linked into place: link() fails
// when the file exists, so of two instances starting together one secret
// wins and both read it.
kernel::Status create_secret_file(const fs::path& path) {
  fs::path temporary = path;
  temporary += ".tmp-" + random_hex(8);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return kernel::Error{"secret_file", "cannot create " + temporary.string() + ": " + std::strerror(errno)};
  std::string text = "whsec_" + random_hex(32) + "\n";
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    return kernel::Error{"secret_file", "cannot write " + temporary.string()};
  }
  int linked = ::link(temporary.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return kernel::Error{"secret_file", "cannot create " + path.string() + ": " + std::strerror(link_errno)};
  }
  return kernel::Ok{};
}

}  // namespace

kernel::Result<PaymentConfig> read_payment_config(const kernel::Config& config) {
  PaymentConfig out;
  out.test_webhook_secret = config.string("payment.test_webhook_secret");
  out.data_dir = config.string("data_dir");
  auto abandoned = config.integer_between("payment.abandoned_charge_after_ms", 1000, 86'400'000);
  if (!abandoned) return abandoned.error();
  out.abandoned_charge_after = std::chrono::milliseconds(abandoned.value());
  return out;
}

kernel::Result<std::string> test_webhook_secret(const PaymentConfig& config) {
  if (!config.test_webhook_secret.empty()) return config.test_webhook_secret;
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec) return kernel::Error{"secret_file", "cannot create " + config.data_dir + ": " + ec.message()};
  fs::path path = fs::path(config.data_dir) / kSecretFile;
  if (!fs::exists(path)) {
    if (auto created = create_secret_file(path); !created) return created.error();
  }
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) return kernel::Error{"secret_file", "cannot read " + path.string()};
  std::string secret = text.str();
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back()))) secret.pop_back();
  if (secret.empty()) return kernel::Error{"secret_file", path.string() + " is empty"};
  return secret;
}

}  // namespace emporium::payment
