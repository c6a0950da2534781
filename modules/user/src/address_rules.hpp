#pragma once
// What an address must look like. Pure.
#include <vector>

#include "address.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::user {

// The country upper-cased ("de" is taken as "DE"); other fields as given.
AddressFields normalize_address(AddressFields fields);

// One error per bad field, in field order; empty when the address is fine.
// Required: name, line1, city, country (ISO 3166-1 alpha-2).
std::vector<kernel::FieldError> address_errors(const AddressFields& fields);

}  // namespace emporium::user
