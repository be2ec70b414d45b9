#include "cpm/core/users_file.hpp"

#include "sip/abnf/char_class.hpp"

#include <boost/system/errc.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace cpm::core {

bool user_directory::add_password(std::string_view user, std::string_view password, std::string_view display_name)
{
    if (!display_names_.emplace(std::string(user), std::string(display_name)).second)
        return false;
    secrets_.add_password(domain_, user, password);
    return true;
}

bool user_directory::add_ha1(std::string_view user, sip::digest_algorithm algorithm, std::string_view ha1,
                             std::string_view display_name)
{
    if (!display_names_.emplace(std::string(user), std::string(display_name)).second)
        return false;
    secrets_.add_ha1(domain_, user, algorithm, ha1);
    return true;
}

bool user_directory::contains(std::string_view user) const
{
    return display_names_.find(user) != display_names_.end();
}

std::string_view user_directory::display_name(std::string_view user) const
{
    auto it = display_names_.find(user);
    return it == display_names_.end() ? std::string_view{} : std::string_view(it->second);
}

std::optional<sip::auth::user_secret> user_directory::find(std::string_view realm, std::string_view username,
                                                           sip::digest_algorithm algorithm) const
{
    return secrets_.find(realm, username, algorithm);
}

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// The next whitespace-delimited word of @p rest (consumed from it).
std::string_view next_word(std::string_view& rest) noexcept
{
    rest = trim(rest);
    std::size_t n = 0;
    while (n < rest.size() && !is_space(rest[n]))
        ++n;
    auto word = rest.substr(0, n);
    rest.remove_prefix(n);
    return word;
}

bool all_hex(std::string_view s) noexcept
{
    for (char const c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    return true;
}

std::string to_lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = sip::abnf::to_lower(c);
    return out;
}

// The HA1 kinds of the file format: "md5:" (32 hex digits) and "sha256:" (64).
struct ha1_kind {
    std::string_view name;
    sip::digest_algorithm algorithm;
    std::size_t digits;
};
constexpr ha1_kind ha1_kinds[] = {
    {"md5", sip::digest_algorithm::md5, 32},
    {"sha256", sip::digest_algorithm::sha_256, 64},
};

class file_parser {
public:
    file_parser(std::string_view text, std::string_view domain, std::string_view file_name)
        : text_(text), file_name_(file_name), users_(std::string(domain))
    {
    }

    sip::abnf::result<user_directory> run()
    {
        std::size_t start = 0;
        std::uint32_t line_no = 0;
        while (start < text_.size()) {
            auto end = text_.find('\n', start);
            if (end == std::string_view::npos)
                end = text_.size();
            ++line_no;
            if (auto error = line(text_.substr(start, end - start), line_no))
                return *error;
            start = end + 1;
        }
        return std::move(users_);
    }

private:
    sip::abnf::parse_error fail(std::string_view at, std::uint32_t line_no, std::string_view line,
                                std::string const& sentence) const
    {
        sip::abnf::parse_error e;
        e.code = make_error_code(boost::system::errc::invalid_argument);
        e.offset = static_cast<std::size_t>(at.data() - text_.data());
        e.line = line_no;
        e.column = static_cast<std::uint32_t>(at.data() - line.data()) + 1;
        e.message = std::string(file_name_) + ':' + std::to_string(e.line) + ':' + std::to_string(e.column) + ": " +
                    sentence;
        return e;
    }

    std::optional<sip::abnf::parse_error> line(std::string_view line, std::uint32_t line_no)
    {
        std::string_view rest = line;
        auto const user = next_word(rest);
        if (user.empty() || user.front() == '#')
            return std::nullopt;
        auto const secret = next_word(rest);
        auto const display = trim(rest);
        if (secret.empty())
            return fail(line.substr(static_cast<std::size_t>(user.data() + user.size() - line.data())), line_no, line,
                        "user '" + std::string(user) + "' has no secret (expected plain:, md5: or sha256:)");
        auto const colon = secret.find(':');
        if (colon == std::string_view::npos)
            return fail(secret, line_no, line, "expected <kind>:<secret> (plain:, md5: or sha256:)");
        auto const kind = secret.substr(0, colon);
        auto const value = secret.substr(colon + 1);
        bool added = false;
        if (kind == "plain") {
            if (value.empty())
                return fail(value, line_no, line, "plain: the password is empty");
            added = users_.add_password(user, value, display);
        } else {
            auto const* k = std::find_if(std::begin(ha1_kinds), std::end(ha1_kinds),
                                         [&](ha1_kind const& h) { return h.name == kind; });
            if (k == std::end(ha1_kinds))
                return fail(secret, line_no, line,
                            "unknown secret kind '" + std::string(kind) + "' (expected plain, md5 or sha256)");
            if (value.size() != k->digits)
                return fail(value, line_no, line,
                            std::string(kind) + ": the HA1 must be " + std::to_string(k->digits) +
                                " hex digits, not " + std::to_string(value.size()));
            if (!all_hex(value))
                return fail(value, line_no, line, std::string(kind) + ": the HA1 must be hex digits");
            // The verifier hashes HA1 as lower-case hex text (RFC 7616 3.4.1).
            added = users_.add_ha1(user, k->algorithm, to_lower(value), display);
        }
        if (!added)
            return fail(user, line_no, line, "duplicate user '" + std::string(user) + "'");
        return std::nullopt;
    }

    std::string_view text_;
    std::string_view file_name_;
    user_directory users_;
};

} // namespace

sip::abnf::result<user_directory> parse_users(std::string_view text, std::string_view domain,
                                              std::string_view file_name)
{
    return file_parser(text, domain, file_name).run();
}

sip::abnf::result<user_directory> load_users_file(std::string const& path, std::string_view domain)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        sip::abnf::parse_error e;
        e.code = make_error_code(boost::system::errc::no_such_file_or_directory);
        e.message = path + ":1:1: cannot read the file";
        return e;
    }
    std::ostringstream content;
    content << in.rdbuf();
    return parse_users(content.str(), domain, path);
}

} // namespace cpm::core
