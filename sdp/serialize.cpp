#include "sdp/serialize.hpp"

namespace cpm::sdp {

namespace {

void line(std::string& out, char type, std::string_view value)
{
    out += type;
    out += '=';
    out += value;
    out += "\r\n";
}

void put(std::string& out, std::uint64_t n)
{
    out += std::to_string(n);
}

void write(std::string& out, connection const& c)
{
    out += "c=";
    out += c.nettype;
    out += ' ';
    out += c.addrtype;
    out += ' ';
    out += c.address;
    if (c.ttl) {
        out += '/';
        put(out, *c.ttl);
    }
    if (c.address_count) {
        out += '/';
        put(out, *c.address_count);
    }
    out += "\r\n";
}

void write(std::string& out, bandwidth const& b)
{
    out += "b=";
    out += b.type;
    out += ':';
    put(out, b.value);
    out += "\r\n";
}

void write(std::string& out, key const& k)
{
    out += "k=";
    out += k.method;
    if (k.method != "prompt") {
        out += ':';
        out += k.value;
    }
    out += "\r\n";
}

void write(std::string& out, attribute const& a)
{
    out += "a=";
    out += a.name;
    if (a.has_value) {
        out += ':';
        out += a.value;
    }
    out += "\r\n";
}

void write(std::string& out, time_description const& t)
{
    out += "t=";
    put(out, t.start);
    out += ' ';
    put(out, t.stop);
    out += "\r\n";
    for (auto const& r : t.repeats) {
        out += "r=";
        out += r.interval;
        out += ' ';
        out += r.duration;
        for (auto const o : r.offsets) {
            out += ' ';
            out += o;
        }
        out += "\r\n";
    }
    if (!t.zones.empty()) {
        out += "z=";
        bool first = true;
        for (auto const& z : t.zones) {
            if (!first)
                out += ' ';
            first = false;
            out += z.time;
            out += ' ';
            out += z.offset;
        }
        out += "\r\n";
    }
}

} // namespace

void serialize(media_description const& m, std::string& out)
{
    out += "m=";
    out += m.media;
    out += ' ';
    put(out, m.port);
    if (m.port_count) {
        out += '/';
        put(out, *m.port_count);
    }
    out += ' ';
    out += m.proto;
    for (auto const f : m.formats) {
        out += ' ';
        out += f;
    }
    out += "\r\n";
    if (!m.information.empty())
        line(out, 'i', m.information);
    for (auto const& c : m.connections)
        write(out, c);
    for (auto const& b : m.bandwidths)
        write(out, b);
    if (m.key)
        write(out, *m.key);
    for (auto const& a : m.attributes)
        write(out, a);
}

void serialize(session_description const& d, std::string& out)
{
    out += "v=";
    put(out, d.version);
    out += "\r\n";
    auto const& o = d.origin;
    out += "o=";
    for (auto const part : {o.username, o.session_id, o.session_version, o.nettype, o.addrtype}) {
        out += part;
        out += ' ';
    }
    out += o.address;
    out += "\r\n";
    line(out, 's', d.name);
    if (!d.information.empty())
        line(out, 'i', d.information);
    if (!d.uri.empty())
        line(out, 'u', d.uri);
    for (auto const e : d.emails)
        line(out, 'e', e);
    for (auto const p : d.phones)
        line(out, 'p', p);
    if (d.connection)
        write(out, *d.connection);
    for (auto const& b : d.bandwidths)
        write(out, b);
    for (auto const& t : d.times)
        write(out, t);
    if (d.key)
        write(out, *d.key);
    for (auto const& a : d.attributes)
        write(out, a);
    for (auto const& m : d.media)
        serialize(m, out);
}

std::string to_string(session_description const& d)
{
    std::string out;
    serialize(d, out);
    return out;
}

} // namespace cpm::sdp
