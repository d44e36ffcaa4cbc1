//! IP prefixes (the `ipnet` crate) and Terraform's `cidrhost` on top of them, for IPv4
//! and IPv6 alike.

use std::fmt;
use std::net::IpAddr;

use ipnet::{IpAdd, IpNet, IpSub};
use thiserror::Error;

/// Why a CIDR or a host number was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AddressError {
    #[error("`{0}` is not in CIDR notation (address/prefix length, e.g. 10.10.100.0/24)")]
    NotCidr(String),
    #[error("`{0}` is not an IP address")]
    BadAddress(String),
    #[error("prefix length {length} is out of range for {family} (0..={max})")]
    BadPrefix {
        length: String,
        family: &'static str,
        max: u8,
    },
    /// Terraform would compute on 128 bits but print the hosts as plain IPv4 addresses,
    /// which then carry an IPv6 prefix length: no node could use them.
    #[error("`{written}` is an IPv4-mapped IPv6 prefix; write the IPv4 prefix {ipv4}")]
    MappedIpv4 { written: String, ipv4: String },
    /// Terraform's own wording for `cidrhost`.
    #[error("prefix of {prefix} does not accommodate a host numbered {host}")]
    HostOutOfRange { prefix: u8, host: i128 },
}

/// A prefix as written (`10.10.100.7/24` keeps its host bits); everything computed from
/// it uses the network (`10.10.100.0/24`), as Terraform does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cidr {
    net: IpNet,
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.net.trunc().fmt(f)
    }
}

/// The width of an address family in bits.
pub fn family_bits(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

/// Parses an IP address as Go's `net.ParseIP` would (no zone, no brackets).
pub fn parse_ip(text: &str) -> Result<IpAddr, AddressError> {
    text.parse::<IpAddr>()
        .map_err(|_| AddressError::BadAddress(text.to_owned()))
}

impl Cidr {
    /// Parses `address/length`, as Terraform's `cidrhost` accepts it. The two halves are
    /// read here rather than by `IpNet`'s `FromStr`, which cannot say which half is
    /// wrong, takes `010.0.0.0` as an address (Go and the standard library refuse the
    /// leading zero) and refuses a three-digit length (`/024`, which Go accepts).
    pub fn parse(text: &str) -> Result<Cidr, AddressError> {
        let (addr, length) = text
            .split_once('/')
            .ok_or_else(|| AddressError::NotCidr(text.to_owned()))?;
        let addr = parse_ip(addr)?;
        let max = family_bits(addr);
        let bad_prefix = || AddressError::BadPrefix {
            length: length.to_owned(),
            family: if max == 32 { "IPv4" } else { "IPv6" },
            max,
        };
        if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) || length.len() > 3 {
            return Err(bad_prefix());
        }
        let prefix: u8 = length.parse().map_err(|_| bad_prefix())?;
        let net = IpNet::new(addr, prefix).map_err(|_| bad_prefix())?;
        if let IpAddr::V6(v6) = addr {
            if let Some(v4) = v6.to_ipv4_mapped().filter(|_| prefix >= 96) {
                return Err(AddressError::MappedIpv4 {
                    written: text.to_owned(),
                    ipv4: format!("{v4}/{}", prefix - 96),
                });
            }
        }
        Ok(Cidr { net })
    }

    /// The prefix length.
    pub fn prefix(&self) -> u8 {
        self.net.prefix_len()
    }

    pub fn bits(&self) -> u8 {
        self.net.max_prefix_len()
    }

    pub fn is_ipv4(&self) -> bool {
        matches!(self.net, IpNet::V4(_))
    }

    fn host_bits(&self) -> u8 {
        self.bits() - self.prefix()
    }

    /// The largest host number: 2^(host bits) - 1, the host mask (every address the
    /// planner computes asks for it: the mask alone, not broadcast minus network).
    pub fn max_host(&self) -> u128 {
        match self.net {
            IpNet::V4(n) => u128::from(u32::from(n.hostmask())),
            IpNet::V6(n) => u128::from(n.hostmask()),
        }
    }

    /// The first address (host bits zero).
    pub fn network(&self) -> IpAddr {
        self.net.network()
    }

    /// The last address (host bits one): the IPv4 broadcast address.
    pub fn last(&self) -> IpAddr {
        self.net.broadcast()
    }

    /// The network address when no host may use it: IPv4 prefixes up to /30, and IPv6
    /// prefixes up to /126, where it is the subnet-router anycast address (RFC 4291).
    /// /31 and /127 point-to-point links (RFC 3021, RFC 6164) and single addresses have
    /// none.
    pub fn reserved_network(&self) -> Option<IpAddr> {
        (self.host_bits() >= 2).then(|| self.network())
    }

    /// The IPv4 broadcast address (prefixes up to /30); IPv6 has no broadcast.
    pub fn reserved_broadcast(&self) -> Option<IpAddr> {
        (self.is_ipv4() && self.host_bits() >= 2).then(|| self.last())
    }

    /// Whether `ip` is the reserved network or broadcast address, and which.
    pub fn reserved_role(&self, ip: IpAddr) -> Option<&'static str> {
        if self.reserved_network() == Some(ip) {
            Some("network")
        } else if self.reserved_broadcast() == Some(ip) {
            Some("broadcast")
        } else {
            None
        }
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.net.contains(&ip)
    }

    /// The host number of `ip` in this prefix.
    pub fn host_number(&self, ip: IpAddr) -> Option<u128> {
        match (self.net, ip) {
            (IpNet::V4(n), IpAddr::V4(a)) if n.contains(&a) => {
                Some(u128::from(a.saturating_sub(n.network())))
            }
            (IpNet::V6(n), IpAddr::V6(a)) if n.contains(&a) => Some(a.saturating_sub(n.network())),
            _ => None,
        }
    }

    /// Normalises a Terraform host number (negative counts back from the last
    /// address: -1 is the broadcast) to an index from the network address.
    pub fn host_index(&self, host: i128) -> Result<u128, AddressError> {
        let max = self.max_host();
        let out_of_range = || AddressError::HostOutOfRange {
            prefix: self.prefix(),
            host,
        };
        let index = if host >= 0 {
            u128::try_from(host).ok()
        } else {
            // -1 is the last address: count back from it.
            u128::try_from(-(host + 1))
                .ok()
                .and_then(|back| max.checked_sub(back))
        };
        index.filter(|&i| i <= max).ok_or_else(out_of_range)
    }

    /// Terraform's `cidrhost(prefix, host)`.
    pub fn host(&self, host: i128) -> Result<IpAddr, AddressError> {
        let index = self.host_index(host)?;
        Ok(self.at_index(index))
    }

    /// The address at a non-negative index (no range check beyond masking).
    pub fn at_index(&self, index: u128) -> IpAddr {
        let index = index & self.max_host();
        match self.net {
            // The mask keeps an IPv4 index below 2^32.
            IpNet::V4(n) => IpAddr::V4(n.network().saturating_add(index as u32)),
            IpNet::V6(n) => IpAddr::V6(n.network().saturating_add(index)),
        }
    }
}

/// An address for a URL: IPv6 in brackets.
pub fn url_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn cidrhost_matches_terraform() {
        let c = Cidr::parse("10.10.100.0/24").unwrap();
        assert_eq!(c.host(10).unwrap(), ip("10.10.100.10"));
        assert_eq!(c.host(0).unwrap(), ip("10.10.100.0"));
        assert_eq!(c.host(255).unwrap(), ip("10.10.100.255"));
        assert_eq!(c.host(-1).unwrap(), ip("10.10.100.255"));
        assert_eq!(c.host(-2).unwrap(), ip("10.10.100.254"));
        assert_eq!(c.host(-256).unwrap(), ip("10.10.100.0"));
        assert_eq!(
            c.host(256).unwrap_err().to_string(),
            "prefix of 24 does not accommodate a host numbered 256"
        );
        assert!(c.host(-257).is_err());
    }

    #[test]
    fn host_bits_are_masked() {
        let c = Cidr::parse("10.10.100.77/24").unwrap();
        assert_eq!(c.network(), ip("10.10.100.0"));
        assert_eq!(c.host(5).unwrap(), ip("10.10.100.5"));
        assert_eq!(c.to_string(), "10.10.100.0/24");
    }

    #[test]
    fn ipv6_works_on_128_bits() {
        let c = Cidr::parse("fd00:10:100::/64").unwrap();
        assert_eq!(c.host(10).unwrap(), ip("fd00:10:100::a"));
        assert_eq!(c.host(-1).unwrap(), ip("fd00:10:100::ffff:ffff:ffff:ffff"));
        assert!(c.contains(ip("fd00:10:100::1234")));
        assert!(!c.contains(ip("10.0.0.1")));
        assert_eq!(c.reserved_network(), Some(ip("fd00:10:100::")));
        assert_eq!(c.reserved_broadcast(), None);
        let p2p = Cidr::parse("fd00::/127").unwrap();
        assert_eq!(p2p.reserved_network(), None);
        let all = Cidr::parse("::/0").unwrap();
        assert_eq!(all.max_host(), u128::MAX);
        assert_eq!(
            all.host(-1).unwrap(),
            ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        );
    }

    #[test]
    fn ipv4_mapped_prefixes_are_refused_with_their_ipv4_form() {
        let err = Cidr::parse("::ffff:10.10.100.0/120").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`::ffff:10.10.100.0/120` is an IPv4-mapped IPv6 prefix; write the IPv4 prefix 10.10.100.0/24"
        );
        // A wider prefix merely contains the mapped range: ordinary IPv6.
        assert!(Cidr::parse("::/64").is_ok());
    }

    #[test]
    fn tiny_prefixes() {
        let c = Cidr::parse("10.0.0.8/32").unwrap();
        assert_eq!(c.host(0).unwrap(), ip("10.0.0.8"));
        assert!(c.host(1).is_err());
        let c = Cidr::parse("10.0.0.0/0").unwrap();
        assert_eq!(c.host(-1).unwrap(), ip("255.255.255.255"));
    }

    #[test]
    fn rejects_bad_cidrs() {
        for bad in [
            "10.10.100.0",
            "10.10.100.0/33",
            "10.10.100.0/-1",
            "10.10.100/24",
            "10.10.100.0/+8",
            "fd00::/129",
            "x/24",
            "",
        ] {
            assert!(Cidr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn host_numbers_and_indices() {
        let c = Cidr::parse("10.10.100.0/24").unwrap();
        assert_eq!(c.max_host(), 255);
        assert_eq!(c.host_number(ip("10.10.100.42")), Some(42));
        assert_eq!(c.host_number(ip("10.10.101.1")), None);
        assert_eq!(c.host_number(ip("fd00::1")), None);
        assert_eq!(c.at_index(256 + 7), ip("10.10.100.7"));
        let v6 = Cidr::parse("fd00::/120").unwrap();
        assert_eq!(v6.host_number(ip("fd00::ff")), Some(255));
        assert_eq!(v6.last(), ip("fd00::ff"));
    }

    #[test]
    fn written_like_go() {
        // Go's ParseCIDR takes a zero-padded length; the standard library (like Go since
        // 1.17) refuses zero-padded IPv4 octets.
        assert_eq!(Cidr::parse("10.10.100.0/024").unwrap().prefix(), 24);
        assert!(matches!(
            Cidr::parse("010.10.100.0/24"),
            Err(AddressError::BadAddress(_))
        ));
        assert_eq!(
            Cidr::parse("10.0.0.0/40").unwrap_err().to_string(),
            "prefix length 40 is out of range for IPv4 (0..=32)"
        );
    }

    #[test]
    fn url_hosts_bracket_ipv6() {
        assert_eq!(url_host(ip("10.0.0.1")), "10.0.0.1");
        assert_eq!(url_host(ip("fd00::1")), "[fd00::1]");
    }
}
