#include "mime.hpp"

#include <ctime>

namespace emporium::notification {
namespace {

constexpr const char* kHex = "0123456789ABCDEF";

bool plain_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Headers never carry a line break from data (header injection).
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

}  // namespace

std::string rfc5322_date(std::chrono::system_clock::time_point when) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

std::string encode_header(std::string_view text) {
  auto line = one_line(text);
  if (plain_ascii(line)) return line;
  std::string out = "=?UTF-8?Q?";
  for (unsigned char c : line) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '_';
    } else {
      out += '=';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out + "?=";
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t column = 0;
  auto emit = [&](std::string_view piece) {
    if (column + piece.size() > 75) {
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      out += "\r\n";
      column = 0;
      continue;
    }
    bool line_end_next = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end_next);
    // A leading '.' is escaped so that no line is ever a lone "." to SMTP.
    if (c == '.' && column == 0) literal = false;
    if (literal) {
      char one[2] = {static_cast<char>(c), 0};
      emit(one);
    } else {
      char encoded[4] = {'=', kHex[c >> 4], kHex[c & 15], 0};
      emit(encoded);
    }
  }
  return out;
}

std::string domain_of(std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return "localhost";
  auto domain = address.substr(at + 1);
  while (!domain.empty() && domain.back() == '>') domain.remove_suffix(1);
  return domain.empty() ? "localhost" : std::string(domain);
}

std::string build_mime(const MailMessage& message, const MimeEnvelope& envelope) {
  std::string out;
  out += "From: " + one_line(message.from) + "\r\n";
  out += "To: " + one_line(message.to) + "\r\n";
  out += "Subject: " + encode_header(message.subject) + "\r\n";
  out += "Date: " + rfc5322_date(envelope.date) + "\r\n";
  out += "Message-ID: <" + one_line(envelope.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  const std::string text_headers =
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
  if (message.html_body.empty()) {
    out += text_headers + "\r\n" + quoted_printable(message.text_body) + "\r\n";
    return out;
  }
  out += "Content-Type: multipart/alternative; boundary=\"" + envelope.boundary + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + envelope.boundary + "\r\n" + text_headers + "\r\n" + quoted_printable(message.text_body) + "\r\n";
  out += "--" + envelope.boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(message.html_body) + "\r\n";
  out += "--" + envelope.boundary + "--\r\n";
  return out;
}

}  // namespace emporium::notification
