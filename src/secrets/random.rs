//! The bundle's randomness: a ChaCha20 generator from a 32-byte seed that the caller
//! draws (the operating system natively, `crypto.getRandomValues` in the page), so the
//! core stays pure and a fixed seed gives a fixed bundle in tests.

use base64::Engine;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

/// A seeded cryptographic random number generator.
pub struct Entropy(pub(crate) ChaCha20Rng);

impl Entropy {
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Entropy(ChaCha20Rng::from_seed(seed))
    }

    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.0.fill_bytes(&mut out);
        out
    }

    /// `N` random bytes, standard base64 (Talos's cluster secret, secretbox secret).
    pub fn base64_std<const N: usize>(&mut self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.bytes::<N>())
    }

    /// `N` random bytes, URL-safe base64 with padding (Talos's cluster ID).
    pub fn base64_url<const N: usize>(&mut self) -> String {
        base64::engine::general_purpose::URL_SAFE.encode(self.bytes::<N>())
    }

    /// A token `abcdef.0123456789abcdef` of `[0-9a-z]`, as kubeadm's bootstrap tokens and
    /// Talos's trustd token: bytes from 252 up are skipped so that every character is
    /// equally likely (256 is not a multiple of 36).
    pub fn token(&mut self, first: usize, second: usize) -> String {
        const CHARS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut part = |len: usize| {
            let mut out = String::with_capacity(len);
            while out.len() < len {
                let [b] = self.bytes::<1>();
                if b < 252 {
                    out.push(char::from(CHARS[usize::from(b) % CHARS.len()]));
                }
            }
            out
        };
        let a = part(first);
        let b = part(second);
        format!("{a}.{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_kubeadms_shape() {
        let mut e = Entropy::from_seed([7; 32]);
        for _ in 0..50 {
            let t = e.token(6, 16);
            let (a, b) = t.split_once('.').unwrap();
            assert_eq!((a.len(), b.len()), (6, 16));
            assert!(t
                .bytes()
                .all(|c| c == b'.' || c.is_ascii_digit() || c.is_ascii_lowercase()));
        }
        assert_eq!(e.base64_std::<32>().len(), 44);
        let a = Entropy::from_seed([1; 32]).token(6, 16);
        assert_eq!(a, Entropy::from_seed([1; 32]).token(6, 16));
    }
}
