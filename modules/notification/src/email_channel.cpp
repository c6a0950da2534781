#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>

#include "channels.hpp"
#include "emporium/kernel/log.hpp"
#include "mime.hpp"

namespace emporium::notification {
namespace {

std::string random_hex(std::size_t length) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out += kDigits[generator() % 16];
  return out;
}

std::string mime_for(const NotificationConfig& config, const Outgoing& message) {
  MimeEnvelope envelope{message.delivery_id + "@" + domain_of(config.mail_from), std::chrono::system_clock::now(),
                        "=_emporium_" + random_hex(24)};
  return build_mime({config.mail_from, message.recipient, message.subject, message.text_body, message.html_body},
                    envelope);
}

// The dev default: each message as <data_dir>/mail/<time>-<delivery>.eml.
class FileMailer final : public Channel {
 public:
  explicit FileMailer(NotificationConfig config) : config_(std::move(config)) {}

  SendOutcome send(const Outgoing& message) override {
    std::filesystem::path dir = std::filesystem::path(config_.data_dir) / "mail";
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) return {false, "cannot create " + dir.string() + ": " + error.message()};
    auto stamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch()).count();
    auto path = dir / (std::to_string(stamp) + "-" + message.delivery_id + ".eml");
    std::ofstream out(path, std::ios::binary);
    out << mime_for(config_, message);
    out.close();
    if (!out) return {false, "cannot write " + path.string()};
    kernel::log::info("notification", "email written", {{"path", path.string()}, {"to", message.recipient}});
    return {true, {}};
  }

 private:
  NotificationConfig config_;
};

struct Upload {
  const std::string* text;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t room = size * count;
  std::size_t left = upload->text->size() - upload->offset;
  std::size_t n = left < room ? left : room;
  std::memcpy(buffer, upload->text->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// SMTP through libcurl: smtp:// upgrades with STARTTLS whenever the server
// offers it, smtps:// is TLS from the start, and user:password in the URL
// logs in with AUTH.
class SmtpMailer final : public Channel {
 public:
  explicit SmtpMailer(NotificationConfig config) : config_(std::move(config)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  SendOutcome send(const Outgoing& message) override {
    std::string text = mime_for(config_, message);
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return {false, "curl_easy_init failed"};
    Upload upload{&text};
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str());
    std::string from = "<" + config_.mail_from + ">";
    char error_text[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, config_.smtp_url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.smtp_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.smtp_timeout.count()));
    CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (code != CURLE_OK) {
      return {false, std::string("smtp: ") + (error_text[0] != 0 ? error_text : curl_easy_strerror(code))};
    }
    return {true, {}};
  }

 private:
  NotificationConfig config_;
};

class DevSmsProvider final : public Channel {
 public:
  explicit DevSmsProvider(std::string data_dir) : path_(std::filesystem::path(data_dir) / "sms.log") {}

  SendOutcome send(const Outgoing& message) override {
    std::lock_guard lock(mutex_);
    std::error_code error;
    std::filesystem::create_directories(path_.parent_path(), error);
    std::ofstream out(path_, std::ios::app | std::ios::binary);
    std::string body = message.text_body;
    for (auto& c : body) if (c == '\n' || c == '\r') c = ' ';
    out << rfc5322_date(std::chrono::system_clock::now()) << '\t' << message.recipient << '\t' << body << '\n';
    out.close();
    if (!out) return {false, "cannot write " + path_.string()};
    return {true, {}};
  }

 private:
  std::filesystem::path path_;
  std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Channel> make_email_channel(const NotificationConfig& config) {
  if (config.smtp_url.empty()) return std::make_unique<FileMailer>(config);
  return std::make_unique<SmtpMailer>(config);
}

std::unique_ptr<Channel> make_dev_sms_provider(const std::string& data_dir) {
  return std::make_unique<DevSmsProvider>(data_dir);
}

}  // namespace emporium::notification
