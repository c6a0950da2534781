#pragma once
// Who may do what with a product: sellers their own, admins any; everyone
// else sees active products only.
#include <optional>
#include <string>

#include "emporium/kernel/auth.hpp"

namespace emporium::catalog {

inline bool may_edit(const kernel::Principal& caller, const std::string& seller_id) {
  return caller.role == kernel::Role::admin || (caller.role == kernel::Role::seller && caller.user_id == seller_id);
}

// Archived products are visible to their seller and to admins only.
inline bool may_see(const std::optional<kernel::Principal>& caller, const std::string& seller_id, bool active) {
  return active || (caller && may_edit(*caller, seller_id));
}

}  // namespace emporium::catalog
