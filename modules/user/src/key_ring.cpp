#include "key_ring.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "encoding.hpp"
#include "opaque_token.hpp"

namespace emporium::user {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kSeedBytes = 32;

kernel::Error bad(std::string_view source, const std::string& why) {
  return {"config_bad_value", "config: " + std::string(source) + " " + why};
}

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

std::string errno_text() { return std::strerror(errno); }

// Writes the seed to a private temporary file, then links it into place:
// link() fails when the file exists, so of two instances starting together
// exactly one seed wins and both read it.
kernel::Status create_seed_file(const fs::path& path) {
  auto temporary = path;
  temporary += ".tmp-" + new_id("");
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return kernel::Error{"key_file", "cannot create " + temporary.string() + ": " + errno_text()};
  std::string text = base64_encode(random_bytes(kSeedBytes)) + "\n";
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    return kernel::Error{"key_file", "cannot write " + temporary.string() + ": " + errno_text()};
  }
  int linked = ::link(temporary.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return kernel::Error{"key_file", "cannot create " + path.string() + ": " + std::strerror(link_errno)};
  }
  return kernel::Ok{};
}

kernel::Result<std::string> seed_from_data_dir(const std::string& data_dir) {
  fs::path directory = fs::path(data_dir) / "keys";
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return kernel::Error{"key_file", "cannot create " + directory.string() + ": " + ec.message()};
  fs::permissions(directory, fs::perms::owner_all, fs::perm_options::replace, ec);
  fs::path path = directory / "jwt-ed25519.seed";
  if (!fs::exists(path)) {
    if (auto created = create_seed_file(path); !created) return created.error();
  }
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) return kernel::Error{"key_file", "cannot read " + path.string()};
  return trimmed(text.str());
}

}  // namespace

kernel::Result<KeyRing> make_key_ring(std::string_view seed_base64, std::string_view seed_source,
                                      const std::vector<std::string>& retired_public_keys) {
  auto seed = base64_decode(seed_base64);
  if (!seed || seed->size() != kSeedBytes) return bad(seed_source, "must be the base64 of a 32-byte Ed25519 seed");
  KeyRing ring{signing_key_from_seed(*seed), {}};
  ring.verification.push_back(ring.active.verification_key());
  for (std::size_t i = 0; i < retired_public_keys.size(); ++i) {
    auto bytes = base64url_decode(retired_public_keys[i]);
    std::string key_name = "user.retired_public_keys[" + std::to_string(i) + "]";
    if (!bytes || bytes->size() != sizeof(PublicKey)) {
      return bad(key_name, "must be the base64url of a 32-byte Ed25519 public key (a JWK's x)");
    }
    VerificationKey key;
    std::copy(bytes->begin(), bytes->end(), key.public_key.begin());
    key.kid = key_id(key.public_key);
    if (key.kid == ring.active.kid) return bad(key_name, "is the active signing key");
    ring.verification.push_back(std::move(key));
  }
  return ring;
}

kernel::Result<KeyRing> load_key_ring(const UserConfig& config) {
  if (!config.signing_key.empty()) {
    return make_key_ring(config.signing_key, "user.signing_key", config.retired_public_keys);
  }
  auto seed = seed_from_data_dir(config.data_dir);
  if (!seed) return seed.error();
  return make_key_ring(seed.value(), (fs::path(config.data_dir) / "keys" / "jwt-ed25519.seed").string(),
                       config.retired_public_keys);
}

}  // namespace emporium::user
