#pragma once
// A carrier behind one interface: it prices a service of the rate table for
// a parcel, opens a shipment (its tracking number) and draws the label. The
// built-in `emporium-post` computes everything locally; a real carrier (an
// API client) is one more implementation registered in `Carriers`, with no
// change to quotes, shipments or routes.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emporium/shipping/shipping.hpp"
#include "emporium/user/postal_address.hpp"
#include "rate_table.hpp"

namespace emporium::shipping {

// What a label shows.
struct LabelData {
  std::string shipment_id;
  std::string order_id;
  std::string tracking_number;
  std::string carrier;
  std::string service_name;
  std::int64_t weight_grams = 0;
  user::PostalAddress sender;
  user::PostalAddress recipient;
  std::string created_at;  // RFC 3339
};

class Carrier {
 public:
  virtual ~Carrier() = default;
  virtual const std::string& name() const = 0;
  // The price of `rate` for the parcel in the table's currency, or nullopt
  // when this service does not carry it (too heavy).
  virtual std::optional<std::int64_t> price(const ServiceRate& rate, const Parcel& parcel) const = 0;
  // Opens a shipment with the carrier: its tracking number.
  virtual std::string create_shipment(const LabelData& shipment) = 0;
  // The label as a PDF document; `compress` false keeps the page content
  // readable (tests look for the tracking number in it).
  virtual std::string label_pdf(const LabelData& label, bool compress = true) const = 0;
};

class Carriers {
 public:
  void add(std::shared_ptr<Carrier> carrier) { carriers_[carrier->name()] = std::move(carrier); }
  Carrier* find(const std::string& name) const {
    auto it = carriers_.find(name);
    return it == carriers_.end() ? nullptr : it->second.get();
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, carrier] : carriers_) out.push_back(name);
    return out;
  }

 private:
  std::map<std::string, std::shared_ptr<Carrier>> carriers_;
};

}  // namespace emporium::shipping
