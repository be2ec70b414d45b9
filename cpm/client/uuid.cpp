#include "cpm/client/uuid.hpp"

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <array>
#include <cstdint>

namespace cpm::client {

std::string random_uuid(sip::stack::core& c)
{
    boost::uuids::uuid u{};
    for (std::size_t i = 0; i < 16; i += 4) {
        std::uint32_t const r = c.random();
        for (std::size_t k = 0; k < 4; ++k)
            u.data[i + k] = static_cast<std::uint8_t>(r >> (8 * k));
    }
    // RFC 4122 4.4: version 4 in the high nibble of octet 6, variant 10xx in octet 8.
    u.data[6] = static_cast<std::uint8_t>((u.data[6] & 0x0F) | 0x40);
    u.data[8] = static_cast<std::uint8_t>((u.data[8] & 0x3F) | 0x80);
    return boost::uuids::to_string(u);
}

std::string name_uuid(std::string_view name)
{
    boost::uuids::name_generator_sha1 gen(boost::uuids::ns::url());
    return boost::uuids::to_string(gen(name.data(), name.size()));
}

std::string instance_for(std::string_view name)
{
    return "urn:uuid:" + name_uuid(name);
}

} // namespace cpm::client
