//! Lines and columns: the one place that turns byte offsets into positions (UTF-8
//! bytes, UTF-16 code units or code points) and back.

use serde::Serialize;

/// How columns are counted: LSP clients default to UTF-16, terminals want characters
/// or bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub enum PositionEncoding {
    #[default]
    #[serde(rename = "utf-16")]
    Utf16,
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-32")]
    Utf32,
}

/// A 0-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Line starts of a text, for turning byte offsets into positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as LSP counts them.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, line_starts }
    }

    /// Clamps `offset` into the text and back onto a character boundary.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = self.clamp(offset);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The text of 0-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_start(line);
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Position of a byte offset in the given encoding.
    pub fn position(&self, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let prefix = &self.text[self.line_starts[line]..offset];
        let character = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            PositionEncoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
            PositionEncoding::Utf32 => prefix.chars().count(),
        };
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// Byte offset of a position in the given encoding (clamped to the line).
    pub fn offset(&self, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let start = self.line_starts[line];
        let text = self.line_text(line);
        let mut units = 0usize;
        for (i, ch) in text.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
        }
        start + text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines_as_in_lsp() {
        let text = "a: 1\rbb: 2\r\ncc: 3\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let at = text.find("cc").unwrap();
        let p = index.position(at + 1, PositionEncoding::Utf16);
        assert_eq!((p.line, p.character), (2, 1));
        assert_eq!(index.offset(p, PositionEncoding::Utf16), at + 1);
        assert_eq!(index.line_text(0), "a: 1");
        assert_eq!(index.line_text(1), "bb: 2");
        assert_eq!(
            index
                .position(text.find("bb").unwrap(), PositionEncoding::Utf8)
                .line,
            1
        );
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "a: é😀x\nb: 1\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(x, PositionEncoding::Utf16),
            Position {
                line: 0,
                character: 6
            }
        );
        assert_eq!(index.position(x, PositionEncoding::Utf8).character, 9);
        assert_eq!(index.position(x, PositionEncoding::Utf32).character, 5);
        let b = text.find('b').unwrap();
        assert_eq!(
            index.position(b, PositionEncoding::Utf16),
            Position {
                line: 1,
                character: 0
            }
        );
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            assert_eq!(index.offset(index.position(x, enc), enc), x);
        }
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let index = LineIndex::new("ab");
        assert_eq!(
            index.position(99, PositionEncoding::Utf16),
            Position {
                line: 0,
                character: 2
            }
        );
        let index = LineIndex::new("é");
        assert_eq!(index.position(1, PositionEncoding::Utf8).character, 0);
    }
}
