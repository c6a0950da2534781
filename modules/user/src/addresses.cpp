#include "addresses.hpp"

#include "user_module_id.hpp"

namespace emporium::user {
namespace {

kernel::Error not_found() { return {"not_found", "No such address."}; }

}  // namespace

AddressPage Addresses::list(const std::string& user_id, const kernel::PageRequest& page) {
  return db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AddressStore(tx).list(user_id, page); });
}

kernel::Result<Address> Addresses::add(const std::string& user_id, const AddressFields& fields) {
  auto added =
      db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AddressStore(tx).insert(user_id, fields, kMaxPerUser); });
  if (!added) {
    return kernel::Error{"too_many_addresses", "A user may keep at most " + std::to_string(kMaxPerUser) + " addresses."};
  }
  return *added;
}

kernel::Result<Address> Addresses::replace(const std::string& user_id, const std::string& id,
                                           const AddressFields& fields) {
  auto replaced =
      db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AddressStore(tx).update(user_id, id, fields); });
  if (!replaced) return not_found();
  return *replaced;
}

kernel::Status Addresses::remove(const std::string& user_id, const std::string& id) {
  bool removed = db_.transact(user_module_id(), [&](kernel::Tx& tx) { return AddressStore(tx).remove(user_id, id); });
  if (!removed) return not_found();
  return kernel::Ok{};
}

}  // namespace emporium::user
