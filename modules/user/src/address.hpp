#pragma once
// A postal address of a user.
#include <string>

#include "emporium/user/postal_address.hpp"

namespace emporium::user {

using AddressFields = PostalAddress;

struct Address {
  std::string id;
  AddressFields fields;
  std::string created_at;
  std::string updated_at;
};

}  // namespace emporium::user
