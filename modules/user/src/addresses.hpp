#pragma once
// A user's own addresses. Every call is scoped to the owner: someone else's
// address answers not_found, exactly like one that does not exist.
#include <cstdint>
#include <string>

#include "address.hpp"
#include "address_store.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::user {

class Addresses {
 public:
  static constexpr std::int64_t kMaxPerUser = 50;

  explicit Addresses(kernel::Database& db) : db_(db) {}

  AddressPage list(const std::string& user_id, const kernel::PageRequest& page);
  // Errors: too_many_addresses.
  kernel::Result<Address> add(const std::string& user_id, const AddressFields& fields);
  // Errors: not_found.
  kernel::Result<Address> replace(const std::string& user_id, const std::string& id, const AddressFields& fields);
  kernel::Status remove(const std::string& user_id, const std::string& id);

 private:
  kernel::Database& db_;
};

}  // namespace emporium::user
