#pragma once
// The built-in carrier: prices straight from the rate table, "EP" tracking
// numbers from a CSPRNG, labels drawn locally.
#include "carrier.hpp"

namespace emporium::shipping {

inline constexpr const char* kEmporiumPost = "emporium-post";

class EmporiumPost final : public Carrier {
 public:
  const std::string& name() const override { return name_; }
  std::optional<std::int64_t> price(const ServiceRate& rate, const Parcel& parcel) const override;
  std::string create_shipment(const LabelData& shipment) override;
  std::string label_pdf(const LabelData& label, bool compress) const override;

 private:
  std::string name_ = kEmporiumPost;
};

}  // namespace emporium::shipping
