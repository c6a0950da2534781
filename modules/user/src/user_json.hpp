#pragma once
// The JSON shapes of the API: accounts, addresses and sessions.
#include <boost/json/object.hpp>

#include "account.hpp"
#include "address.hpp"
#include "sessions.hpp"

namespace emporium::user {

// {id, email, name, phone, role, disabled, created_at, updated_at}; an
// absent phone is null.
boost::json::object account_json(const Account& account);
// {id, name, line1, line2, city, region, postal_code, country, created_at,
// updated_at}; absent optional lines are null.
boost::json::object address_json(const Address& address);
// {token, token_type, expires_at, refresh_token}
boost::json::object session_json(const Session& session);

}  // namespace emporium::user
