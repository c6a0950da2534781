#pragma once
// The module's HTTP endpoints, one file per group. Routes only parse,
// call a service and shape the answer.
#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/personal_data.hpp"
#include "emporium/kernel/router.hpp"
#include "user_services.hpp"

namespace emporium::user {

// POST /api/v1/auth/{register,login,refresh,logout,verify}
void add_auth_routes(kernel::Router& router, UserServices& services);
// POST /api/v1/auth/password-reset and .../confirm
void add_password_reset_routes(kernel::Router& router, UserServices& services);
// GET|PATCH|DELETE /api/v1/users/me, GET /api/v1/users/me/export
void add_profile_routes(kernel::Router& router, const kernel::Auth& auth, UserServices& services,
                        const kernel::PersonalData& personal_data);
// GET|POST /api/v1/users/me/addresses, PUT|DELETE /api/v1/users/me/addresses/{id}
void add_address_routes(kernel::Router& router, const kernel::Auth& auth, UserServices& services);
// GET /api/v1/users, GET|PUT|DELETE /api/v1/users/{id} (admin)
void add_admin_routes(kernel::Router& router, const kernel::Auth& auth, UserServices& services);
// GET /.well-known/jwks.json
void add_jwks_route(kernel::Router& router, const UserServices& services);

}  // namespace emporium::user
