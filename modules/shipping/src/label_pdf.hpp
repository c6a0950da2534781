#pragma once
// A shipping label as a 4x6 inch PDF drawn with libharu: carrier and
// service, sender, recipient, weight, order, and the tracking number as text
// and as a Code 128 barcode. No I/O: the document is built in memory.
#include <string>

#include "carrier.hpp"

namespace emporium::shipping {

// The PDF bytes. Throws std::runtime_error if libharu fails (a bug or out of memory).
std::string render_label_pdf(const LabelData& label, bool compress);

// Text for the label's standard fonts (WinAnsi): Latin-1 letters are kept,
// other characters become '?'. Exposed for tests.
std::string to_win_ansi(const std::string& utf8);

// "1.25 kg" for 1250 g; "850 g" below one kilogram.
std::string format_weight(std::int64_t grams);

}  // namespace emporium::shipping
