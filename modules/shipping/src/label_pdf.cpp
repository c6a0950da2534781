#include "label_pdf.hpp"

#include <hpdf.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "code128.hpp"

namespace emporium::shipping {
namespace {

constexpr float kWidth = 288;   // 4 in
constexpr float kHeight = 432;  // 6 in
constexpr float kMargin = 18;
constexpr float kModule = 1.2f;  // barcode module width in points
constexpr float kBarHeight = 64;

// libharu reports errors through a C callback; throwing across C frames is
// not allowed, so the first error is kept and checked afterwards.
struct HaruError {
  HPDF_STATUS error = 0;
  HPDF_STATUS detail = 0;
};

void on_haru_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* state = static_cast<HaruError*>(user_data);
  if (state->error == 0) *state = {error, detail};
}

struct DocDeleter {
  void operator()(HPDF_Doc doc) const { HPDF_Free(doc); }
};

std::vector<std::string> address_lines(const user::PostalAddress& address) {
  std::vector<std::string> lines{address.name, address.line1};
  if (!address.line2.empty()) lines.push_back(address.line2);
  std::string locality = address.city;
  if (!address.region.empty()) locality += ", " + address.region;
  if (!address.postal_code.empty()) locality += " " + address.postal_code;
  lines.push_back(locality);
  lines.push_back(address.country);
  return lines;
}

class Page {
 public:
  Page(HPDF_Doc doc, HPDF_Page page) : page_(page) {
    regular_ = HPDF_GetFont(doc, "Helvetica", "WinAnsiEncoding");
    bold_ = HPDF_GetFont(doc, "Helvetica-Bold", "WinAnsiEncoding");
  }

  void text(float x, float y, const std::string& utf8, float size, bool bold = false) {
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
    HPDF_Page_TextOut(page_, x, y, to_win_ansi(utf8).c_str());
    HPDF_Page_EndText(page_);
  }

  void centered(float y, const std::string& utf8, float size, bool bold = false) {
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
    float width = HPDF_Page_TextWidth(page_, to_win_ansi(utf8).c_str());
    text((kWidth - width) / 2, y, utf8, size, bold);
  }

  // Lines from the top down; returns the y below the last one.
  float lines(float x, float y, const std::vector<std::string>& lines, float size, bool bold = false) {
    for (const auto& line : lines) {
      text(x, y, line, size, bold);
      y -= size * 1.3f;
    }
    return y;
  }

  void rule(float y) {
    HPDF_Page_SetLineWidth(page_, 1);
    HPDF_Page_MoveTo(page_, kMargin, y);
    HPDF_Page_LineTo(page_, kWidth - kMargin, y);
    HPDF_Page_Stroke(page_);
  }

  void barcode(float y, const std::vector<int>& widths) {
    float total = 0;
    for (int width : widths) total += static_cast<float>(width) * kModule;
    float x = (kWidth - total) / 2;
    bool bar = true;
    for (int width : widths) {
      float w = static_cast<float>(width) * kModule;
      if (bar) HPDF_Page_Rectangle(page_, x, y, w, kBarHeight);
      x += w;
      bar = !bar;
    }
    HPDF_Page_Fill(page_);
  }

 private:
  HPDF_Page page_;
  HPDF_Font regular_;
  HPDF_Font bold_;
};

}  // namespace

std::string to_win_ansi(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {
      out.push_back(byte < 0x20 ? ' ' : static_cast<char>(byte));
      ++i;
      continue;
    }
    // Two-byte sequences C2/C3 xx are U+0080..U+00FF, the Latin-1 range WinAnsi shares.
    if ((byte == 0xC2 || byte == 0xC3) && i + 1 < utf8.size()) {
      auto next = static_cast<unsigned char>(utf8[i + 1]);
      unsigned code = ((byte & 0x1Fu) << 6) | (next & 0x3Fu);
      out.push_back(code >= 0xA0 ? static_cast<char>(code) : '?');
      i += 2;
      continue;
    }
    out.push_back('?');
    ++i;
    while (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

std::string format_weight(std::int64_t grams) {
  if (grams < 1000) return std::to_string(grams) + " g";
  std::string fraction = std::to_string(grams % 1000);
  fraction.insert(0, 3 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return std::to_string(grams / 1000) + (fraction.empty() ? "" : "." + fraction) + " kg";
}

std::string render_label_pdf(const LabelData& label, bool compress) {
  auto symbols = code128b_symbols(label.tracking_number);
  if (!symbols) throw std::runtime_error("label: the tracking number is not printable as Code 128 B");

  HaruError error;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter> doc(HPDF_New(on_haru_error, &error));
  if (!doc) throw std::runtime_error("label: libharu could not create a document");
  HPDF_SetCompressionMode(doc.get(), compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_TITLE, ("Shipping label " + label.tracking_number).c_str());
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "Emporium");

  HPDF_Page handle = HPDF_AddPage(doc.get());
  HPDF_Page_SetWidth(handle, kWidth);
  HPDF_Page_SetHeight(handle, kHeight);
  Page page(doc.get(), handle);

  float y = kHeight - kMargin - 14;
  page.text(kMargin, y, label.carrier, 14, true);
  page.text(kMargin + 150, y, label.service_name, 12, true);
  y -= 22;
  page.text(kMargin, y, "FROM", 7, true);
  y = page.lines(kMargin, y - 11, address_lines(label.sender), 8);
  page.rule(y + 2);
  y -= 14;
  page.text(kMargin, y, "SHIP TO", 8, true);
  y = page.lines(kMargin + 10, y - 16, address_lines(label.recipient), 12, true);
  page.rule(y + 4);
  y -= 14;
  page.text(kMargin, y, "Weight: " + format_weight(label.weight_grams), 9);
  page.text(kMargin + 120, y, "Order: " + label.order_id, 9);
  y -= 13;
  page.text(kMargin, y, "Shipped: " + label.created_at.substr(0, 10), 9);

  page.barcode(kMargin + 34, code128_widths(*symbols));
  page.centered(kMargin + 16, label.tracking_number, 12, true);

  if (error.error == 0) HPDF_SaveToStream(doc.get());
  if (error.error != 0) {
    throw std::runtime_error("label: libharu error " + std::to_string(error.error) + " (detail " +
                             std::to_string(error.detail) + ")");
  }
  HPDF_UINT32 size = HPDF_GetStreamSize(doc.get());
  std::string bytes(size, '\0');
  HPDF_ReadFromStream(doc.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  return bytes;
}

}  // namespace emporium::shipping
