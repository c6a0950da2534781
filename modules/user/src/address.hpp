#pragma once
// A postal address of a user.
#include <string>

namespace emporium::user {

struct AddressFields {
  std::string name;
  std::string line1;
  std::string line2;        // empty: none
  std::string city;
  std::string region;       // empty: none
  std::string postal_code;  // empty: none
  std::string country;      // ISO 3166-1 alpha-2, upper case
};

struct Address {
  std::string id;
  AddressFields fields;
  std::string created_at;
  std::string updated_at;
};

}  // namespace emporium::user
