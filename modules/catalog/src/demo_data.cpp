#include "demo_data.hpp"

#include <array>

#include "json_writer.hpp"
#include "product_rules.hpp"

namespace emporium::catalog {
namespace {

enum class Scheme { none, clothing_sizes, shoe_sizes, size_and_colour, colours };

struct Attribute {
  const char* key;
  std::vector<const char*> values;
};

struct Leaf {
  const char* slug;
  const char* code;  // SKU part
  std::vector<const char*> nouns;
  std::vector<const char*> adjectives;
  std::vector<const char*> features;
  int price_min;  // whole currency units
  int price_max;
  int weight_grams;
  Scheme scheme;
  std::vector<Attribute> attributes;
};

const std::vector<const char*> kBrands = {
    "Nordwind", "Lumen",   "Vertex",  "Kestrel",  "Arbor",    "Halcyon", "Solace", "Quanta",  "Bramble",
    "Cobalt",   "Tidewater", "Everly", "Orbit",   "Pioneer",  "Fjord",   "Marlow", "Sable",   "Aurora",
    "Granite",  "Juniper", "Meridian", "Northstar", "Oakridge", "Pebble", "Redwood", "Summit", "Willow"};

const std::vector<const char*> kColours = {"Black", "White", "Navy", "Grey", "Red", "Green", "Sand", "Silver"};

const std::vector<Leaf>& leaves() {
  static const std::vector<Leaf> kLeaves = {
      {"headphones", "HP", {"Headphones", "Earbuds", "Headset"},
       {"Wireless", "Noise Cancelling", "Over-Ear", "Bluetooth", "Studio", "Sport"},
       {"Up to 30 hours of battery life.", "Active noise cancelling blocks out the commute.",
        "Soft memory-foam ear cushions.", "Fast charging: 10 minutes for 3 hours of music."},
       25, 350, 250, Scheme::colours, {{"connectivity", {"Bluetooth 5.3", "Wired 3.5 mm", "USB-C"}}}},
      {"speakers", "SP", {"Speaker", "Soundbar", "Smart Speaker"},
       {"Portable", "Waterproof", "Wireless", "Bookshelf", "Compact"},
       {"Room-filling 360 degree sound.", "IP67 waterproof and dustproof.", "Pairs with a second speaker for stereo."},
       30, 600, 900, Scheme::none, {{"power_watts", {"10", "20", "40", "80"}}}},
      {"laptops", "LT", {"Laptop", "Notebook", "Ultrabook"}, {"Lightweight", "Gaming", "14-inch", "16-inch", "Business"},
       {"All-day battery.", "Backlit keyboard.", "Fast SSD storage.", "Bright anti-glare display."},
       450, 2800, 1600, Scheme::none, {{"memory", {"8 GB", "16 GB", "32 GB"}}, {"storage", {"256 GB", "512 GB", "1 TB"}}}},
      {"keyboards-mice", "KB", {"Keyboard", "Mouse", "Trackpad"}, {"Mechanical", "Ergonomic", "Wireless", "Silent", "Compact"},
       {"Quiet, tactile keys.", "Runs for months on one charge.", "Connects to three devices."},
       15, 180, 400, Scheme::colours, {{"layout", {"US", "UK", "DE"}}}},
      {"monitors", "MO", {"Monitor", "Display"}, {"4K", "Curved", "27-inch", "Ultrawide", "Portable"},
       {"Factory-calibrated colour.", "Height-adjustable stand.", "USB-C with 65 W charging."},
       120, 1100, 5200, Scheme::none, {{"refresh_rate_hz", {"60", "144", "165"}}}},
      {"smartphones", "PH", {"Smartphone", "Phone"}, {"5G", "Dual-SIM", "Compact", "Pro", "Rugged"},
       {"Triple camera with night mode.", "Two-day battery.", "Water resistant."},
       150, 1400, 190, Scheme::colours, {{"storage", {"128 GB", "256 GB", "512 GB"}}}},
      {"tablets", "TB", {"Tablet", "E-Reader"}, {"10-inch", "Lightweight", "Kids", "Pro", "Waterproof"},
       {"Glare-free screen.", "Weeks of battery.", "Stylus support."}, 80, 1200, 480, Scheme::none,
       {{"storage", {"32 GB", "64 GB", "128 GB"}}}},
      {"phone-accessories", "PA", {"Phone Case", "Charger", "Power Bank", "Cable"},
       {"Slim", "Fast", "Rugged", "Magnetic", "Braided"},
       {"Drop-tested to two metres.", "Charges at up to 30 W.", "Fits in any pocket."}, 8, 90, 120, Scheme::colours,
       {{"compatibility", {"USB-C", "Lightning", "Qi wireless"}}}},
      {"cameras", "CA", {"Camera", "Action Camera", "Lens"}, {"Mirrorless", "4K", "Compact", "Waterproof", "Vintage"},
       {"Fast autofocus.", "In-body stabilisation.", "Weather-sealed body."}, 90, 2400, 700, Scheme::none,
       {{"sensor", {"APS-C", "Full frame", "1-inch"}}}},
      {"mens-shirts", "MS", {"Shirt", "T-Shirt", "Polo Shirt", "Flannel Shirt"},
       {"Organic Cotton", "Slim Fit", "Linen", "Oxford", "Classic"},
       {"Breathable fabric.", "Pre-washed for softness.", "Machine washable."}, 15, 120, 220, Scheme::size_and_colour,
       {{"material", {"cotton", "linen", "cotton blend"}}}},
      {"mens-jackets", "MJ", {"Jacket", "Parka", "Rain Jacket", "Fleece"},
       {"Waterproof", "Insulated", "Lightweight", "Packable", "Wool"},
       {"Taped seams keep the rain out.", "Warm without bulk.", "Two zipped pockets."}, 45, 380, 800,
       Scheme::clothing_sizes, {{"material", {"nylon", "wool", "polyester"}}}},
      {"womens-dresses", "WD", {"Dress", "Maxi Dress", "Summer Dress"}, {"Floral", "Linen", "Wrap", "Midi", "Evening"},
       {"Flowing cut.", "Lined bodice.", "Hidden side pockets."}, 30, 260, 350, Scheme::clothing_sizes,
       {{"material", {"viscose", "linen", "silk"}}}},
      {"womens-tops", "WT", {"Top", "Blouse", "Sweater", "Cardigan"}, {"Cashmere", "Cotton", "Relaxed", "Cropped", "Knit"},
       {"Soft and warm.", "Easy to layer.", "Keeps its shape wash after wash."}, 18, 220, 300, Scheme::size_and_colour,
       {{"material", {"cotton", "cashmere", "merino"}}}},
      {"sneakers", "SN", {"Sneakers", "Trainers", "Running Shoes"}, {"Lightweight", "Retro", "Trail", "Leather", "Canvas"},
       {"Cushioned sole.", "Breathable mesh upper.", "Recycled materials."}, 40, 220, 750, Scheme::shoe_sizes,
       {{"upper", {"mesh", "leather", "canvas"}}}},
      {"boots", "BO", {"Boots", "Chelsea Boots", "Hiking Boots"}, {"Waterproof", "Leather", "Insulated", "Suede", "Classic"},
       {"Grippy rubber sole.", "Resoleable Goodyear welt.", "Warm lining."}, 70, 340, 1300, Scheme::shoe_sizes,
       {{"upper", {"leather", "suede", "nubuck"}}}},
      {"bags", "BG", {"Backpack", "Tote Bag", "Duffel Bag", "Messenger Bag"},
       {"Waterproof", "Leather", "Travel", "Laptop", "Minimalist"},
       {"Padded laptop sleeve.", "Water-repellent fabric.", "Lifetime warranty."}, 25, 300, 900, Scheme::colours,
       {{"volume_litres", {"15", "20", "30", "45"}}}},
      {"watches", "WA", {"Watch", "Smartwatch", "Fitness Tracker"}, {"Automatic", "Solar", "Diver", "Minimalist", "Sport"},
       {"Sapphire crystal.", "100 m water resistance.", "Heart-rate tracking."}, 40, 900, 90, Scheme::colours,
       {{"case_mm", {"38", "40", "42", "44"}}}},
      {"cookware", "CW", {"Frying Pan", "Saucepan", "Dutch Oven", "Wok", "Knife Set"},
       {"Cast Iron", "Non-Stick", "Stainless Steel", "Copper", "Professional"},
       {"Works on induction.", "Oven safe to 260 C.", "Dishwasher safe."}, 20, 320, 2100, Scheme::none,
       {{"material", {"cast iron", "stainless steel", "aluminium"}}}},
      {"small-appliances", "SA", {"Coffee Maker", "Blender", "Toaster", "Kettle", "Air Fryer"},
       {"Programmable", "Compact", "Smart", "Retro", "Quiet"},
       {"Ready in minutes.", "Easy-clean parts.", "Auto shut-off."}, 25, 450, 2500, Scheme::colours,
       {{"power_watts", {"800", "1200", "1800"}}}},
      {"furniture", "FU", {"Desk", "Chair", "Bookshelf", "Sofa", "Coffee Table"},
       {"Oak", "Ergonomic", "Mid-Century", "Standing", "Modular"},
       {"Solid wood frame.", "Tool-free assembly.", "Ten-year warranty."}, 60, 1500, 18000, Scheme::none,
       {{"material", {"oak", "walnut", "steel"}}}},
      {"bedding", "BD", {"Duvet", "Pillow", "Sheet Set", "Blanket"}, {"Organic", "Linen", "Down", "Cooling", "Weighted"},
       {"Breathable and soft.", "OEKO-TEX certified.", "Machine washable."}, 20, 300, 1400, Scheme::none,
       {{"size", {"single", "double", "king"}}}},
      {"lighting", "LI", {"Desk Lamp", "Floor Lamp", "Pendant Light", "LED Strip"},
       {"Dimmable", "Smart", "Industrial", "Scandinavian", "Rechargeable"},
       {"Warm to daylight white.", "Energy-efficient LED.", "Works with voice assistants."}, 15, 380, 1500,
       Scheme::none, {{"lumens", {"400", "800", "1600"}}}},
      {"fitness", "FI", {"Yoga Mat", "Dumbbell Set", "Kettlebell", "Resistance Bands", "Exercise Bike"},
       {"Adjustable", "Non-Slip", "Foldable", "Pro", "Eco"},
       {"Space-saving design.", "Grippy surface.", "Built for daily training."}, 15, 900, 3000, Scheme::none,
       {{"max_load_kg", {"20", "50", "120"}}}},
      {"camping", "CP", {"Tent", "Sleeping Bag", "Camping Stove", "Headlamp", "Camping Chair"},
       {"Ultralight", "4-Season", "Waterproof", "Compact", "Family"},
       {"Packs down small.", "Sets up in five minutes.", "Tested in storms."}, 20, 650, 2200, Scheme::none,
       {{"capacity", {"1 person", "2 people", "4 people"}}}},
      {"cycling", "CY", {"Bike Helmet", "Bike Light", "Cycling Jersey", "Bike Lock"},
       {"Aero", "Reflective", "Carbon", "Commuter", "Rechargeable"},
       {"Visible from 500 m.", "Meets safety standards.", "Fits all bikes."}, 15, 320, 450, Scheme::none,
       {{"fit", {"regular", "race"}}}},
      {"running", "RU", {"Running Jacket", "Running Shorts", "Hydration Vest", "Running Socks"},
       {"Lightweight", "Reflective", "Breathable", "Trail", "Seamless"},
       {"Wicks sweat away.", "Reflective details.", "Zipped key pocket."}, 12, 180, 250, Scheme::clothing_sizes,
       {{"material", {"polyester", "merino", "nylon"}}}},
      {"fiction", "FN", {"Novel", "Short Stories", "Thriller", "Mystery"},
       {"Bestselling", "Award-Winning", "Classic", "Illustrated", "Collector's"},
       {"A gripping story.", "Hardcover edition.", "Now in paperback."}, 8, 45, 450, Scheme::none,
       {{"format", {"paperback", "hardcover", "audiobook"}}}},
      {"non-fiction", "NF", {"Cookbook", "Biography", "History Book", "Science Book", "Travel Guide"},
       {"Illustrated", "Bestselling", "Practical", "Essential", "Updated"},
       {"Beautifully photographed.", "Written by an expert.", "A new edition."}, 10, 60, 700, Scheme::none,
       {{"format", {"paperback", "hardcover"}}}},
      {"childrens-books", "CB", {"Picture Book", "Activity Book", "Bedtime Stories"},
       {"Illustrated", "Interactive", "Classic", "Lift-the-Flap", "Rhyming"},
       {"For ages 3 and up.", "Sturdy board pages.", "Read-aloud favourite."}, 6, 30, 350, Scheme::none,
       {{"age", {"0-3", "3-6", "6-9"}}}},
      {"skincare", "SK", {"Moisturiser", "Serum", "Cleanser", "Sunscreen", "Face Mask"},
       {"Hydrating", "Vitamin C", "Fragrance-Free", "Organic", "Gentle"},
       {"Dermatologist tested.", "Vegan formula.", "For all skin types."}, 8, 95, 150, Scheme::none,
       {{"volume_ml", {"30", "50", "100"}}}},
      {"haircare", "HC", {"Shampoo", "Conditioner", "Hair Dryer", "Hair Oil"},
       {"Repairing", "Volumising", "Ionic", "Sulfate-Free", "Argan"},
       {"Salon results at home.", "Lightweight formula.", "Less frizz."}, 7, 280, 400, Scheme::none,
       {{"hair_type", {"all", "curly", "fine"}}}},
      {"fragrance", "FR", {"Eau de Parfum", "Eau de Toilette", "Cologne", "Candle"},
       {"Citrus", "Woody", "Floral", "Fresh", "Amber"}, {"Long-lasting.", "Hand-poured.", "A signature scent."}, 15, 210,
       300, Scheme::none, {{"volume_ml", {"30", "50", "100"}}}},
      {"board-games", "BGM", {"Board Game", "Card Game", "Strategy Game", "Party Game"},
       {"Family", "Cooperative", "Classic", "Award-Winning", "Travel"},
       {"For 2 to 6 players.", "Games last about an hour.", "Easy to learn."}, 10, 90, 1100, Scheme::none,
       {{"players", {"2-4", "2-6", "3-8"}}}},
      {"building-sets", "BS", {"Building Set", "Construction Kit", "Robot Kit"},
       {"Creative", "STEM", "Motorised", "Deluxe", "Starter"},
       {"Hundreds of pieces.", "Compatible with other sets.", "Step-by-step instructions."}, 15, 250, 1200,
       Scheme::none, {{"pieces", {"250", "500", "1200"}}}},
      {"puzzles", "PZ", {"Jigsaw Puzzle", "3D Puzzle", "Puzzle Box"}, {"1000-Piece", "Wooden", "Landscape", "Art", "Mini"},
       {"Precision-cut pieces.", "Includes a poster.", "Made from recycled board."}, 8, 60, 700, Scheme::none,
       {{"pieces", {"500", "1000", "2000"}}}},
      {"garden-tools", "GT", {"Pruning Shears", "Garden Hose", "Watering Can", "Spade", "Wheelbarrow"},
       {"Heavy-Duty", "Ergonomic", "Expandable", "Stainless", "Compact"},
       {"Built to last.", "Comfortable grip.", "Rust resistant."}, 10, 220, 2000, Scheme::none,
       {{"material", {"steel", "aluminium", "ash wood"}}}},
      {"power-tools", "PT", {"Cordless Drill", "Circular Saw", "Sander", "Impact Driver", "Jigsaw"},
       {"Cordless", "Brushless", "18V", "Compact", "Professional"},
       {"Two batteries included.", "LED work light.", "Variable speed."}, 35, 480, 2400, Scheme::none,
       {{"voltage", {"12 V", "18 V", "20 V"}}}},
  };
  return kLeaves;
}

// splitmix64: a well-mixed number per (index, salt), so fields vary independently.
std::uint64_t mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

std::uint64_t pick(std::size_t index, std::uint64_t salt) { return mix(index * 0x100000001b3ULL + salt); }

template <class T>
const T& choose(const std::vector<T>& list, std::size_t index, std::uint64_t salt) {
  return list[pick(index, salt) % list.size()];
}

std::string hex(std::uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kHex[value & 0xf];
  return out;
}

std::string percent_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || c == '%' || c == '#' || c == '<' || c == '>' || c == '"' || byte >= 0x7f) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<ProductOption> options_for(Scheme scheme, std::size_t index) {
  const auto colours = [&](std::size_t count) {
    std::vector<std::string> out;
    const std::size_t start = pick(index, 41) % kColours.size();
    for (std::size_t i = 0; i < count; ++i) out.emplace_back(kColours[(start + i) % kColours.size()]);
    return out;
  };
  switch (scheme) {
    case Scheme::none: return {};
    case Scheme::clothing_sizes: return {{"Size", {"S", "M", "L", "XL"}}};
    case Scheme::shoe_sizes: return {{"Size", {"40", "41", "42", "43", "44"}}};
    case Scheme::size_and_colour: return {{"Size", {"S", "M", "L"}}, {"Colour", colours(2)}};
    case Scheme::colours: return index % 3 == 0 ? std::vector<ProductOption>{{"Colour", colours(3)}} : std::vector<ProductOption>{};
  }
  return {};
}

std::string attributes_of(const Leaf& leaf, const std::string& brand, std::size_t index) {
  JsonWriter out;
  out.begin_object().key("brand").string(brand);
  std::uint64_t salt = 51;
  for (const auto& attribute : leaf.attributes) out.key(attribute.key).string(choose(attribute.values, index, salt++));
  out.key("warranty_years").integer(static_cast<std::int64_t>(1 + pick(index, 59) % 3));
  out.end_object();
  return out.take();
}

}  // namespace

const std::vector<DemoCategory>& demo_categories() {
  static const std::vector<DemoCategory> kCategories = {
      {"electronics", "Electronics", ""},
      {"audio", "Audio", "electronics"},
      {"headphones", "Headphones", "audio"},
      {"speakers", "Speakers", "audio"},
      {"computers", "Computers", "electronics"},
      {"laptops", "Laptops", "computers"},
      {"keyboards-mice", "Keyboards & Mice", "computers"},
      {"monitors", "Monitors", "computers"},
      {"phones-tablets", "Phones & Tablets", "electronics"},
      {"smartphones", "Smartphones", "phones-tablets"},
      {"tablets", "Tablets", "phones-tablets"},
      {"phone-accessories", "Phone Accessories", "phones-tablets"},
      {"cameras", "Cameras", "electronics"},
      {"fashion", "Fashion", ""},
      {"mens-clothing", "Men's Clothing", "fashion"},
      {"mens-shirts", "Men's Shirts", "mens-clothing"},
      {"mens-jackets", "Men's Jackets", "mens-clothing"},
      {"womens-clothing", "Women's Clothing", "fashion"},
      {"womens-dresses", "Dresses", "womens-clothing"},
      {"womens-tops", "Women's Tops", "womens-clothing"},
      {"shoes", "Shoes", "fashion"},
      {"sneakers", "Sneakers", "shoes"},
      {"boots", "Boots", "shoes"},
      {"fashion-accessories", "Accessories", "fashion"},
      {"bags", "Bags", "fashion-accessories"},
      {"watches", "Watches", "fashion-accessories"},
      {"home-kitchen", "Home & Kitchen", ""},
      {"kitchen", "Kitchen", "home-kitchen"},
      {"cookware", "Cookware", "kitchen"},
      {"small-appliances", "Small Appliances", "kitchen"},
      {"furniture", "Furniture", "home-kitchen"},
      {"bedding", "Bedding", "home-kitchen"},
      {"lighting", "Lighting", "home-kitchen"},
      {"sports-outdoors", "Sports & Outdoors", ""},
      {"fitness", "Fitness", "sports-outdoors"},
      {"camping", "Camping", "sports-outdoors"},
      {"cycling", "Cycling", "sports-outdoors"},
      {"running", "Running", "sports-outdoors"},
      {"books", "Books", ""},
      {"fiction", "Fiction", "books"},
      {"non-fiction", "Non-Fiction", "books"},
      {"childrens-books", "Children's Books", "books"},
      {"beauty-health", "Beauty & Health", ""},
      {"skincare", "Skincare", "beauty-health"},
      {"haircare", "Haircare", "beauty-health"},
      {"fragrance", "Fragrance", "beauty-health"},
      {"toys-games", "Toys & Games", ""},
      {"board-games", "Board Games", "toys-games"},
      {"building-sets", "Building Sets", "toys-games"},
      {"puzzles", "Puzzles", "toys-games"},
      {"garden-diy", "Garden & DIY", ""},
      {"garden-tools", "Garden Tools", "garden-diy"},
      {"power-tools", "Power Tools", "garden-diy"},
  };
  return kCategories;
}

std::string placeholder_image(const std::string& label, std::uint64_t hue_seed) {
  const int hue = static_cast<int>(hue_seed % 360);
  const std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 400 300'>"
                          "<rect width='400' height='300' fill='hsl(" + std::to_string(hue) + ",45%,55%)'/>"
                          "<text x='200' y='162' font-family='sans-serif' font-size='30' fill='white' "
                          "text-anchor='middle'>" + label + "</text></svg>";
  return "data:image/svg+xml," + percent_encode(svg);
}

DemoProduct demo_product(std::size_t index, std::size_t count, std::uint64_t run_seed) {
  // The first product of each run is the plain one a shopper searches for.
  const Leaf& leaf = index == 0 ? leaves().front() : leaves()[pick(index, 1) % leaves().size()];
  const std::string brand = choose(kBrands, index, 2);
  const std::string adjective = choose(leaf.adjectives, index, 3);
  const std::string noun = choose(leaf.nouns, index, 4);

  DemoProduct product;
  product.id = "prod_" + hex(mix(run_seed ^ index), 16) + hex(mix(run_seed + index), 4);
  product.name = index == 0 ? "Wireless Headphones"
                            : brand + " " + adjective + " " + noun + " " +
                                  static_cast<char>('A' + pick(index, 5) % 26) + std::to_string(100 + pick(index, 6) % 900);
  product.category_slug = leaf.slug;
  product.description = adjective + " " + noun + " by " + brand + ". " + choose(leaf.features, index, 7) + " " +
                        choose(leaf.features, index, 8);
  product.sku = "DEMO-" + std::string(leaf.code) + "-" + hex(mix(run_seed) & 0xffffff, 6) + "-" + std::to_string(index);
  product.image_url = placeholder_image(noun, pick(index, 9));
  product.attributes_json = attributes_of(leaf, brand, index);
  product.options = options_for(leaf.scheme, index);
  product.age_minutes = static_cast<int>(count - index);

  // Prices end in .99, .49 or .00 as shop prices do.
  const std::uint64_t span = static_cast<std::uint64_t>(leaf.price_max - leaf.price_min) + 1;
  static constexpr std::array<int, 3> kCents = {99, 49, 0};
  const std::int64_t base = (leaf.price_min + static_cast<std::int64_t>(pick(index, 10) % span)) * 100 +
                            kCents[pick(index, 11) % kCents.size()];
  std::vector<OptionValues> combinations{OptionValues{}};
  for (const auto& option : product.options) {
    std::vector<OptionValues> next;
    for (const auto& partial : combinations) {
      for (const auto& value : option.values) {
        auto combination = partial;
        combination[option.name] = value;
        next.push_back(std::move(combination));
      }
    }
    combinations = std::move(next);
  }
  for (const auto& combination : combinations) {
    DemoVariant variant;
    variant.options = combination;
    std::vector<std::string> values;
    for (const auto& option : product.options) values.push_back(combination.at(option.name));
    variant.sku = values.empty() ? product.sku : product.sku + "-" + sku_suffix(values);
    // Larger sizes cost a little more.
    const bool large = combination.count("Size") != 0 && (combination.at("Size") == "XL" || combination.at("Size") == "44");
    variant.price = base + (large ? 200 : 0);
    variant.weight_grams = leaf.weight_grams;
    product.variants.push_back(std::move(variant));
  }
  product.price = base;
  return product;
}

}  // namespace emporium::catalog
