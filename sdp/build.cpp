#include "sdp/build.hpp"

namespace cpm::sdp {

namespace {

attribute property(std::string_view name)
{
    return attribute{name, {}, false, 0};
}
attribute valued(std::string_view name, std::string_view value)
{
    return attribute{name, value, true, 0};
}

template <class Items, class Write>
std::string join(Items const& items, Write write)
{
    std::string out;
    for (auto const& item : items) {
        if (!out.empty())
            out += ' ';
        write(out, item);
    }
    return out;
}

} // namespace

std::string format_accept_types(std::span<media_range const> types)
{
    return join(types, [](std::string& out, media_range const& r) {
        out += r.type;
        if (!r.is_any()) {
            out += '/';
            out += r.subtype;
        }
    });
}

std::string format_file_selector(file_selector const& s)
{
    std::string out;
    auto next = [&out](std::string_view key) {
        if (!out.empty())
            out += ' ';
        out += key;
    };
    if (!s.name.empty()) {
        next("name:\"");
        out += s.name;
        out += '"';
    }
    if (!s.type.empty()) {
        next("type:");
        out += s.type;
        out += '/';
        out += s.subtype;
        out += s.type_params;
    }
    if (s.size) {
        next("size:");
        out += std::to_string(*s.size);
    }
    if (!s.hash_algorithm.empty()) {
        next("hash:");
        out += s.hash_algorithm;
        out += ':';
        out += s.hash_value;
    }
    return out;
}

std::string format_file_date(file_date const& d)
{
    std::pair<std::string_view, std::string_view> const dates[] = {
        {"creation:", d.creation}, {"modification:", d.modification}, {"read:", d.read}};
    std::string out;
    for (auto const& [key, value] : dates) {
        if (value.empty())
            continue;
        if (!out.empty())
            out += ' ';
        out += key;
        out += '"';
        out += value;
        out += '"';
    }
    return out;
}

std::string format_file_range(file_range const& r)
{
    return std::to_string(r.start) + '-' + (r.stop ? std::to_string(*r.stop) : std::string("*"));
}

media_description msrp_media_line(msrp_media const& media, std::uint16_t port, std::string_view proto,
                                  text_store& store)
{
    media_description m;
    m.media = "message";
    m.port = port;
    m.proto = proto;
    m.formats = {"*"};
    auto& a = m.attributes;
    if (media.direction != direction::sendrecv)
        a.push_back(property(to_string(media.direction)));
    a.push_back(valued("accept-types", store.keep(format_accept_types(media.accept_types))));
    if (!media.accept_wrapped_types.empty())
        a.push_back(valued("accept-wrapped-types", store.keep(format_accept_types(media.accept_wrapped_types))));
    if (media.max_size)
        a.push_back(valued("max-size", store.keep(std::to_string(*media.max_size))));
    a.push_back(valued("path", store.keep(join(media.path, [](std::string& out, std::string_view u) { out += u; }))));
    if (media.setup)
        a.push_back(valued("setup", to_string(*media.setup)));
    if (media.connection)
        a.push_back(valued("connection", to_string(*media.connection)));
    if (media.cema)
        a.push_back(property("msrp-cema"));
    if (media.file) {
        auto const& f = *media.file;
        if (f.selector) {
            std::string_view const v = store.keep(format_file_selector(*f.selector));
            a.push_back(v.empty() ? property("file-selector") : valued("file-selector", v));
        }
        if (!f.transfer_id.empty())
            a.push_back(valued("file-transfer-id", f.transfer_id));
        if (!f.disposition.empty())
            a.push_back(valued("file-disposition", f.disposition));
        if (f.date)
            a.push_back(valued("file-date", store.keep(format_file_date(*f.date))));
        if (!f.icon.empty())
            a.push_back(valued("file-icon", f.icon));
        if (f.range)
            a.push_back(valued("file-range", store.keep(format_file_range(*f.range))));
    }
    return m;
}

media_description answer_media_line(media_description const& offer, msrp_answer const& answer, std::uint16_t port,
                                    text_store& store)
{
    if (!answer.accepted()) {
        media_description m;
        m.media = offer.media;
        m.port = 0;
        m.proto = offer.proto;
        m.formats = offer.formats;
        return m;
    }
    return msrp_media_line(answer.media, port, offer.proto, store);
}

} // namespace cpm::sdp
