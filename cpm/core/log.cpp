#include "cpm/core/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace cpm::core {

namespace {

std::atomic<log_level> threshold{log_level::info};

constexpr std::string_view names[] = {"debug", "info", "warn", "error"};

} // namespace

bool parse_log_level(std::string_view name, log_level& out) noexcept
{
    for (std::size_t i = 0; i < std::size(names); ++i)
        if (name == names[i]) {
            out = static_cast<log_level>(i);
            return true;
        }
    return false;
}

void set_log_level(log_level level) noexcept
{
    threshold.store(level, std::memory_order_relaxed);
}

bool log_enabled(log_level level) noexcept
{
    return level >= threshold.load(std::memory_order_relaxed);
}

void log(log_level level, std::string_view text)
{
    if (!log_enabled(level))
        return;
    auto const now = std::chrono::system_clock::now();
    auto const seconds = std::chrono::system_clock::to_time_t(now);
    auto const millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(millis));
    std::string line(stamp);
    line += names[static_cast<std::size_t>(level)];
    line += ' ';
    line += text;
    line += '\n';
    // One write per line: stdio locks the stream for the call.
    std::fwrite(line.data(), 1, line.size(), stderr);
}

void log_answer(sip::message const& request, std::string_view response)
{
    if (!log_enabled(log_level::debug))
        return;
    // "SIP/2.0 200 OK": the status code's first digit is at offset 8.
    std::string_view const status_line = response.substr(0, response.find("\r\n"));
    if (status_line.size() < 9 || status_line[8] < '2')
        return;
    log(log_level::debug, std::string(request.method_text()) + " Call-ID " + std::string(request.call_id())
                              + " answered " + std::string(status_line));
}

} // namespace cpm::core
