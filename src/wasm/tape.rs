//! How the results of the per-keystroke calls cross into JavaScript: a serde serializer
//! writes a wire value as one flat list of numbers (the "tape") plus one string holding
//! all of its strings, and `build.js` turns the two into the objects `JSON.parse` would
//! have made of serde_json's text.
//!
//! Why not JSON: for a plan of 100 nodes, `JSON.parse` alone took longer than the whole
//! analysis does natively, and serde_json's writing and the UTF-8 decoding of its text
//! as much again. The tape is decoded in one `TextDecoder` call for all strings, and
//! `build.js` creates each object as a literal, which V8 allocates at once with its final
//! shape.
//!
//! The tape is positional (like bincode): `build.js` knows each wire type's fields, in
//! the order of `wire.rs`. Every struct starts with its number of fields, which
//! `build.js` checks, so a field added on one side only fails loudly; the package tests
//! compare every object's keys with the `.d.ts` that tsify derives from `wire.rs`.
//!
//! | value                      | on the tape                                       |
//! |----------------------------|---------------------------------------------------|
//! | bool                       | 0 or 1                                            |
//! | integer                    | its value (as `JSON.parse` reads it: a double)    |
//! | string, unit variant name  | its length in UTF-16 units; the text is appended  |
//! |                            | to the strings                                    |
//! | `None` / `Some(v)`         | 0 / 1 then v                                      |
//! | sequence                   | its length, then the elements                     |
//! | struct                     | its number of fields, then the values in order   |
//!
//! Anything else (maps, tuples, bytes, data-carrying enum variants other than serde's
//! internally tagged ones) is refused, not guessed at.

use std::cell::RefCell;
use std::fmt;

use serde::ser::{self, Impossible, Serialize};
use wasm_bindgen::prelude::*;

#[cfg(feature = "editor")]
use super::wire::Hover;
use super::wire::{Analysis, Diagnostic, EditResult, Plan, RenderedNode};

#[wasm_bindgen(module = "/src/wasm/build.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = buildAnalysis)]
    fn analysis(strings: &str, tape: &[f64]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildDiagnostics)]
    fn diagnostics(strings: &str, tape: &[f64]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildPlan)]
    fn plan(strings: &str, tape: &[f64]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildRenderedNodes)]
    fn rendered_nodes(strings: &str, tape: &[f64]) -> Result<JsValue, JsValue>;
    #[cfg(feature = "editor")]
    #[wasm_bindgen(catch, js_name = buildHover)]
    fn hover(strings: &str, tape: &[f64]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildEditResult)]
    fn edit_result(strings: &str, tape: &[f64]) -> Result<JsValue, JsValue>;
}

type Build = fn(&str, &[f64]) -> Result<JsValue, JsValue>;

/// A result `build.js` can build, with the builder that knows its fields.
pub(super) trait Root: Serialize {
    const BUILD: Build;
}

impl Root for Analysis<'_> {
    const BUILD: Build = analysis;
}
impl Root for Vec<Diagnostic<'_>> {
    const BUILD: Build = diagnostics;
}
impl Root for Plan<'_> {
    const BUILD: Build = plan;
}
impl Root for Vec<RenderedNode> {
    const BUILD: Build = rendered_nodes;
}
#[cfg(feature = "editor")]
impl Root for Hover {
    const BUILD: Build = hover;
}
impl Root for EditResult<'_> {
    const BUILD: Build = edit_result;
}

thread_local! {
    /// One tape, reused: most calls then allocate nothing for it.
    static TAPE: RefCell<Tape> = RefCell::new(Tape::default());
}

/// `value` as a JavaScript value (what `JSON.parse` would make of its JSON).
pub(super) fn cross<T: Root>(value: &T) -> Result<JsValue, JsValue> {
    TAPE.with_borrow_mut(|tape| {
        tape.clear();
        value
            .serialize(&mut *tape)
            .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
        T::BUILD(&tape.strings, &tape.numbers)
    })
}

/// A value written out: `numbers` and `strings`, as described above.
#[derive(Default)]
pub(super) struct Tape {
    pub(super) numbers: Vec<f64>,
    pub(super) strings: String,
}

/// A wire type used something the tape does not carry (a bug in `wire.rs`).
#[derive(Debug)]
pub(super) struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error: {} cannot cross into JavaScript", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

impl Tape {
    /// Empties the tape, keeping its memory for the next call (unless a huge config
    /// left it large).
    pub(super) fn clear(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.numbers.capacity() > KEEP || self.strings.capacity() > 8 * KEEP {
            *self = Tape::default();
        }
        self.numbers.clear();
        self.strings.clear();
    }

    fn number(&mut self, n: f64) {
        self.numbers.push(n);
    }

    fn string(&mut self, s: &str) {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.numbers.push(units as f64);
        self.strings.push_str(s);
    }

    fn length(&mut self, len: Option<usize>, what: &str) -> Result<(), Unsupported> {
        let len = len.ok_or_else(|| Unsupported(format!("{what} of unknown length")))?;
        self.numbers.push(len as f64);
        Ok(())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_owned()))
}

impl ser::Serializer for &mut Tape {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.number(if v { 1.0 } else { 0.0 });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_i64(v.into())
    }

    /// Rounded to the nearest double, as `JSON.parse` rounds serde_json's digits.
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.number(v as f64);
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.number(v as f64);
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.serialize_f64(v.into())
    }

    /// serde_json writes a non-finite number as `null`; no wire type holds one.
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        if !v.is_finite() {
            return unsupported("a non-finite number");
        }
        self.number(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("a byte string")
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.number(0.0);
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        self.number(1.0);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        unsupported("a unit value")
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Unsupported> {
        unsupported(name)
    }

    /// The variant's (serde-renamed) name, as JSON writes it.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported(name)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Unsupported> {
        self.length(len, "a sequence")?;
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("a tuple")
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported(name)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported(name)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("a map")
    }

    /// Also serde's internally tagged enum variants: a struct whose first field is the
    /// tag.
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self, Unsupported> {
        self.length(Some(len), "a struct")?;
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported(name)
    }
}

impl ser::SerializeSeq for &mut Tape {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Tape {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(&mut **self)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Unsupported> {
        // The field count was already written: a skipped field would shift the rest.
        unsupported(key)
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}
