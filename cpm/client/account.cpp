#include "cpm/client/account.hpp"

namespace cpm::client {

std::string address_of_record(account const& a)
{
    return "sip:" + a.user + "@" + a.domain;
}

std::string name_addr(std::string_view display, std::string_view uri)
{
    std::string out;
    if (!display.empty()) {
        out += '"';
        for (char ch : display) {
            if (ch == '"' || ch == '\\')
                out += '\\';
            out += ch;
        }
        out += "\" ";
    }
    out += '<';
    out += uri;
    out += '>';
    return out;
}

std::string icsi_feature(std::span<std::string const> services)
{
    // RFC 3840 9: a string inside the quotes may not hold ':' or ','; TS 24.229
    // 7.9A %-encodes everything outside the unreserved URN characters.
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "+g.3gpp.icsi-ref=\"";
    bool first = true;
    for (auto const& urn : services) {
        if (!first)
            out += ',';
        first = false;
        for (unsigned char ch : urn) {
            bool const plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                               ch == '-' || ch == '.' || ch == '_' || ch == '~';
            if (plain) {
                out += static_cast<char>(ch);
            } else {
                out += '%';
                out += hex[ch >> 4];
                out += hex[ch & 0x0F];
            }
        }
    }
    out += '"';
    return out;
}

std::string expand_target(std::string_view target, std::string_view domain)
{
    if (target.find(':') != std::string_view::npos)
        return std::string(target);
    if (target.find('@') != std::string_view::npos)
        return "sip:" + std::string(target);
    return "sip:" + std::string(target) + "@" + std::string(domain);
}

} // namespace cpm::client
