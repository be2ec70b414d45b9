#include "imdn/error.hpp"

#include <string>

namespace cpm::imdn {

namespace {
class category final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "cpm.imdn"; }
    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::bad_disposition_notification: return "malformed Disposition-Notification";
        case errc::bad_message_id: return "malformed Message-ID";
        case errc::bad_address: return "malformed IMDN address header";
        case errc::duplicate_header: return "IMDN header repeated";
        case errc::not_an_imdn: return "not an IMDN document";
        case errc::missing_element: return "missing IMDN element";
        case errc::duplicate_element: return "IMDN element repeated";
        case errc::unexpected_element: return "unexpected IMDN element";
        case errc::unknown_status: return "unknown IMDN status";
        case errc::bad_datetime: return "malformed IMDN datetime";
        case errc::missing_header: return "missing header for an IMDN";
        case errc::not_requested: return "notification not requested";
        case errc::bad_value: return "value not representable";
        case errc::not_on_route: return "IMDN not routed through this intermediary";
        }
        return "unknown IMDN error";
    }
};
} // namespace

boost::system::error_category const& imdn_category() noexcept
{
    static category const instance;
    return instance;
}

} // namespace cpm::imdn
