#pragma once
// Who may change a variant's stock: an admin, or the seller of its product.
#include "emporium/kernel/auth.hpp"
#include "stock_types.hpp"

namespace emporium::inventory {

inline bool may_manage_stock(const kernel::Principal& caller, const VariantOwner& owner) {
  if (caller.role == kernel::Role::admin) return true;
  return caller.role == kernel::Role::seller && caller.user_id == owner.seller_id;
}

}  // namespace emporium::inventory
