#pragma once
/// @file
/// The servers' log: one line per event on stderr, "<UTC time> <level>
/// <text>", written whole by one call so lines of several workers never
/// interleave. The level is process-wide and may change while running.

#include "sip/message.hpp"

#include <string_view>

namespace cpm::core {

enum class log_level { debug, info, warn, error };

/// The level named @p name ("debug", "info", "warn", "error"), or false.
bool parse_log_level(std::string_view name, log_level& out) noexcept;

void set_log_level(log_level level) noexcept;
/// Whether a line at @p level would be written (test it before building
/// an expensive line).
bool log_enabled(log_level level) noexcept;
/// Writes @p text at @p level when enabled.
void log(log_level level, std::string_view text);

/// At debug level, the line of a transaction's end: "<METHOD> Call-ID
/// <id> answered <status line>" for @p response (bytes) to @p request
/// when it is final; nothing for a provisional one.
void log_answer(sip::message const& request, std::string_view response);

} // namespace cpm::core
