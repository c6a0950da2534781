#pragma once
// SQL of users.addresses. Every statement is scoped to the owner, so an
// address of another user is simply not found.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "address.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "paged.hpp"

namespace emporium::user {

using AddressPage = Paged<Address>;

class AddressStore {
 public:
  explicit AddressStore(kernel::Tx& tx) : tx_(tx) {}

  AddressPage list(const std::string& user_id, const kernel::PageRequest& page);
  std::optional<Address> find(const std::string& user_id, const std::string& id);
  // Oldest first, for the export.
  std::vector<Address> all(const std::string& user_id);
  // nullopt when the user already has `max_addresses`.
  std::optional<Address> insert(const std::string& user_id, const AddressFields& fields, std::int64_t max_addresses);
  std::optional<Address> update(const std::string& user_id, const std::string& id, const AddressFields& fields);
  bool remove(const std::string& user_id, const std::string& id);
  void delete_all_of(const std::string& user_id);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::user
