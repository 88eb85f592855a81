//! The compact form in which results cross to JavaScript: any `Serialize` value written as one
//! list of numbers (the tape) and one text holding all its strings, which `src/wasm/wire.js`
//! turns back into plain objects in a single pass. Walking the value from Rust instead costs a
//! call into JS per object, property and string; this way a result crosses in one call, its
//! text is decoded once, and the short strings that recur (property names, codes, categories,
//! paths) are sent once per instance and then by number.
//!
//! The objects built are those of JSON: maps and structs are objects with their keys in order,
//! `None` and `()` are `null`, enums are externally tagged, integers and floats are numbers.
//!
//! Pure Rust: the binding hands [`Wire::tape`] and [`Wire::text`] to the decoder.

use serde::ser::{self, Serialize};

use crate::lexicon::FastMap;

/// The tape's operations; each is one number, followed by its operands.
pub mod op {
    pub const NULL: f64 = 0.0;
    pub const FALSE: f64 = 1.0;
    pub const TRUE: f64 = 2.0;
    /// A number: the next entry.
    pub const NUMBER: f64 = 3.0;
    /// A string: UTF-16 start and end in the text.
    pub const STRING: f64 = 4.0;
    /// A string to keep: start and end, as `STRING`; it takes the next number of the table.
    pub const KEEP: f64 = 5.0;
    /// A kept string: its number in the table.
    pub const KEPT: f64 = 6.0;
    /// An array: items until `END`.
    pub const ARRAY: f64 = 7.0;
    /// An object: key, value pairs until `END`.
    pub const OBJECT: f64 = 8.0;
    pub const END: f64 = 9.0;
    /// Forget every kept string, then read a value: the table restarts.
    pub const RESET: f64 = 10.0;
}

/// Strings kept for later calls are this short at most, and this many at most: past that, new
/// strings cross in full each time (still correct, only slower).
const KEEP_MAX_BYTES: usize = 40;
const KEEP_MAX_COUNT: usize = 8192;

/// The encoder, with the table of strings kept across calls (the decoder holds the same table).
#[derive(Debug, Default)]
pub struct Wire {
    kept: FastMap<Box<str>, u32>,
    /// The numbers of the field names kept, by their place in static memory: a name is found
    /// without hashing its text.
    names: FastMap<(usize, usize), u32>,
    /// Set when an encoding failed part way: its kept strings never reached the decoder, so both
    /// tables restart with the next tape.
    reset: bool,
    tape: Vec<f64>,
    text: String,
    text_utf16: usize,
}

/// Why a value cannot be written.
#[derive(Debug)]
pub struct WireError(pub String);

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WireError {}

impl ser::Error for WireError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        WireError(msg.to_string())
    }
}

impl Wire {
    /// Writes `value`; then [`Wire::tape`] and [`Wire::text`] hold it until the next call.
    pub fn encode<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WireError> {
        // A big result (a long document) does not keep its buffers for the instance's life.
        const KEEP_CAPACITY: usize = 1 << 16;
        if self.tape.capacity() > KEEP_CAPACITY {
            self.tape = Vec::new();
        }
        if self.text.capacity() > KEEP_CAPACITY {
            self.text = String::new();
        }
        self.tape.clear();
        self.text.clear();
        self.text_utf16 = 0;
        if self.reset {
            self.kept.clear();
            self.names.clear();
            self.tape.push(op::RESET);
            self.reset = false;
        }
        let written = value.serialize(&mut *self);
        if written.is_err() {
            self.reset = true;
        }
        written
    }

    /// Both tables restart with the next tape: for when the decoder failed part way.
    pub fn restart(&mut self) {
        self.reset = true;
    }

    pub fn tape(&self) -> &[f64] {
        &self.tape
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn string(&mut self, s: &str) {
        let short = s.len() <= KEEP_MAX_BYTES;
        if short {
            if let Some(&n) = self.kept.get(s) {
                self.tape.extend([op::KEPT, f64::from(n)]);
                return;
            }
        }
        let keep = short && self.room();
        if keep {
            self.kept.insert(s.into(), self.count());
        }
        self.push_text(s, keep);
    }

    /// A field name: `&'static str`, so its address names it for good.
    fn name(&mut self, s: &'static str) {
        let at = (s.as_ptr() as usize, s.len());
        if let Some(&n) = self.names.get(&at) {
            self.tape.extend([op::KEPT, f64::from(n)]);
            return;
        }
        let keep = self.room();
        if keep {
            self.names.insert(at, self.count());
        }
        self.push_text(s, keep);
    }

    /// How many strings are kept, names and texts together: the number the next one takes.
    fn count(&self) -> u32 {
        (self.kept.len() + self.names.len()) as u32
    }

    /// Whether the table takes one more string.
    fn room(&self) -> bool {
        self.kept.len() + self.names.len() < KEEP_MAX_COUNT
    }

    fn push_text(&mut self, s: &str, keep: bool) {
        let start = self.text_utf16;
        self.text.push_str(s);
        self.text_utf16 += if s.is_ascii() { s.len() } else { s.encode_utf16().count() };
        self.tape.extend([if keep { op::KEEP } else { op::STRING }, start as f64, self.text_utf16 as f64]);
    }

    fn number(&mut self, n: f64) {
        self.tape.extend([op::NUMBER, n]);
    }

    fn tagged(&mut self, variant: &'static str) {
        self.tape.push(op::OBJECT);
        self.name(variant);
    }
}

type Done = Result<(), WireError>;

macro_rules! numbers {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Done {
            self.number(v as f64);
            Ok(())
        })*
    };
}

impl ser::Serializer for &mut Wire {
    type Ok = ();
    type Error = WireError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.tape.push(if v { op::TRUE } else { op::FALSE });
        Ok(())
    }
    // JS numbers are doubles: 64-bit integers past 2^53 round, as they would in JSON.parse.
    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_f32: f32);
    numbers!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f64(self, v: f64) -> Done {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.tape.push(op::ARRAY);
        v.iter().for_each(|&b| self.number(f64::from(b)));
        self.tape.push(op::END);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tape.push(op::NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.name(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.tagged(variant);
        value.serialize(&mut *self)?;
        self.tape.push(op::END);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, WireError> {
        self.tape.push(op::ARRAY);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, WireError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, WireError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, WireError> {
        self.tagged(variant);
        self.tape.push(op::ARRAY);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, WireError> {
        self.tape.push(op::OBJECT);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, WireError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, WireError> {
        self.tagged(variant);
        self.tape.push(op::OBJECT);
        Ok(self)
    }
}

/// The compound serializers that write elements (`$method(value)`) or named fields
/// (`$method(key, value)`), then close with `$ends` × `END` (two for an enum's variant: its
/// contents and the object that tags it).
macro_rules! compound {
    ($trait:ident, named, $ends:literal) => {
        impl ser::$trait for &mut Wire {
            type Ok = ();
            type Error = WireError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
                self.name(key);
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tape.extend([op::END; $ends]);
                Ok(())
            }
        }
    };
    ($trait:ident, $method:ident, $ends:literal) => {
        impl ser::$trait for &mut Wire {
            type Ok = ();
            type Error = WireError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tape.extend([op::END; $ends]);
                Ok(())
            }
        }
    };
}

compound!(SerializeSeq, serialize_element, 1);
compound!(SerializeTuple, serialize_element, 1);
compound!(SerializeTupleStruct, serialize_field, 1);
compound!(SerializeTupleVariant, serialize_field, 2);
compound!(SerializeStruct, named, 1);
compound!(SerializeStructVariant, named, 2);

impl ser::SerializeMap for &mut Wire {
    type Ok = ();
    type Error = WireError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(KeyWriter(self))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tape.push(op::END);
        Ok(())
    }
}

/// Writes a map key: a string, or an integer as its decimal text (as JSON has it); other keys
/// are an error.
struct KeyWriter<'a>(&'a mut Wire);

impl KeyWriter<'_> {
    fn integer(self, v: impl std::fmt::Display) -> Done {
        self.0.string(&v.to_string());
        Ok(())
    }
}

macro_rules! integer_keys {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Done {
            self.integer(v)
        })*
    };
}

macro_rules! refused_keys {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, _: $t) -> Done {
            key_error()
        })*
    };
}

fn key_error<T>() -> Result<T, WireError> {
    Err(WireError("a map key must be a string or an integer".into()))
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = WireError;
    type SerializeSeq = ser::Impossible<(), WireError>;
    type SerializeTuple = ser::Impossible<(), WireError>;
    type SerializeTupleStruct = ser::Impossible<(), WireError>;
    type SerializeTupleVariant = ser::Impossible<(), WireError>;
    type SerializeMap = ser::Impossible<(), WireError>;
    type SerializeStruct = ser::Impossible<(), WireError>;
    type SerializeStructVariant = ser::Impossible<(), WireError>;

    fn serialize_str(self, v: &str) -> Done {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    integer_keys!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);
    integer_keys!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    refused_keys!(serialize_bool: bool, serialize_f32: f32, serialize_f64: f64, serialize_bytes: &[u8]);
    fn serialize_none(self) -> Done {
        key_error()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Done {
        key_error()
    }
    fn serialize_unit(self) -> Done {
        key_error()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        key_error()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Done {
        key_error()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WireError> {
        key_error()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WireError> {
        key_error()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, WireError> {
        key_error()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WireError> {
        key_error()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WireError> {
        key_error()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, WireError> {
        key_error()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WireError> {
        key_error()
    }
}

#[cfg(test)]
mod tests {
    // Tests only: unwraps assert on fixed inputs.
    use super::*;
    use serde_json::{json, Value};

    /// Reads a tape back as `wire.js` does, into JSON, with the decoder's table of kept strings.
    fn read(wire: &Wire, kept: &mut Vec<String>) -> Value {
        let text: Vec<u16> = wire.text().encode_utf16().collect();
        let tape = wire.tape();
        let mut at = 0;
        let v = value(tape, &text, &mut at, kept);
        assert_eq!(at, tape.len(), "the whole tape is one value");
        v
    }

    fn value(tape: &[f64], text: &[u16], at: &mut usize, kept: &mut Vec<String>) -> Value {
        let op = tape[*at];
        *at += 1;
        let slice = |at: &mut usize| {
            let (a, b) = (tape[*at] as usize, tape[*at + 1] as usize);
            *at += 2;
            String::from_utf16(&text[a..b]).unwrap()
        };
        match op {
            op::NULL => Value::Null,
            op::FALSE => Value::Bool(false),
            op::TRUE => Value::Bool(true),
            op::NUMBER => {
                *at += 1;
                json!(tape[*at - 1])
            }
            op::STRING => Value::String(slice(at)),
            op::KEEP => {
                let s = slice(at);
                kept.push(s.clone());
                Value::String(s)
            }
            op::KEPT => {
                *at += 1;
                Value::String(kept[tape[*at - 1] as usize].clone())
            }
            op::ARRAY => {
                let mut out = Vec::new();
                while tape[*at] != op::END {
                    out.push(value(tape, text, at, kept));
                }
                *at += 1;
                Value::Array(out)
            }
            op::OBJECT => {
                let mut out = serde_json::Map::new();
                while tape[*at] != op::END {
                    let Value::String(k) = value(tape, text, at, kept) else { panic!("a key is a string") };
                    out.insert(k, value(tape, text, at, kept));
                }
                *at += 1;
                Value::Object(out)
            }
            op::RESET => {
                kept.clear();
                value(tape, text, at, kept)
            }
            other => panic!("unknown entry {other}"),
        }
    }

    /// Numbers compared as JSON has them after a round trip through f64.
    fn as_floats(v: Value) -> Value {
        match v {
            Value::Number(n) => json!(n.as_f64().unwrap()),
            Value::Array(a) => Value::Array(a.into_iter().map(as_floats).collect()),
            Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, as_floats(v))).collect()),
            v => v,
        }
    }

    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        New(u8),
        Pair(i32, &'static str),
        Named { side: f64 },
    }

    #[derive(serde::Serialize)]
    struct Sample {
        name: &'static str,
        text: String,
        none: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
        list: Vec<Shape>,
        map: std::collections::BTreeMap<u32, bool>,
        unit: (),
        ch: char,
        big: u64,
    }

    fn sample(text: &str) -> Sample {
        Sample {
            name: "static name",
            text: text.to_string(),
            none: None,
            skipped: None,
            list: vec![Shape::Unit, Shape::New(7), Shape::Pair(-3, "x"), Shape::Named { side: 0.25 }],
            map: [(2, true), (10, false)].into_iter().collect(),
            unit: (),
            ch: 'é',
            big: 1 << 40,
        }
    }

    #[test]
    fn a_value_reads_back_as_its_json() {
        let mut wire = Wire::default();
        let mut kept = Vec::new();
        for text in ["plain", "emoji 🚚 and accents àé, then more", &"long ".repeat(40), ""] {
            let v = sample(text);
            wire.encode(&v).unwrap();
            assert_eq!(read(&wire, &mut kept), as_floats(serde_json::to_value(&v).unwrap()), "{text}");
        }
    }

    #[test]
    fn strings_sent_once_are_sent_by_number_after() {
        let mut wire = Wire::default();
        let mut kept = Vec::new();
        let v = sample("components[0].text");
        wire.encode(&v).unwrap();
        let first = wire.text().len();
        assert!(wire.text().contains("components[0].text") && wire.text().contains("static name"));
        read(&wire, &mut kept);
        wire.encode(&v).unwrap();
        assert_eq!(wire.text(), "", "everything of the second result was kept (first took {first} bytes)");
        assert_eq!(read(&wire, &mut kept), as_floats(serde_json::to_value(&v).unwrap()));
        // A long string is never kept.
        let long = sample(&"x".repeat(KEEP_MAX_BYTES + 1));
        wire.encode(&long).unwrap();
        assert_eq!(wire.text().len(), KEEP_MAX_BYTES + 1);
        assert_eq!(read(&wire, &mut kept), as_floats(serde_json::to_value(&long).unwrap()));
    }

    #[test]
    fn the_table_stops_growing_at_its_limit() {
        let mut wire = Wire::default();
        let mut kept = Vec::new();
        let words: Vec<String> = (0..KEEP_MAX_COUNT + 100).map(|i| format!("w{i}")).collect();
        wire.encode(&words).unwrap();
        assert_eq!(read(&wire, &mut kept), serde_json::to_value(&words).unwrap());
        assert_eq!(kept.len(), KEEP_MAX_COUNT);
        wire.encode(&words).unwrap();
        assert_eq!(read(&wire, &mut kept), serde_json::to_value(&words).unwrap());
        assert_eq!(kept.len(), KEEP_MAX_COUNT);
    }

    #[test]
    fn a_failed_encoding_restarts_both_tables() {
        let mut wire = Wire::default();
        let mut kept = Vec::new();
        // Written part way (the key "kept-before-failing"), then the float key fails.
        let mut bad = serde_json::Map::new();
        bad.insert("kept-before-failing".into(), json!(1));
        struct FloatKeys;
        impl Serialize for FloatKeys {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("fine", &1)?;
                m.serialize_entry(&1.5, &2)?;
                m.end()
            }
        }
        assert!(wire.encode(&(Value::Object(bad), FloatKeys)).is_err());
        // The decoder never saw that tape; the next one restarts the table it holds.
        kept.push("stale".into());
        let v = sample("after");
        wire.encode(&v).unwrap();
        assert_eq!(wire.tape()[0], op::RESET);
        assert_eq!(read(&wire, &mut kept), as_floats(serde_json::to_value(&v).unwrap()));
        assert!(!kept.contains(&"stale".to_string()));
        // A decoder failure is handled the same way.
        wire.restart();
        wire.encode(&v).unwrap();
        assert_eq!(wire.tape()[0], op::RESET);
        assert_eq!(read(&wire, &mut kept), as_floats(serde_json::to_value(&v).unwrap()));
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let mut wire = Wire::default();
        let v = ("🚚", "x".repeat(50), "àb");
        wire.encode(&v).unwrap();
        // 🚚 is two UTF-16 units; the long string starts after them.
        let t = wire.tape();
        assert_eq!(&t[..4], &[op::ARRAY, op::KEEP, 0.0, 2.0]);
        assert_eq!(&t[4..7], &[op::STRING, 2.0, 52.0]);
        assert_eq!(&t[7..10], &[op::KEEP, 52.0, 54.0]);
        assert_eq!(read(&wire, &mut Vec::new()), serde_json::to_value(&v).unwrap());
    }
}
