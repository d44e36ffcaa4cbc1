//! Decimal text to `f64`, for the readers (YAML's and JSON's floats, Terraform's numeric
//! strings) and the patch writer's "does this look like a number" test.
//!
//! `str::parse::<f64>` links the standard library's Eisel-Lemire tables (about 10 KB
//! that gzip cannot shrink) into the page's WebAssembly; lexical's compact parser gives
//! the same correctly rounded result from much less code. Floats are rare in a config
//! (a version typed as `1.12`, `cpu: 4.0`), so its slower path costs nothing that
//! matters.

/// The `f64` nearest to `text`, with `str::parse::<f64>`'s syntax: an optional sign,
/// digits with an optional `.` (`1.`, `.5`), an optional exponent, or `inf`, `infinity`
/// and `nan` in any case. `None` for anything else.
pub fn parse_f64(text: &str) -> Option<f64> {
    lexical_parse_float::FromLexical::from_lexical(text.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    #[test]
    fn agrees_with_the_standard_library() {
        for text in [
            "0",
            "-0",
            "+0",
            "1.5",
            "1.",
            ".5",
            "-.5",
            "+1e3",
            "1E-3",
            "1.12",
            "1.10",
            "0.1",
            "4.0",
            "1e400",
            "-1e400",
            "1e-400",
            "9007199254740993",
            "2.2250738585072014e-308",
            "4.9e-324",
            "1.7976931348623157e308",
            "123456789012345678901234567890",
            "0.30000000000000004",
            "inf",
            "-inf",
            "Infinity",
            "nan",
            "NaN",
            "",
            ".",
            "e5",
            "1e",
            "1e+",
            "--1",
            "1..2",
            "1.2.3",
            "0x10",
            " 1",
            "1 ",
            "1_000",
            "١",
        ] {
            let ours = parse_f64(text);
            let std = text.parse::<f64>().ok();
            match (ours, std) {
                (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{text}"),
                _ => assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{text:?}"),
            }
        }
    }

    proptest! {
        /// YAML's and JSON's number syntax, digits of any length: the same bits as
        /// `str::parse` (which rounds correctly).
        #[test]
        fn decimal_text_rounds_as_the_standard_library(
            sign in "[-+]?",
            int in "[0-9]{0,25}",
            frac in proptest::option::of("[0-9]{0,25}"),
            exp in proptest::option::of(-400i32..400),
        ) {
            let mut text = format!("{sign}{int}");
            if let Some(frac) = &frac {
                text.push('.');
                text.push_str(frac);
            }
            if let Some(exp) = exp {
                text.push_str(&format!("e{exp}"));
            }
            let ours = parse_f64(&text).map(f64::to_bits);
            let std = text.parse::<f64>().ok().map(f64::to_bits);
            prop_assert_eq!(ours, std, "{}", text);
        }

        /// Values written by Rust and read back: the same value.
        #[test]
        fn round_trips(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite());
            prop_assert_eq!(parse_f64(&f.to_string()).map(f64::to_bits), Some(bits));
            prop_assert_eq!(parse_f64(&format!("{f:e}")).map(f64::to_bits), Some(bits));
        }
    }
}
