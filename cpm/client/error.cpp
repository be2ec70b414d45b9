#include "cpm/client/error.hpp"

#include <string>

namespace cpm::client {

namespace {

class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.client"; }
    std::string message(int value) const override
    {
        switch (static_cast<errc>(value)) {
        case errc::too_large: return "pager-mode content is limited to 1300 bytes (larger is Large Message Mode)";
        case errc::bad_uri: return "the target must be a sip:, sips: or tel: URI";
        case errc::bad_text: return "the text must be non-empty UTF-8";
        case errc::busy: return "a registration request is already pending";
        case errc::not_registered: return "not registered";
        case errc::no_credentials: return "the authentication challenge cannot be answered";
        }
        return "unknown client error";
    }
};

} // namespace

boost::system::error_category const& client_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::client
