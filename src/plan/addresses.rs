//! IP prefixes and Terraform's `cidrhost`, for IPv4 and IPv6 alike (both are handled as
//! 128-bit numbers with a width).

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

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

/// An address with a prefix length, as written (`10.10.100.7/24` keeps its host bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cidr {
    pub addr: IpAddr,
    pub prefix: u8,
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network(), self.prefix)
    }
}

/// The width of an address family in bits.
pub fn family_bits(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

fn to_u128(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

fn from_u128(value: u128, bits: u8) -> IpAddr {
    if bits == 32 {
        IpAddr::V4(Ipv4Addr::from((value & u128::from(u32::MAX)) as u32))
    } else {
        IpAddr::V6(Ipv6Addr::from(value))
    }
}

/// Parses an IP address as Go's `net.ParseIP` would (no zone, no brackets).
pub fn parse_ip(text: &str) -> Result<IpAddr, AddressError> {
    text.parse::<IpAddr>()
        .map_err(|_| AddressError::BadAddress(text.to_owned()))
}

impl Cidr {
    /// Parses `address/length`, as Terraform's `cidrhost` accepts it.
    pub fn parse(text: &str) -> Result<Cidr, AddressError> {
        let (addr, length) = text
            .split_once('/')
            .ok_or_else(|| AddressError::NotCidr(text.to_owned()))?;
        let addr = parse_ip(addr)?;
        let max = family_bits(addr);
        let family = if max == 32 { "IPv4" } else { "IPv6" };
        let bad_prefix = || AddressError::BadPrefix {
            length: length.to_owned(),
            family,
            max,
        };
        if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) || length.len() > 3 {
            return Err(bad_prefix());
        }
        let prefix: u8 = length.parse().map_err(|_| bad_prefix())?;
        if prefix > max {
            return Err(bad_prefix());
        }
        if let IpAddr::V6(v6) = addr {
            if let Some(v4) = v6.to_ipv4_mapped().filter(|_| prefix >= 96) {
                return Err(AddressError::MappedIpv4 {
                    written: text.to_owned(),
                    ipv4: format!("{v4}/{}", prefix - 96),
                });
            }
        }
        Ok(Cidr { addr, prefix })
    }

    pub fn bits(&self) -> u8 {
        family_bits(self.addr)
    }

    pub fn is_ipv4(&self) -> bool {
        self.bits() == 32
    }

    fn host_bits(&self) -> u8 {
        self.bits() - self.prefix
    }

    /// The largest host number: 2^(host bits) - 1.
    pub fn max_host(&self) -> u128 {
        match self.host_bits() {
            128 => u128::MAX,
            n => (1u128 << n) - 1,
        }
    }

    fn base(&self) -> u128 {
        to_u128(self.addr) & !self.max_host()
    }

    /// The first address (host bits zero).
    pub fn network(&self) -> IpAddr {
        from_u128(self.base(), self.bits())
    }

    /// The last address (host bits one): the IPv4 broadcast address.
    pub fn last(&self) -> IpAddr {
        from_u128(self.base() | self.max_host(), self.bits())
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
        family_bits(ip) == self.bits() && to_u128(ip) & !self.max_host() == self.base()
    }

    /// The host number of `ip` in this prefix.
    pub fn host_number(&self, ip: IpAddr) -> Option<u128> {
        self.contains(ip).then(|| to_u128(ip) & self.max_host())
    }

    /// Normalises a Terraform host number (negative counts back from the last
    /// address: -1 is the broadcast) to an index from the network address.
    pub fn host_index(&self, host: i128) -> Result<u128, AddressError> {
        let max = self.max_host();
        let out_of_range = || AddressError::HostOutOfRange {
            prefix: self.prefix,
            host,
        };
        if host >= 0 {
            let index = u128::try_from(host).map_err(|_| out_of_range())?;
            if index > max {
                return Err(out_of_range());
            }
            Ok(index)
        } else {
            let back = u128::try_from(-(host + 1)).map_err(|_| out_of_range())?;
            if back > max {
                return Err(out_of_range());
            }
            Ok(max - back)
        }
    }

    /// Terraform's `cidrhost(prefix, host)`.
    pub fn host(&self, host: i128) -> Result<IpAddr, AddressError> {
        let index = self.host_index(host)?;
        Ok(self.at_index(index))
    }

    /// The address at a non-negative index (no range check beyond masking).
    pub fn at_index(&self, index: u128) -> IpAddr {
        from_u128(self.base() | (index & self.max_host()), self.bits())
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
    fn url_hosts_bracket_ipv6() {
        assert_eq!(url_host(ip("10.0.0.1")), "10.0.0.1");
        assert_eq!(url_host(ip("fd00::1")), "[fd00::1]");
    }
}
