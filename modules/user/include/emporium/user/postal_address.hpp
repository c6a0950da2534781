#pragma once
// A postal address as every module sees it: the user's saved addresses, a
// cart's shipping quote, an order's copy of where it goes. The rules and
// the JSON shape live here once, so an order and an address book agree.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/json_body.hpp"
#include "emporium/kernel/problem.hpp"

namespace emporium::user {

struct PostalAddress {
  std::string name;
  std::string line1;
  std::string line2;        // empty: none
  std::string city;
  std::string region;       // empty: none
  std::string postal_code;  // empty: none
  std::string country;      // ISO 3166-1 alpha-2, upper case

  bool operator==(const PostalAddress&) const = default;
};

// The country upper-cased ("de" is taken as "DE"); other fields as given.
PostalAddress normalize_address(PostalAddress fields);

// One error per bad field, in field order; empty when the address is fine.
// Required: name, line1, city, country (ISO 3166-1 alpha-2).
std::vector<kernel::FieldError> address_errors(const PostalAddress& fields);

// Reads {name, line1, line2, city, region, postal_code, country} from the
// top level of `body`, recording field errors on it; the address only when
// every field is good.
std::optional<PostalAddress> read_address(kernel::JsonBody& body);

// Reads the address nested under `field` (e.g. "shipping_address"); errors
// are recorded on `body` as "<field>.<name>". Absent and not required:
// nullopt without an error.
std::optional<PostalAddress> read_address_field(kernel::JsonBody& body, std::string_view field, bool required);

// {name, line1, line2, city, region, postal_code, country}; empty optional
// fields are null.
boost::json::object postal_address_json(const PostalAddress& address);

// The inverse of postal_address_json for an address a module stored as JSON
// (not validated: it was when it was stored). Missing fields are empty.
PostalAddress postal_address_from_json(const boost::json::object& object);

}  // namespace emporium::user
