#include "cards.hpp"

#include <chrono>
#include <cctype>

#include "emporium/payment/payments.hpp"

namespace emporium::payment {
namespace {

int prefix(std::string_view digits, std::size_t length) {
  if (digits.size() < length) return -1;
  return std::stoi(std::string(digits.substr(0, length)));
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string card_digits(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      out.push_back(c);
    } else if (c != ' ' && c != '-') {
      return {};
    }
  }
  return out;
}

bool luhn_valid(std::string_view digits) {
  if (digits.size() < 12 || digits.size() > 19 || !all_digits(digits)) return false;
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (double_it) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

std::string card_brand(std::string_view digits) {
  if (digits.empty()) return "unknown";
  int two = prefix(digits, 2), four = prefix(digits, 4), three = prefix(digits, 3);
  if (two == 34 || two == 37) return "amex";
  if (digits[0] == '4') return "visa";
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return "mastercard";
  if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) return "discover";
  if (two == 36 || two == 38 || (three >= 300 && three <= 305)) return "diners";
  if (four >= 3528 && four <= 3589) return "jcb";
  if (two == 62) return "unionpay";
  return "unknown";
}

std::string card_last4(std::string_view digits) {
  return std::string(digits.size() <= 4 ? digits : digits.substr(digits.size() - 4));
}

std::vector<kernel::FieldError> card_errors(const CardDetails& card) {
  std::vector<kernel::FieldError> errors;
  std::string digits = card_digits(card.number);
  if (!luhn_valid(digits)) errors.push_back({"payment.card.number", "is not a valid card number"});
  bool month_ok = card.exp_month >= 1 && card.exp_month <= 12;
  if (!month_ok) errors.push_back({"payment.card.exp_month", "must be between 1 and 12"});
  auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  int year = static_cast<int>(today.year());
  int month = static_cast<int>(static_cast<unsigned>(today.month()));
  // Two-digit years, as printed on cards, are of this century.
  int exp_year = card.exp_year >= 0 && card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year;
  if (exp_year < year || exp_year > year + 50) {
    errors.push_back({"payment.card.exp_year", "must be this year or a later one"});
  } else if (month_ok && exp_year == year && card.exp_month < month) {
    errors.push_back({"payment.card.exp_month", "the card has expired"});
  }
  if (card.cvc.size() < 3 || card.cvc.size() > 4 || !all_digits(card.cvc)) {
    errors.push_back({"payment.card.cvc", "must be 3 or 4 digits"});
  }
  return errors;
}

}  // namespace emporium::payment
