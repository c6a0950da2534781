#pragma once
// What an address must look like: declared in the public
// emporium/user/postal_address.hpp, implemented in address_rules.cpp.
#include "address.hpp"
