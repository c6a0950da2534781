#pragma once
// The `notifications` section of a user's GDPR export.
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/personal_data.hpp"

namespace emporium::notification {

void add_personal_data_exporter(kernel::PersonalData& personal_data, kernel::Database& db,
                                const kernel::ModuleId& module);

}  // namespace emporium::notification
