#pragma once
// SQL of users.accounts. An erased account (deleted_at set) is invisible to
// every lookup here except `state`, which reports it as inactive.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "account.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "paged.hpp"

namespace emporium::user {

struct NewAccountRow {
  std::string id;
  std::string email;
  std::string name;
  kernel::Role role = kernel::Role::customer;
  std::string password_hash;
};

// What a login needs to know.
struct Credentials {
  std::string id;
  std::string password_hash;
  kernel::Role role = kernel::Role::customer;
  bool active = false;  // neither disabled nor erased
};

// What every authenticated request needs to know.
struct AccountState {
  kernel::Role role = kernel::Role::customer;
  bool active = false;
};

struct AccountSearch {
  std::string query;  // substring of email or name, case-insensitive; empty: all
  std::optional<kernel::Role> role;
  kernel::PageRequest page;
};

using AccountPage = Paged<Account>;

class AccountStore {
 public:
  explicit AccountStore(kernel::Tx& tx) : tx_(tx) {}

  // False when the email is taken (case-insensitively).
  bool insert(const NewAccountRow& row);
  std::optional<Account> find(const std::string& id);
  // The live accounts among `ids`, in one statement, in no particular order.
  std::vector<Account> find_many(const std::vector<std::string>& ids);
  std::optional<Account> find_by_email(const std::string& email);
  std::optional<Credentials> credentials(const std::string& email);
  // One primary-key lookup: run for every authenticated request.
  std::optional<AccountState> state(const std::string& id);
  void set_password_hash(const std::string& id, const std::string& hash);
  std::optional<Account> update(const std::string& id, const AccountChanges& changes);
  // Replaces every personal field and sets deleted_at; false when there was
  // no live account.
  bool erase(const std::string& id);
  AccountPage search(const AccountSearch& search);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::user
